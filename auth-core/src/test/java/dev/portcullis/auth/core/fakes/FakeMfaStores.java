package dev.portcullis.auth.core.fakes;

import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.MfaChallenge;
import dev.portcullis.auth.api.model.RecoveryCode;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Simple synchronized MFA stores for core tests (auth-core cannot use auth-store-memory). */
public final class FakeMfaStores {
  public final Factors factors = new Factors();
  public final Codes codes = new Codes();
  public final Challenges challenges = new Challenges();

  /** Factor credentials; {@link #beforeUseStep} runs outside the lock (a race hook). */
  public static class Factors implements FactorStore {
    private final Map<String, FactorCredential> byId = new HashMap<>();
    public volatile Runnable beforeUseStep = () -> {};

    @Override
    public synchronized boolean savePending(FactorCredential c) {
      Optional<FactorCredential> old = find(c.userId(), c.type());
      if (old.isPresent() && old.get().active()) {
        return false;
      }
      old.ifPresent(o -> byId.remove(o.id()));
      byId.put(c.id(), c);
      return true;
    }

    @Override
    public synchronized Optional<FactorCredential> find(String userId, String type) {
      return byId.values().stream()
          .filter(c -> c.userId().equals(userId) && c.type().equals(type))
          .findFirst();
    }

    @Override
    public synchronized List<FactorCredential> list(String userId) {
      return byId.values().stream()
          .filter(c -> c.userId().equals(userId))
          .sorted(Comparator.comparing(FactorCredential::createdAt))
          .toList();
    }

    @Override
    public synchronized boolean activate(String id, long step, Instant at) {
      FactorCredential c = byId.get(id);
      if (c == null || c.active()) {
        return false;
      }
      byId.put(
          id, new FactorCredential(id, c.userId(), c.type(), c.secret(), c.createdAt(), at, step));
      return true;
    }

    @Override
    public boolean useStep(String id, long step) {
      beforeUseStep.run();
      synchronized (this) {
        FactorCredential c = byId.get(id);
        if (c == null || !c.active() || c.lastUsedStep() >= step) {
          return false;
        }
        byId.put(
            id,
            new FactorCredential(
                id, c.userId(), c.type(), c.secret(), c.createdAt(), c.activatedAt(), step));
        return true;
      }
    }

    @Override
    public synchronized boolean replaceSecret(String id, String expected, String replacement) {
      FactorCredential c = byId.get(id);
      if (c == null || !c.secret().equals(expected)) {
        return false;
      }
      byId.put(
          id,
          new FactorCredential(
              id,
              c.userId(),
              c.type(),
              replacement,
              c.createdAt(),
              c.activatedAt(),
              c.lastUsedStep()));
      return true;
    }

    @Override
    public synchronized boolean delete(String userId, String type) {
      Optional<FactorCredential> c = find(userId, type);
      c.ifPresent(x -> byId.remove(x.id()));
      return c.isPresent();
    }

    @Override
    public synchronized int deleteAll(String userId) {
      List<FactorCredential> mine = list(userId);
      mine.forEach(c -> byId.remove(c.id()));
      return mine.size();
    }
  }

  /** Recovery codes. */
  public static final class Codes implements RecoveryCodeStore {
    private final Map<String, Map<String, RecoveryCode>> byUser = new HashMap<>();

    @Override
    public synchronized void replaceAll(String userId, List<RecoveryCode> codes) {
      Map<String, RecoveryCode> m = new HashMap<>();
      for (RecoveryCode c : codes) {
        if (!c.userId().equals(userId) || m.put(c.lookupId(), c) != null) {
          throw new IllegalArgumentException("bad codes");
        }
      }
      byUser.put(userId, m);
    }

    @Override
    public synchronized Optional<RecoveryCode> find(String userId, String lookupId) {
      return Optional.ofNullable(byUser.getOrDefault(userId, Map.of()).get(lookupId));
    }

    @Override
    public synchronized boolean consume(String userId, String lookupId) {
      Map<String, RecoveryCode> m = byUser.get(userId);
      return m != null && m.remove(lookupId) != null;
    }

    @Override
    public synchronized int remaining(String userId) {
      return byUser.getOrDefault(userId, Map.of()).size();
    }

    @Override
    public synchronized int deleteAll(String userId) {
      Map<String, RecoveryCode> m = byUser.remove(userId);
      return m == null ? 0 : m.size();
    }

    /** Every stored code, for assertions. */
    public synchronized List<RecoveryCode> all() {
      List<RecoveryCode> out = new ArrayList<>();
      byUser.values().forEach(m -> out.addAll(m.values()));
      return out;
    }
  }

  /** Pending challenges. */
  public static final class Challenges implements MfaChallengeStore {
    public final Map<String, MfaChallenge> byHash = new HashMap<>();

    @Override
    public synchronized void create(MfaChallenge c) {
      if (byHash.putIfAbsent(c.tokenHash(), c) != null) {
        throw new IllegalArgumentException("exists");
      }
    }

    @Override
    public synchronized Optional<MfaChallenge> find(String tokenHash, Instant now) {
      return Optional.ofNullable(byHash.get(tokenHash)).filter(c -> now.isBefore(c.expiresAt()));
    }

    @Override
    public synchronized int recordFailure(String tokenHash, int maxFailures, Instant now) {
      MfaChallenge c = find(tokenHash, now).orElse(null);
      if (c == null) {
        return -1;
      }
      int failures = c.failures() + 1;
      if (failures >= maxFailures) {
        byHash.remove(tokenHash);
      } else {
        byHash.put(
            tokenHash,
            new MfaChallenge(
                c.tokenHash(),
                c.userId(),
                c.credentialsVersion(),
                c.authenticatedAt(),
                c.clientAddress(),
                c.userAgent(),
                c.expiresAt(),
                failures));
      }
      return failures;
    }

    @Override
    public synchronized boolean complete(String tokenHash, Instant now) {
      return find(tokenHash, now).isPresent() && byHash.remove(tokenHash) != null;
    }

    @Override
    public synchronized int deleteAll(String userId) {
      int before = byHash.size();
      byHash.values().removeIf(c -> c.userId().equals(userId));
      return before - byHash.size();
    }

    @Override
    public synchronized int purge(Instant cutoff) {
      int before = byHash.size();
      byHash.values().removeIf(c -> c.expiresAt().isBefore(cutoff));
      return before - byHash.size();
    }
  }
}
