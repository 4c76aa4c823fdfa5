package dev.portcullis.auth.core.account;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.login.Identifiers;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Operators' view of lockouts: list the active ones, clear one. Thread-safe. */
public final class LockoutAdmin {

  private final LoginAttemptTracker tracker;
  private final Identifiers identifiers;
  private final Clock clock;
  private final AuthEvents events;

  public LockoutAdmin(
      LoginAttemptTracker tracker, Identifiers identifiers, Clock clock, AuthEvents events) {
    this.tracker = Objects.requireNonNull(tracker);
    this.identifiers = Objects.requireNonNull(identifiers);
    this.clock = Objects.requireNonNull(clock);
    this.events = Objects.requireNonNull(events);
  }

  /** Every locked identifier with its unlock time and failure count, soonest unlock first. */
  public Result<List<LockStatus>> activeLockouts() {
    return Result.catching(() -> Result.ok(tracker.activeLockouts()));
  }

  /**
   * Clears the failures and lock of an identifier (normalised as at login) and emits an {@code
   * unlocked} event. Errors: {@code invalid_request}, {@code not_found} when there was nothing to
   * clear, {@code service_unavailable}.
   */
  public Result<Void> clear(String rawIdentifier) {
    Result<String> id = identifiers.normalize(rawIdentifier);
    if (id.isErr()) {
      return Result.err(id.failure().orElseThrow());
    }
    String identifier = id.unwrap();
    return Result.catching(
            () ->
                tracker.clear(identifier)
                    ? Result.ok()
                    : Result.<Void>err(new AuthError.NotFound("lockout")))
        .ifOk(cleared -> events.publish(new AuthEvent.Unlocked(clock.instant(), identifier)));
  }
}
