package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;

/** Token-bucket rate limits per key. See the package rules. */
public interface RateLimiter {

  /**
   * Takes one permit from the bucket of {@code key} under {@code rule}, or says when one will be
   * available. A bucket starts full ({@code rule.permits()}).
   *
   * @param key the bucket, for example {@code login:203.0.113.7}
   */
  RateLimitDecision tryAcquire(String key, RateLimitRule rule);

  /**
   * Whether a permit is available in the bucket of {@code key} under {@code rule}, without taking
   * it: for budgets that are only charged afterwards (failed logins per client address).
   *
   * @return {@code allowed} with the permits left, or the time until one is available
   */
  RateLimitDecision peek(String key, RateLimitRule rule);

  /** A limiter that always allows: only where limits are enforced elsewhere, and in tests. */
  static RateLimiter unlimited() {
    return new RateLimiter() {
      @Override
      public RateLimitDecision tryAcquire(String key, RateLimitRule rule) {
        return RateLimitDecision.allow(rule.permits());
      }

      @Override
      public RateLimitDecision peek(String key, RateLimitRule rule) {
        return RateLimitDecision.allow(rule.permits());
      }
    };
  }
}
