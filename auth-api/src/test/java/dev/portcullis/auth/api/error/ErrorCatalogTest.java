package dev.portcullis.auth.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.PasswordViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins what clients and operators see of every error: code, HTTP status, OAuth {@code error} value,
 * message and remedy, word for word. A change here is a change of the public contract.
 */
final class ErrorCatalogTest {

  static Stream<Arguments> errorsWithTheirWords() {
    return Stream.of(
        row(
            AuthError.of(ErrorKind.INVALID_CREDENTIALS),
            "invalid_credentials",
            401,
            "invalid_grant",
            "The identifier or the password is wrong, or the account is disabled.",
            "Check the identifier and the password and try again; after repeated failures the"
                + " account is locked for a while."),
        row(
            new AuthError.AccountLocked(
                Instant.parse("2026-01-01T00:05:00Z"), Duration.ofMinutes(5)),
            "account_locked",
            423,
            "invalid_grant",
            "Too many failed logins: this account is locked until 2026-01-01T00:05:00Z (300 s).",
            "Wait until the lock ends, or ask an operator to clear it"
                + " (LoginAttemptTracker.clear(identifier), or 'lockouts clear' on the server)."),
        row(
            new AuthError.RateLimited("5/minute", Duration.ofSeconds(12)),
            "rate_limited",
            429,
            "temporarily_unavailable",
            "Rate limit of 5/minute exceeded; retry in 12 s.",
            "Wait for the retry-after period. Operators can raise the limit"
                + " (auth.rate-limit.*, for example \"20/minute\")."),
        row(
            new AuthError.PasswordPolicyViolated(
                List.of(
                    new PasswordViolation("too_short", "Use at least 12 characters."),
                    new PasswordViolation("common", "Too common."))),
            "password_policy",
            400,
            "invalid_request",
            "The password does not meet the password policy: Use at least 12 characters. Too"
                + " common.",
            "Choose a password that fixes every listed violation; a long passphrase works best."),
        row(
            AuthError.of(ErrorKind.IDENTIFIER_TAKEN),
            "identifier_taken",
            409,
            "invalid_request",
            "An account with this identifier already exists.",
            "Log in instead, or use \"forgot password\" to regain access."),
        row(
            AuthError.of(ErrorKind.ACCESS_TOKEN_NOT_FOUND),
            "access_token_not_found",
            401,
            "invalid_request",
            "No access token was presented.",
            "Send the access token as 'Authorization: Bearer <token>'; if it expired, use the"
                + " refresh token to get a new one, or log in again."),
        row(
            new AuthError.AuthenticationPending(Duration.ofSeconds(5)),
            "authentication_pending",
            400,
            "authorization_pending",
            "The user has not finished authenticating yet.",
            "Poll again after 5 s; do not poll faster."),
        row(
            AuthError.of(ErrorKind.RESET_TOKEN_INVALID),
            "reset_token_invalid",
            400,
            "invalid_grant",
            "The password-reset token is unknown, already used or expired.",
            "Request a new reset link; each link works once and only for a limited time."),
        row(
            new AuthError.InvalidRequest("identifier", "is blank"),
            "invalid_request",
            400,
            "invalid_request",
            "Invalid identifier: is blank",
            "Correct 'identifier' and send the request again."),
        row(
            new AuthError.NotFound("session"),
            "not_found",
            404,
            "invalid_request",
            "No such session.",
            "List the sessions you can see and use one of their ids."),
        row(
            new AuthError.NotFound("endpoint"),
            "not_found",
            404,
            "invalid_request",
            "No such endpoint.",
            "Check the method and the path: the server's README lists every endpoint."),
        row(
            new AuthError.ServiceUnavailable("jdbc user store", "connection refused"),
            "service_unavailable",
            503,
            "temporarily_unavailable",
            "jdbc user store is unavailable: connection refused",
            "Retry later. Operators: check that jdbc user store is reachable and not saturated."),
        row(
            new AuthError.ConfigurationInvalid(
                List.of(new ConfigProblem("auth.x", "AUTH_X", "is missing.", "set it"))),
            "configuration_invalid",
            500,
            "server_error",
            "1 configuration problem:"
                + System.lineSeparator()
                + "  - auth.x (env AUTH_X): is"
                + " missing. Fix: set it",
            "Fix each listed problem (settings in the config file or through the named"
                + " environment variable; bindings in your Guice modules) and start again."));
  }

