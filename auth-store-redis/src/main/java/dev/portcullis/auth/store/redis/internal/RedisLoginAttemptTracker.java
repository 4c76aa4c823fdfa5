package dev.portcullis.auth.store.redis.internal;

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
import java.util.UUID;

/**
 * {@link LoginAttemptTracker} on Redis: one hash per key ({@code la:{sha256(key)}}) holding the
 * failures, window, lock, lockout history and the reservations in flight, each changed by one Lua
 * script that first forgets what ended at the caller's instant. Redis runs a script alone, so of
 * any number of instances reserving at once, a key never holds more reservations plus failures than
 * {@code maxAttempts}. A reservation never completed expires after the policy's window.
 * Thread-safe.
 */
public final class RedisLoginAttemptTracker implements LoginAttemptTracker {
  static final String COMPONENT = "redis login attempt tracker";
  private static final String KIND = "la";
  private static final Comparator<LockStatus> SOONEST_FIRST =
      Comparator.comparing(LockStatus::lockedUntil).thenComparing(LockStatus::key);

  private static final Script RESERVE = Script.load("tracker-prelude", "tracker-reserve");
  private static final Script FAILURE = Script.load("tracker-prelude", "tracker-failure");
  private static final Script SUCCESS = Script.load("tracker-prelude", "tracker-success");
  private static final Script RELEASE = Script.load("tracker-prelude", "tracker-release");
  private static final Script STATUS = Script.readOnly("tracker-prelude", "tracker-status");
  private static final Script CLEAR = Script.load("tracker-prelude", "tracker-clear");

  private final Redis redis;
  private final Clock clock;
  private final String[] policyArgs;

  public RedisLoginAttemptTracker(Redis redis, LockoutPolicy policy, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(policy, "policy");
    boolean progressive = policy.progressive();
    this.policyArgs =
        new String[] {
          Integer.toString(policy.maxAttempts()),
          micros(policy.window()),
          progressive ? micros(policy.lockoutMemory()) : "0",
          micros(policy.duration()),
          progressive ? micros(policy.durationIncrement()) : "0",
          micros(policy.maxDuration())
        };
  }

  @Override
  public AttemptReservation reserve(String key) {
    Args.key(key, "key");
    String id = UUID.randomUUID().toString();
    List<String> r = run(RESERVE, key, id);
    return switch (r.get(0)) {
      case "G" -> new AttemptReservation.Granted(key, id);
      default ->
          new AttemptReservation.Denied(
              key, new LockStatus(key, Integer.parseInt(r.get(1)), Redis.instant(r.get(2))));
    };
  }

  @Override
  public LockStatus recordFailure(AttemptReservation.Granted reservation) {
    Objects.requireNonNull(reservation, "reservation");
    String key = Args.key(reservation.key(), "key");
    List<String> r = run(FAILURE, key, reservation.id());
    return new LockStatus(key, Integer.parseInt(r.get(0)), Redis.instant(r.get(1)));
  }

  @Override
  public void recordSuccess(AttemptReservation.Granted reservation) {
    Objects.requireNonNull(reservation, "reservation");
    run(SUCCESS, Args.key(reservation.key(), "key"), reservation.id());
  }

  @Override
  public void release(AttemptReservation.Granted reservation) {
    Objects.requireNonNull(reservation, "reservation");
    run(RELEASE, Args.key(reservation.key(), "key"), reservation.id());
  }

  @Override
  public LockStatus status(String key) {
    Args.key(key, "key");
    List<String> r = run(STATUS, key, "");
    return new LockStatus(key, Integer.parseInt(r.get(0)), Redis.instant(r.get(1)));
  }

  @Override
  public List<LockStatus> activeLockouts() {
    Instant now = clock.instant();
    List<LockStatus> locked = new ArrayList<>();
    for (String stored : redis.keys(COMPONENT, KIND)) {
      List<String> r = redis.eval(COMPONENT, STATUS, stored, args(now, "", ""));
      Instant until = Redis.instant(r.get(1));
      if (until != null && r.get(2) != null && !r.get(2).isEmpty()) {
        locked.add(new LockStatus(r.get(2), Integer.parseInt(r.get(0)), until));
      }
    }
    locked.sort(SOONEST_FIRST);
    return locked;
  }

  @Override
  public boolean clear(String key) {
    Args.key(key, "key");
    return "1".equals(run(CLEAR, key, "").get(0));
  }

  private List<String> run(Script script, String key, String reservationId) {
    return redis.eval(
        COMPONENT,
        script,
        redis.key(KIND, Redis.digest(key)),
        args(clock.instant(), key, reservationId));
  }

  private String[] args(Instant now, String key, String reservationId) {
    String[] args = new String[9];
    args[0] = Redis.micros(now);
    System.arraycopy(policyArgs, 0, args, 1, policyArgs.length);
    args[7] = key;
    args[8] = reservationId;
    return args;
  }

  private static String micros(Duration d) {
    return Long.toString(Math.min(d.toNanos() / 1000, 1L << 50));
  }
}
