package dev.portcullis.auth.testkit.assertj;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.model.PasswordViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link AuthError}: its code, HTTP status, OAuth error, retry-after, password
 * violations, token failure, configuration problems. Every failure message shows the whole error.
 */
public final class AuthErrorAssert extends AbstractAssert<AuthErrorAssert, AuthError> {

  AuthErrorAssert(AuthError actual) {
    super(actual, AuthErrorAssert.class);
  }

  /** Checks the stable code, for example {@code account_locked} or {@code token_expired}. */
  public AuthErrorAssert hasCode(String expected) {
    isNotNull();
    if (!actual.code().equals(expected)) {
      throw failure(
          "%nExpecting an error with code:%n  %s%nbut was:%n  %s", expected, describe(actual));
    }
    return myself;
  }

  /** Checks the HTTP status an adapter answers with, for example 423 for a lock. */
  public AuthErrorAssert hasHttpStatus(int expected) {
    isNotNull();
    if (actual.httpStatus() != expected) {
      throw failure(
          "%nExpecting HTTP status %s but was %s for:%n  %s",
          expected, actual.httpStatus(), describe(actual));
    }
    return myself;
  }

  /** Checks the OAuth {@code error} value, for example {@code invalid_grant}. */
  public AuthErrorAssert hasOauthError(String expected) {
    isNotNull();
    if (!actual.oauthError().equals(expected)) {
      throw failure(
          "%nExpecting OAuth error %s but was %s for:%n  %s",
          expected, actual.oauthError(), describe(actual));
    }
    return myself;
  }

  /** Checks that the message contains {@code text}. */
  public AuthErrorAssert hasMessageContaining(String text) {
    isNotNull();
    if (!actual.message().contains(text)) {
      throw failure(
          "%nExpecting the message to contain:%n  %s%nbut was:%n  %s", text, actual.message());
    }
    return myself;
  }

  /** Checks that the remedy contains {@code text}. */
  public AuthErrorAssert hasRemedyContaining(String text) {
    isNotNull();
    if (!actual.remedy().contains(text)) {
      throw failure(
          "%nExpecting the remedy to contain:%n  %s%nbut was:%n  %s", text, actual.remedy());
    }
    return myself;
  }

  /** Checks the retry-after exactly (locks, rate limits, pending device logins). */
  public AuthErrorAssert hasRetryAfter(Duration expected) {
    Duration retry = retryAfter();
    if (!retry.equals(expected)) {
      throw failure(
          "%nExpecting retry-after %s but was %s for:%n  %s", expected, retry, describe(actual));
    }
    return myself;
  }

  /** Checks that the retry-after lies within {@code [min, max]}. */
  public AuthErrorAssert hasRetryAfterBetween(Duration min, Duration max) {
    Duration retry = retryAfter();
    if (retry.compareTo(min) < 0 || retry.compareTo(max) > 0) {
      throw failure(
          "%nExpecting retry-after between %s and %s but was %s for:%n  %s",
          min, max, retry, describe(actual));
    }
    return myself;
  }

  /** Checks that the error names no retry-after. */
  public AuthErrorAssert hasNoRetryAfter() {
    isNotNull();
    if (actual.retryAfter().isPresent()) {
      throw failure(
          "%nExpecting no retry-after but was %s for:%n  %s",
          actual.retryAfter().get(), describe(actual));
    }
    return myself;
  }

  private Duration retryAfter() {
    isNotNull();
    Optional<Duration> retry = actual.retryAfter();
    if (retry.isEmpty()) {
      throw failure("%nExpecting a retry-after but there is none for:%n  %s", describe(actual));
    }
    return retry.get();
  }

  /** Checks that the error is {@code account_locked} until exactly {@code expected}. */
  public AuthErrorAssert isLockedUntil(Instant expected) {
    isNotNull();
    if (!(actual instanceof AuthError.AccountLocked locked)) {
      throw failure("%nExpecting account_locked but was:%n  %s", describe(actual));
    }
    if (!locked.lockedUntil().equals(expected)) {
      throw failure(
          "%nExpecting a lock until %s but it ends at %s", expected, locked.lockedUntil());
    }
    return myself;
  }

  /** Checks that the error is a token rejection for this reason. */
  public AuthErrorAssert hasTokenFailure(TokenFailure expected) {
    isNotNull();
    if (!(actual instanceof AuthError.TokenRejected rejected) || rejected.failure() != expected) {
      throw failure(
          "%nExpecting a token rejected with %s but was:%n  %s", expected, describe(actual));
    }
    return myself;
  }

  /**
   * Checks that the error is {@code password_policy} and lists a violation with each of these codes
   * (others may be listed too).
   */
  public AuthErrorAssert hasViolation(String... codes) {
    Set<String> found = violationCodes();
    List<String> missing = Arrays.stream(codes).filter(c -> !found.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw failure(
          "%nExpecting password violations %s but %s are missing; found %s",
          Arrays.toString(codes), missing, found);
    }
    return myself;
  }

  /** Checks that the error is {@code password_policy} with exactly these violation codes. */
  public AuthErrorAssert hasExactlyViolations(String... codes) {
    Set<String> found = violationCodes();
    Set<String> expected = new TreeSet<>(Arrays.asList(codes));
    if (!found.equals(expected)) {
      throw failure("%nExpecting exactly password violations %s but found %s", expected, found);
    }
    return myself;
  }

  private Set<String> violationCodes() {
    isNotNull();
    if (!(actual instanceof AuthError.PasswordPolicyViolated violated)) {
      throw failure("%nExpecting password_policy but was:%n  %s", describe(actual));
    }
    Set<String> codes = new TreeSet<>();
    for (PasswordViolation v : violated.violations()) {
      codes.add(v.code());
    }
    return codes;
  }

  /**
   * Checks that the error is {@code configuration_invalid} with a problem for this settings key.
   */
  public AuthErrorAssert hasProblemWithKey(String key) {
    isNotNull();
    if (!(actual instanceof AuthError.ConfigurationInvalid invalid)) {
      throw failure("%nExpecting configuration_invalid but was:%n  %s", describe(actual));
    }
    List<String> keys = invalid.problems().stream().map(ConfigProblem::key).toList();
    if (!keys.contains(key)) {
      throw failure("%nExpecting a problem with %s but the problems are with %s", key, keys);
    }
    return myself;
  }

  /** One line: code, HTTP status, message and remedy. */
  static String describe(AuthError error) {
    return error.code()
        + " (HTTP "
        + error.httpStatus()
        + "): "
        + error.message()
        + " Remedy: "
        + error.remedy();
  }
}