  @ParameterizedTest
  @MethodSource("errorsWithTheirWords")
  void everyError_keepsItsCodeStatusOauthValueMessageAndRemedy(
      AuthError error, String code, int status, String oauth, String message, String remedy) {
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.oauthError()).isEqualTo(oauth);
    assertThat(error.message()).isEqualTo(message);
    assertThat(error.remedy()).isEqualTo(remedy);
  }

  static Stream<Arguments> tokenRejections() {
    return Stream.of(
        token(TokenFailure.MALFORMED, "token_malformed", "invalid_token"),
        token(TokenFailure.TOO_LARGE, "token_too_large", "invalid_token"),
        token(TokenFailure.SIGNATURE, "token_signature", "invalid_token"),
        token(TokenFailure.ALGORITHM, "token_algorithm", "invalid_token"),
        token(TokenFailure.UNKNOWN_KEY, "token_unknown_key", "invalid_token"),
        token(TokenFailure.UNSUPPORTED_HEADER, "token_header", "invalid_token"),
        token(TokenFailure.EXPIRED, "token_expired", "invalid_token"),
        token(TokenFailure.NOT_YET_VALID, "token_not_yet_valid", "invalid_token"),
        token(TokenFailure.ISSUED_IN_FUTURE, "token_issued_in_future", "invalid_token"),
        token(TokenFailure.ISSUER, "token_issuer", "invalid_token"),
        token(TokenFailure.AUDIENCE, "token_audience", "invalid_token"),
        token(TokenFailure.TYPE, "token_type", "invalid_token"),
        token(TokenFailure.MISSING_CLAIM, "token_missing_claim", "invalid_token"),
        token(TokenFailure.REVOKED, "token_revoked", "invalid_token"),
        token(TokenFailure.REFRESH_TOKEN_REUSED, "refresh_token_reused", "invalid_grant"));
  }

  @ParameterizedTest
  @MethodSource("tokenRejections")
  void everyTokenRejection_keepsItsCodeStatusOauthValueAndTheFailuresWords(
      TokenFailure failure, String code, String oauth) {
    AuthError error = new AuthError.TokenRejected(failure, "3 s late");

    assertThat(error.code()).isEqualTo(code);
    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.oauthError()).isEqualTo(oauth);
    assertThat(error.message()).isEqualTo("3 s late");
    assertThat(error.remedy()).isEqualTo(failure.remedy());
    assertThat(AuthError.TokenRejected.of(failure).message()).isEqualTo(failure.description());
  }

  /** Every kind: code, HTTP status, OAuth value. A new kind fails {@link #everyKind_isPinned}. */
  static Stream<Arguments> everyKind() {
    return Stream.of(
        kind(ErrorKind.INVALID_CREDENTIALS, "invalid_credentials", 401, "invalid_grant"),
        kind(ErrorKind.ACCOUNT_LOCKED, "account_locked", 423, "invalid_grant"),
        kind(ErrorKind.RATE_LIMITED, "rate_limited", 429, "temporarily_unavailable"),
        kind(ErrorKind.PASSWORD_POLICY, "password_policy", 400, "invalid_request"),
        kind(ErrorKind.IDENTIFIER_TAKEN, "identifier_taken", 409, "invalid_request"),
        kind(ErrorKind.TOKEN_REJECTED, "token_rejected", 401, "invalid_token"),
        kind(ErrorKind.ACCESS_TOKEN_NOT_FOUND, "access_token_not_found", 401, "invalid_request"),
        kind(
            ErrorKind.AUTHENTICATION_PENDING,
            "authentication_pending",
            400,
            "authorization_pending"),
        kind(ErrorKind.RESET_TOKEN_INVALID, "reset_token_invalid", 400, "invalid_grant"),
        kind(ErrorKind.INVALID_REQUEST, "invalid_request", 400, "invalid_request"),
        kind(ErrorKind.NOT_FOUND, "not_found", 404, "invalid_request"),
        kind(ErrorKind.SERVICE_UNAVAILABLE, "service_unavailable", 503, "temporarily_unavailable"),
        kind(ErrorKind.CONFIGURATION_INVALID, "configuration_invalid", 500, "server_error"),
        // RFC 6749 section 5.2, RFC 8628 section 3.5, RFC 6750 section 3.1
        kind(ErrorKind.INVALID_CLIENT, "invalid_client", 401, "invalid_client"),
        kind(ErrorKind.INVALID_GRANT, "invalid_grant", 400, "invalid_grant"),
        kind(ErrorKind.UNAUTHORIZED_CLIENT, "unauthorized_client", 400, "unauthorized_client"),
        kind(
            ErrorKind.UNSUPPORTED_GRANT_TYPE,
            "unsupported_grant_type",
            400,
            "unsupported_grant_type"),
        kind(ErrorKind.INVALID_SCOPE, "invalid_scope", 400, "invalid_scope"),
        kind(ErrorKind.SLOW_DOWN, "slow_down", 400, "slow_down"),
        kind(ErrorKind.EXPIRED_TOKEN, "expired_token", 400, "expired_token"),
        kind(ErrorKind.ACCESS_DENIED, "access_denied", 400, "access_denied"),
        kind(ErrorKind.INSUFFICIENT_SCOPE, "insufficient_scope", 403, "insufficient_scope"),
        kind(ErrorKind.INVALID_MFA_CODE, "invalid_mfa_code", 401, "invalid_grant"),
        kind(ErrorKind.MFA_CHALLENGE_INVALID, "mfa_challenge_invalid", 401, "invalid_grant"),
        kind(ErrorKind.MFA_NOT_ENROLLED, "mfa_not_enrolled", 409, "invalid_request"),
        kind(ErrorKind.MFA_ENROLMENT_CONFLICT, "mfa_enrolment_conflict", 409, "invalid_request"),
        kind(ErrorKind.MFA_SEED_UNREADABLE, "mfa_seed_unreadable", 500, "server_error"));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void everyKind_keepsItsCodeStatusAndOauthValue(
      ErrorKind kind, String code, int status, String oauth) {
    assertThat(kind.code()).isEqualTo(code);
    assertThat(kind.httpStatus()).isEqualTo(status);
    assertThat(kind.oauthError()).isEqualTo(oauth);
    assertThat(kind.summary()).isNotBlank();
    assertThat(kind.remedy()).isNotBlank();
  }

  @Test
  void everyKind_isPinned() {
    assertThat(everyKind().map(a -> a.get()[0])).containsExactly((Object[]) ErrorKind.values());
  }

  @ParameterizedTest
  @EnumSource(ErrorKind.class)
  void plainKinds_makeErrorsWithTheirRowAndRecordKindsAreRefused(ErrorKind kind) {
    if (!kind.isPlain()) {
      assertThatThrownBy(() -> AuthError.of(kind))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(kind.code());
      return;
    }
    AuthError error = AuthError.of(kind);
    assertThat(error.kind()).isSameAs(kind);
    assertThat(error.code()).isEqualTo(kind.code());
    assertThat(error.httpStatus()).isEqualTo(kind.httpStatus());
    assertThat(error.oauthError()).isEqualTo(kind.oauthError());
    assertThat(error.message()).isEqualTo(kind.summary());
    assertThat(error.remedy()).isEqualTo(kind.remedy());
    assertThat(error.toException().error()).isSameAs(error);
    assertThat(new AuthError.Plain(kind, "scope 'admin' is not registered").message())
        .isEqualTo("scope 'admin' is not registered");
  }

  private static Arguments kind(ErrorKind kind, String code, int status, String oauth) {
    return Arguments.of(kind, code, status, oauth);
  }

  private static Arguments row(
      AuthError error, String code, int status, String oauth, String message, String remedy) {
    return Arguments.of(error, code, status, oauth, message, remedy);
  }

  private static Arguments token(TokenFailure failure, String code, String oauth) {
    return Arguments.of(failure, code, oauth);
  }
}
