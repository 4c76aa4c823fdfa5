package dev.portcullis.auth.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.PasswordViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

final class AuthErrorTest {

  /** One instance of every error and of every token failure. */
  static List<AuthError> everyError() {
    List<AuthError> all = new ArrayList<>();
    all.add(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
    all.add(
        new AuthError.AccountLocked(Instant.parse("2026-01-01T00:05:00Z"), Duration.ofMinutes(5)));
    all.add(new AuthError.RateLimited("5/minute", Duration.ofSeconds(12)));
    all.add(
        new AuthError.PasswordPolicyViolated(
            List.of(new PasswordViolation("too_short", "Use at least 12 characters."))));
    all.add(AuthError.of(ErrorKind.IDENTIFIER_TAKEN));
    for (TokenFailure f : TokenFailure.values()) {
      all.add(AuthError.TokenRejected.of(f));
    }
    all.add(AuthError.of(ErrorKind.ACCESS_TOKEN_NOT_FOUND));
    all.add(new AuthError.AuthenticationPending(Duration.ofSeconds(5)));
    all.add(AuthError.of(ErrorKind.RESET_TOKEN_INVALID));
    all.add(new AuthError.InvalidRequest("identifier", "is blank"));
    all.add(new AuthError.NotFound("session"));
    all.add(new AuthError.ServiceUnavailable("jdbc user store", "connection refused"));
    all.add(
        new AuthError.ConfigurationInvalid(
            List.of(new ConfigProblem("auth.x", "AUTH_X", "is missing.", "set it"))));
    return all;
  }

  @ParameterizedTest
  @MethodSource("everyError")
  void everyError_hasASnakeCaseCodeAndAllItsParts(AuthError error) {
    assertThat(error.code()).matches("[a-z]+(_[a-z]+)*");
    assertThat(error.httpStatus()).isBetween(400, 599);
    assertThat(error.oauthError()).matches("[a-z_]+");
    assertThat(error.message()).isNotBlank();
    assertThat(error.remedy()).isNotBlank();
  }

  @ParameterizedTest
  @MethodSource("everyError")
  void everyError_unwrapsToAnExceptionCarryingIt(AuthError error) {
    AuthException e = error.toException();

    assertThat(e.error()).isSameAs(error);
    assertThat(e.code()).isEqualTo(error.code());
    assertThat(e.getMessage()).contains(error.code()).contains(error.remedy());
  }

  @Test
  void codes_areUnique() {
    Set<String> codes = new HashSet<>();
    for (AuthError e : everyError()) {
      assertThat(codes.add(e.code())).as("duplicate code %s", e.code()).isTrue();
    }
  }

  @Test
  void exceptions_areNamedAsInTheSeeds() {
    assertThat(AuthError.TokenRejected.of(TokenFailure.EXPIRED).toException())
        .isInstanceOf(TokenExpiredException.class);
    assertThat(AuthError.TokenRejected.of(TokenFailure.AUDIENCE).toException())
        .isInstanceOf(TokenAudienceException.class);
    assertThat(AuthError.TokenRejected.of(TokenFailure.REVOKED).toException())
        .isInstanceOf(TokenBlacklistedException.class);
    assertThat(AuthError.of(ErrorKind.INVALID_CREDENTIALS).toException())
        .isInstanceOf(InvalidCredentialsException.class);
    assertThat(new AuthError.AccountLocked(Instant.EPOCH, Duration.ZERO).toException())
        .isInstanceOf(AccountLockedException.class);
    assertThat(new AuthError.ConfigurationInvalid(List.of(new ConfigProblem("k", null, "p", "f"))))
        .extracting(AuthError::toException)
        .isInstanceOf(ConfigurationException.class);
    assertThat(new AuthError.RateLimited("5/minute", Duration.ZERO).toException())
        .isInstanceOf(RateLimitedException.class);
    assertThat(new AuthError.AuthenticationPending(Duration.ZERO).toException())
        .isInstanceOf(AuthenticationPendingException.class);
    assertThat(AuthError.of(ErrorKind.ACCESS_TOKEN_NOT_FOUND).toException())
        .isInstanceOf(AccessTokenNotFoundException.class);
    assertThat(
            new AuthError.PasswordPolicyViolated(List.of(new PasswordViolation("a", "b")))
                .toException())
        .isInstanceOf(PasswordPolicyException.class);
  }

  @Test
  void errorsWithoutAnExceptionOfTheirOwn_unwrapToAPlainAuthException() {
    assertThat(AuthError.TokenRejected.of(TokenFailure.SIGNATURE).toException())
        .isExactlyInstanceOf(AuthException.class);
    assertThat(new AuthError.InvalidRequest("identifier", "is blank").toException())
        .isExactlyInstanceOf(AuthException.class);
    assertThat(AuthError.of(ErrorKind.RESET_TOKEN_INVALID).toException())
        .isExactlyInstanceOf(AuthException.class);
    assertThat(AuthError.of(ErrorKind.INVALID_SCOPE).toException())
        .isExactlyInstanceOf(AuthException.class);
  }

  @Test
  void exceptionsOfKindsWithoutARecord_refuseAnErrorOfAnotherKind() {
    assertThatThrownBy(() -> new InvalidCredentialsException(AuthError.of(ErrorKind.INVALID_GRANT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid_credentials");
  }

  @Test
  void statuses_matchHttpSemantics() {
    assertThat(AuthError.of(ErrorKind.INVALID_CREDENTIALS).httpStatus()).isEqualTo(401);
    assertThat(new AuthError.AccountLocked(Instant.EPOCH, Duration.ofSeconds(1)).httpStatus())
        .isEqualTo(423);
    assertThat(new AuthError.RateLimited("1/second", Duration.ZERO).httpStatus()).isEqualTo(429);
    assertThat(AuthError.of(ErrorKind.IDENTIFIER_TAKEN).httpStatus()).isEqualTo(409);
    assertThat(new AuthError.ServiceUnavailable("db", "down").httpStatus()).isEqualTo(503);
    assertThat(AuthError.TokenRejected.of(TokenFailure.EXPIRED).oauthError())
        .isEqualTo("invalid_token");
    assertThat(AuthError.TokenRejected.of(TokenFailure.REFRESH_TOKEN_REUSED).oauthError())
        .isEqualTo("invalid_grant");
  }

  @Test
  void retryAfter_isKnownForLocksAndLimitsAndNeverNegative() {
    AuthError locked = new AuthError.AccountLocked(Instant.EPOCH, Duration.ofSeconds(-3));

    assertThat(locked.retryAfter()).contains(Duration.ZERO);
    assertThat(new AuthError.RateLimited("5/minute", Duration.ofSeconds(7)).retryAfter())
        .contains(Duration.ofSeconds(7));
    assertThat(AuthError.of(ErrorKind.INVALID_CREDENTIALS).retryAfter()).isEmpty();
  }

  @Test
  void serviceUnavailable_saysWhenToRetryOnlyWhenItKnows() {
    assertThat(new AuthError.ServiceUnavailable("password hashing", "all permits in use"))
        .extracting(AuthError::retryAfter)
        .isEqualTo(Optional.empty());
    assertThat(
            new AuthError.ServiceUnavailable("password hashing", "busy", Duration.ofSeconds(2))
                .retryAfter())
        .contains(Duration.ofSeconds(2));
    assertThat(new AuthError.ServiceUnavailable("db", "down", Duration.ofSeconds(-1)).retryAfter())
        .contains(Duration.ZERO);
  }

  @Test
  void serviceUnavailable_carriesARetryTimeOnlyWhenGiven() {
    assertThat(new AuthError.ServiceUnavailable("db", "down").retryAfter()).isEmpty();
    AuthError busy =
        new AuthError.ServiceUnavailable("password hashing", "busy", Duration.ofSeconds(2));

    assertThat(busy.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(busy.httpStatus()).isEqualTo(503);
    assertThat(new AuthError.ServiceUnavailable("x", "y", Duration.ofSeconds(-1)).retryAfter())
        .contains(Duration.ZERO);
  }

  @Test
  void configurationError_listsEveryProblemWithKeyEnvAndFix() {
    ConfigurationException e =
        new ConfigurationException(
            List.of(
                new ConfigProblem(
                    "auth.token.secret-key",
                    "AUTH_TOKEN_SECRET_KEY",
                    "is missing.",
                    "openssl rand -base64 32"),
                new ConfigProblem("auth.lockout.window", "AUTH_LOCKOUT_WINDOW", "is 0 s.", "5m")));

    assertThat(e.problems()).hasSize(2);
    assertThat(e.getMessage())
        .contains("2 configuration problems:")
        .contains("auth.token.secret-key (env AUTH_TOKEN_SECRET_KEY): is missing.")
        .contains("Fix: openssl rand -base64 32")
        .contains("auth.lockout.window (env AUTH_LOCKOUT_WINDOW)");
  }

  @Test
  void emptyProblemLists_areRefused() {
    assertThatThrownBy(() -> new AuthError.ConfigurationInvalid(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuthError.PasswordPolicyViolated(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @EnumSource(TokenFailure.class)
  void tokenFailures_explainThemselves(TokenFailure f) {
    assertThat(f.code()).matches("[a-z]+(_[a-z]+)*");
    assertThat(f.description()).isNotBlank();
    assertThat(f.remedy()).isNotBlank();
  }
}
