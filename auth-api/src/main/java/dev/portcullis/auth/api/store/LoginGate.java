package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;
import java.util.Objects;

/**
 * What a password login asks of the stores around the hash, as two steps instead of five calls:
 * before the hash, take a permit of the client's rate limit, look at its failure budget and reserve
 * a lockout slot ({@link #enter}); after it, record the outcome ({@link #failed} also charges the
 * failure budget, {@link #succeeded}, or {@link #release}). The steps mean exactly what the {@link
 * RateLimiter} and {@link LoginAttemptTracker} calls they stand for mean, in that order; an adapter
 * that holds both in one database answers each step in one transaction. Get one with {@link
 * LoginAttemptTracker#gateWith}. Thread-safe when the stores are.
 */
public interface LoginGate {

  /**
   * The limits one login hits.
   *
   * @param rateKey the bucket a permit is taken from on every attempt
   * @param rate its rule
   * @param budgetKey the failure budget: looked at before the hash, charged after a failure
   * @param budget its rule
   */
  record Limits(String rateKey, RateLimitRule rate, String budgetKey, RateLimitRule budget) {
    public Limits {
      Objects.requireNonNull(rateKey, "rateKey");
      Objects.requireNonNull(rate, "rate");
      Objects.requireNonNull(budgetKey, "budgetKey");
      Objects.requireNonNull(budget, "budget");
    }
  }

  /** The answer of {@link #enter}: a slot to check the password with, or why not. */
  sealed interface Entry {

    /** A slot for one password check; exactly one of failed, succeeded or release follows. */
    record Admitted(AttemptReservation.Granted slot) implements Entry {}

    /**
     * A rate limit refused: the bucket {@code key} (the per-attempt one or the failure budget)
     * under {@code rule}, with the decision that says when to retry.
     */
    record RateLimited(String key, RateLimitRule rule, RateLimitDecision decision)
        implements Entry {}

    /** The key is locked, or every remaining attempt is reserved by checks in flight. */
    record Locked(AttemptReservation.Denied denied) implements Entry {}
  }

  /**
   * Takes a permit of {@code limits.rate()}; if granted, looks at {@code limits.budget()}; if
   * available, reserves a slot for {@code key}. Stops at the first refusal.
   */
  Entry enter(String key, Limits limits);

  /** A failed check: {@link LoginAttemptTracker#recordFailure}, then one permit of the budget. */
  LockStatus failed(AttemptReservation.Granted slot, Limits limits);

  /** A successful check: {@link LoginAttemptTracker#recordSuccess}. */
  void succeeded(AttemptReservation.Granted slot);

  /** No check made: {@link LoginAttemptTracker#release}. */
  void release(AttemptReservation.Granted slot);

  /** The gate that calls {@code tracker} and {@code limiter} in turn: one call per step each. */
  static LoginGate of(LoginAttemptTracker tracker, RateLimiter limiter) {
    Objects.requireNonNull(tracker, "tracker");
    Objects.requireNonNull(limiter, "limiter");
    return new LoginGate() {
      @Override
      public Entry enter(String key, Limits limits) {
        RateLimitDecision rate = limiter.tryAcquire(limits.rateKey(), limits.rate());
        if (!rate.allowed()) {
          return new Entry.RateLimited(limits.rateKey(), limits.rate(), rate);
        }
        RateLimitDecision budget = limiter.peek(limits.budgetKey(), limits.budget());
        if (!budget.allowed()) {
          return new Entry.RateLimited(limits.budgetKey(), limits.budget(), budget);
        }
        AttemptReservation reservation = tracker.reserve(key);
        return reservation instanceof AttemptReservation.Granted granted
            ? new Entry.Admitted(granted)
            : new Entry.Locked((AttemptReservation.Denied) reservation);
      }

      @Override
      public LockStatus failed(AttemptReservation.Granted slot, Limits limits) {
        LockStatus status = tracker.recordFailure(slot);
        limiter.tryAcquire(limits.budgetKey(), limits.budget());
        return status;
      }

      @Override
      public void succeeded(AttemptReservation.Granted slot) {
        tracker.recordSuccess(slot);
      }

      @Override
      public void release(AttemptReservation.Granted slot) {
        tracker.release(slot);
      }
    };
  }
}
