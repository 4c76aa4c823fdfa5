package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failure accounting in a Caffeine cache. Each key's entry lives exactly as long as something in it
 * matters: its failure window, its lock, its reservations in flight and, for progressive lockout,
 * the memory of consecutive locks. Entries are never evicted for space, since evicting a lock would
 * let an attacker unlock accounts by flooding the tracker with other keys: at {@code maxKeys} a
 * reservation for a new key throws {@code ServiceUnavailableException} (callers fail closed) while
 * tracked keys keep working. Thread-safe; each operation is one atomic compute per key.
 */
public final class MemoryLoginAttemptTracker implements LoginAttemptTracker {

  private static final Comparator<LockStatus> SOONEST_FIRST =
      Comparator.comparing(LockStatus::lockedUntil).thenComparing(LockStatus::key);

  private final LockoutPolicy policy;
  private final ClockTicker ticker;
  private final Duration reservationTimeout;
  private final Cache<String, AttemptState> states;
  private final Capacity capacity;
  private final AtomicLong reservationIds = new AtomicLong();

  /**
   * @param reservationTimeout how long a reservation never completed holds its slot; capped at the
   *     policy's window
   */
  public MemoryLoginAttemptTracker(
      LockoutPolicy policy, Clock clock, long maxKeys, Duration reservationTimeout) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ticker = new ClockTicker(clock);
    this.reservationTimeout =
        reservationTimeout.compareTo(policy.window()) < 0 ? reservationTimeout : policy.window();
    this.capacity =
        new Capacity(
            maxKeys, "the in-memory login attempt tracker", "auth.store.memory.max-tracked-keys");
    this.states =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(
                new InstantExpiry<String, AttemptState>(ticker, s -> s.relevantUntil(policy)))
            .build();
  }

  @Override
  public AttemptReservation reserve(String key) {
    Args.key(key, "key");
    capacity.admit(states, key);
    Instant now = ticker.now();
    AttemptReservation[] outcome = new AttemptReservation[1];
    states
        .asMap()
        .compute(
            key,
            (k, old) -> {
              AttemptState s = current(old, now);
              if (s.locked()) {
                outcome[0] = new AttemptReservation.Denied(key, s.status(key));
                return s.orNull(now, policy);
              }
              if (s.failures() + s.pending() >= policy.maxAttempts()) {
                // Every remaining attempt is being checked right now; the soonest slot to free
                // for sure is the soonest reservation to expire.
                LockStatus busy = new LockStatus(key, s.failures(), s.soonestPendingEnd());
                outcome[0] = new AttemptReservation.Denied(key, busy);
                return s;
              }
              String id = Long.toString(reservationIds.incrementAndGet());
              outcome[0] = new AttemptReservation.Granted(key, id);
              return s.withPending(id, now.plus(reservationTimeout));
            });
    return outcome[0];
  }

  @Override
  public LockStatus recordFailure(AttemptReservation.Granted reservation) {
    Objects.requireNonNull(reservation, "reservation");
    String key = Args.key(reservation.key(), "key");
    Instant now = ticker.now();
    LockStatus[] outcome = new LockStatus[1];
    states
        .asMap()
        .compute(
            key,
            (k, old) -> {
              // A reservation that expired or was cleared meanwhile still counts: the password
              // was checked.
              AttemptState s =
                  current(old, now).withoutPending(reservation.id()).withFailure(now, policy);
              outcome[0] = s.status(key);
              return s.orNull(now, policy);
            });
    return outcome[0];
  }

  @Override
  public void recordSuccess(AttemptReservation.Granted reservation) {
    Objects.requireNonNull(reservation, "reservation");
    String key = Args.key(reservation.key(), "key");
    Instant now = ticker.now();
    states
        .asMap()
        .computeIfPresent(
            key,
            (k, old) ->
                current(old, now)
                    .withoutPending(reservation.id())
                    .withSuccess()
                    .orNull(now, policy));
  }

  @Override
  public void release(AttemptReservation.Granted reservation) {
    Objects.requireNonNull(reservation, "reservation");
    String key = Args.key(reservation.key(), "key");
    Instant now = ticker.now();
    states
        .asMap()
        .computeIfPresent(
            key,
            (k, old) -> current(old, now).withoutPending(reservation.id()).orNull(now, policy));
  }

  @Override
  public LockStatus status(String key) {
    Args.key(key, "key");
    return current(states.getIfPresent(key), ticker.now()).status(key);
  }

  @Override
  public List<LockStatus> activeLockouts() {
    Instant now = ticker.now();
    List<LockStatus> locked = new ArrayList<>();
    states
        .asMap()
        .forEach(
            (key, state) -> {
              AttemptState s = state.at(now, policy);
              if (s.locked()) {
                locked.add(s.status(key));
              }
            });
    locked.sort(SOONEST_FIRST);
    return locked;
  }

  @Override
  public boolean clear(String key) {
    Args.key(key, "key");
    Instant now = ticker.now();
    AttemptState removed = states.asMap().remove(key);
    return removed != null && removed.at(now, policy).orNull(now, policy) != null;
  }

  private AttemptState current(AttemptState stored, Instant now) {
    return stored == null ? AttemptState.EMPTY : stored.at(now, policy);
  }

  /** Keys tracked now, after dropping those whose state stopped mattering. */
  public long size() {
    states.cleanUp();
    return states.estimatedSize();
  }
}
