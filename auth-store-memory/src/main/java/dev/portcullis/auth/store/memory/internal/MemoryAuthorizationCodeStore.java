package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.api.model.AuthorizationCode;
import dev.portcullis.auth.api.model.CodeRedemption;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Authorization-code hashes in a Caffeine cache, each entry, used or not, living until its code
 * expires. Redemption is one atomic {@code compute} that flips the entry to used, so of concurrent
 * callers exactly one sees it unused. At {@code maxCodes} a new code is refused with {@link
 * dev.portcullis.auth.api.error.ServiceUnavailableException} (see {@link Capacity}): dropping a
 * used code would hide its replay. Thread-safe.
 */
public final class MemoryAuthorizationCodeStore implements AuthorizationCodeStore {

  /** {@code replayedEarly}: replayed before its session was attached. */
  private record Entry(AuthorizationCode code, boolean used, boolean replayedEarly) {
    Entry(AuthorizationCode code, boolean used) {
      this(code, used, false);
    }
  }

  private final Capacity capacity;
  private final Cache<String, Entry> codes;

  public MemoryAuthorizationCodeStore(Clock clock, long maxCodes, String settingKey) {
    this.capacity = new Capacity(maxCodes, "memory authorization-code store", settingKey);
    ClockTicker ticker = new ClockTicker(clock);
    this.codes =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(new InstantExpiry<String, Entry>(ticker, e -> e.code().expiresAt()))
            .build();
  }

  @Override
  public void save(AuthorizationCode code) {
    Objects.requireNonNull(code, "code");
    capacity.admit(codes, code.codeHash());
    if (codes.asMap().putIfAbsent(code.codeHash(), new Entry(code, false)) != null) {
      throw new IllegalArgumentException("this authorization-code hash is stored already");
    }
  }

  @Override
  public CodeRedemption consume(String codeHash, Instant now) {
    Args.key(codeHash, "codeHash");
    Objects.requireNonNull(now, "now");
    if (!codeHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("codeHash must be 64 lower-case hex digits (SHA-256)");
    }
    CodeRedemption[] outcome = {new CodeRedemption.Invalid()};
    // One compute: the entry flips to used under the map's lock, so one caller sees it unused.
    codes
        .asMap()
        .computeIfPresent(
            codeHash,
            (hash, entry) -> {
              if (!now.isBefore(entry.code().expiresAt())) {
                return entry;
              }
              outcome[0] =
                  entry.used()
                      ? new CodeRedemption.Replayed(entry.code())
                      : new CodeRedemption.Redeemed(entry.code());
              if (entry.used()) {
                return entry.code().hasSession() ? entry : new Entry(entry.code(), true, true);
              }
              return new Entry(entry.code(), true);
            });
    return outcome[0];
  }

  @Override
  public boolean attachSession(String codeHash, String sessionId, Instant now) {
    Args.key(codeHash, "codeHash");
    Objects.requireNonNull(now, "now");
    if (!codeHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("codeHash must be 64 lower-case hex digits (SHA-256)");
    }
    Args.key(sessionId, "sessionId");
    if (sessionId.length() > 255) {
      throw new IllegalArgumentException("sessionId must be at most 255 characters");
    }
    boolean[] done = {false};
    codes
        .asMap()
        .computeIfPresent(
            codeHash,
            (hash, entry) -> {
              if (!entry.used()
                  || entry.replayedEarly()
                  || entry.code().hasSession()
                  || !now.isBefore(entry.code().expiresAt())) {
                return entry;
              }
              done[0] = true;
              return new Entry(entry.code().withSession(sessionId), true);
            });
    return done[0];
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int count = 0;
    for (Map.Entry<String, Entry> e : codes.asMap().entrySet()) {
      if (e.getValue().code().expiresAt().isBefore(cutoff)
          && codes.asMap().remove(e.getKey(), e.getValue())) {
        count++;
      }
    }
    return count;
  }

  /** Codes held now, used or not, after dropping the expired ones. */
  public long size() {
    codes.cleanUp();
    return codes.estimatedSize();
  }
}
