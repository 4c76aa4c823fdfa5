package dev.portcullis.auth.api.error;

import java.util.HashMap;
import java.util.Map;

/**
 * What kind of failure an {@link AuthError} is, one row per kind: the stable snake_case code, the
 * HTTP status, the OAuth {@code error} value, a summary and the remedy. Adapters translate an error
 * from its kind alone, without a table of their own.
 *
 * <p>A row that names no record is a {@link #isPlain() plain} kind: its errors carry no data and
 * are made with {@link AuthError#of(ErrorKind)}, so adding one is one row. A row that names a
 * record of {@link AuthError} is the kind of that record's errors; the record carries data (a lock
 * end, a retry-after, violations, a token failure...) or is matched on by type, and its message or
 * remedy may name that data. A {@link AuthError.TokenRejected token rejection} answers with its
 * {@link TokenFailure}'s own code and remedy.
 *
 * <p>Statuses and OAuth values follow RFC 6749 section 5.2 (token endpoint), RFC 6750 section 3.1
 * (resources) and RFC 8628 section 3.5 (device flow).
 */
public enum ErrorKind {
  /**
   * Unknown user, disabled user or wrong password, deliberately indistinguishable. The remedy is
   * for the person signing in; operators find the cause in the audit trail ({@code login_failed}
   * with its reason) and in the README's "Errors you will see".
   */
  INVALID_CREDENTIALS(
      "invalid_credentials",
      401,
      "invalid_grant",
      "The identifier or the password is wrong, or the account is disabled.",
      "Check the identifier and the password and try again; after repeated failures the account is"
          + " locked for a while."),
  ACCOUNT_LOCKED(
      AuthError.AccountLocked.class,
      "account_locked",
      423,
      "invalid_grant",
      "Too many failed logins: this account is locked.",
      "Wait until the lock ends, or ask an operator to clear it"
          + " (LoginAttemptTracker.clear(identifier), or 'lockouts clear' on the server)."),
  RATE_LIMITED(
      AuthError.RateLimited.class,
      "rate_limited",
      429,
      "temporarily_unavailable",
      "A rate limit was exceeded.",
      "Wait for the retry-after period. Operators can raise the limit"
          + " (auth.rate-limit.*, for example \"20/minute\")."),
  PASSWORD_POLICY(
      AuthError.PasswordPolicyViolated.class,
      "password_policy",
      400,
      "invalid_request",
      "The password does not meet the password policy.",
      "Choose a password that fixes every listed violation; a long passphrase works best."),
  IDENTIFIER_TAKEN(
      "identifier_taken",
      409,
      "invalid_request",
      "An account with this identifier already exists.",
      "Log in instead, or use \"forgot password\" to regain access."),
  /** The family of token refusals; each answers with its {@link TokenFailure}'s own code. */
  TOKEN_REJECTED(
      AuthError.TokenRejected.class,
      "token_rejected",
      401,
      "invalid_token",
      "The token was refused.",
      "Follow the remedy of the token failure."),
  ACCESS_TOKEN_NOT_FOUND(
      "access_token_not_found",
      401,
      "invalid_request",
      "No access token was presented.",
      "Send the access token as 'Authorization: Bearer <token>'; if it expired, use the refresh"
          + " token to get a new one, or log in again."),
  /** RFC 8628 {@code authorization_pending}: the device flow's user has not finished yet. */
  AUTHENTICATION_PENDING(
      AuthError.AuthenticationPending.class,
      "authentication_pending",
      400,
      "authorization_pending",
      "The user has not finished authenticating yet.",
      "Poll again after the interval; do not poll faster."),
  RESET_TOKEN_INVALID(
      "reset_token_invalid",
      400,
      "invalid_grant",
      "The password-reset token is unknown, already used or expired.",
      "Request a new reset link; each link works once and only for a limited time."),
  INVALID_REQUEST(
      AuthError.InvalidRequest.class,
      "invalid_request",
      400,
      "invalid_request",
      "The request is missing or misuses an input.",
      "Correct the named input and send the request again."),
  NOT_FOUND(
      AuthError.NotFound.class,
      "not_found",
      404,
      "invalid_request",
      "The named thing does not exist, or does not belong to the caller.",
      "List the things you can see and use one of their ids."),
  SERVICE_UNAVAILABLE(
      AuthError.ServiceUnavailable.class,
      "service_unavailable",
      503,
      "temporarily_unavailable",
      "A store or other dependency could not answer; the operation failed closed.",
      "Retry later. Operators: check that the named component is reachable and not saturated."),
  CONFIGURATION_INVALID(
      AuthError.ConfigurationInvalid.class,
      "configuration_invalid",
      500,
      "server_error",
      "The settings are invalid or insecure.",
      "Fix each listed problem (settings in the config file or through the named environment"
          + " variable; bindings in your Guice modules) and start again."),
  // OAuth 2.x answers without data of their own: AuthError.of(kind) or of(kind, detail).
  INVALID_CLIENT(
      "invalid_client",
      401,
      "invalid_client",
      "Client authentication failed: unknown client, no client authentication, or a method the"
          + " client is not registered for.",
      "Check the client id, its secret or key, and the token endpoint authentication method"
          + " registered for the client."),
  INVALID_GRANT(
      "invalid_grant",
      400,
      "invalid_grant",
      "The grant is invalid, expired, revoked, or was issued to another client or redirect URI.",
      "Start the flow again for a new grant; a code works once, for the client and redirect URI"
          + " it was issued to."),
  UNAUTHORIZED_CLIENT(
      "unauthorized_client",
      400,
      "unauthorized_client",
      "The client is not allowed to use this grant type.",
      "Use a grant type registered for the client, or register this one for it."),
  UNSUPPORTED_GRANT_TYPE(
      "unsupported_grant_type",
      400,
      "unsupported_grant_type",
      "This server does not support the grant type.",
      "Use a grant type listed in the server's metadata (grant_types_supported)."),
  INVALID_SCOPE(
      "invalid_scope",
      400,
      "invalid_scope",
      "The requested scope is unknown, malformed, or more than the client may ask for.",
      "Request only scopes registered for the client (see scopes_supported in the metadata)."),
  /** RFC 8628: the device flow's client polls faster than its interval. */
  SLOW_DOWN(
      "slow_down",
      400,
      "slow_down",
      "The client polls too often.",
      "Add 5 seconds to the polling interval and keep it for every later request."),
  /** RFC 8628: the device code expired before the user finished. */
  EXPIRED_TOKEN(
      "expired_token",
      400,
      "expired_token",
      "The device code has expired.",
      "Start a new device authorization request and show the user the new code."),
  /**
   * The user or the server refused the request: 400 at the token endpoint (RFC 8628); a resource
   * answers a token without the needed scope with {@link #INSUFFICIENT_SCOPE} (403).
   */
  ACCESS_DENIED(
      "access_denied",
      400,
      "access_denied",
      "The user or the authorization server denied the request.",
      "Ask the user to approve the request, or start again; do not retry the same request."),
  /** RFC 6750: the access token is valid but lacks a scope the resource needs. */
  INSUFFICIENT_SCOPE(
      "insufficient_scope",
      403,
      "insufficient_scope",
      "The access token lacks a scope this request needs.",
      "Request a token with the scope the resource names (WWW-Authenticate 'scope')."),
  // Second factors (TOTP, recovery codes).
  INVALID_MFA_CODE(
      "invalid_mfa_code",
      401,
      "invalid_grant",
      "The one-time code or recovery code is wrong, expired or was already used.",
      "Enter the current code from the authenticator app (each code works once), or an unused"
          + " recovery code."),
  MFA_CHALLENGE_INVALID(
      "mfa_challenge_invalid",
      401,
      "invalid_grant",
      "The MFA challenge is unknown, expired, already completed or ended after too many wrong"
          + " codes.",
      "Log in again with the password to get a new mfa_token; it lasts 5 minutes and allows 5"
          + " wrong codes."),
  MFA_NOT_ENROLLED(
      "mfa_not_enrolled",
      409,
      "invalid_request",
      "The second factor is not set up (or not yet confirmed) for this account.",
      "Enrol first (POST /auth/mfa/totp), then confirm with a first code; or, if it is already"
          + " active, remove it before enrolling again."),
  MFA_ENROLMENT_CONFLICT(
      "mfa_enrolment_conflict",
      409,
      "invalid_request",
      "Another enrolment of this second factor for this account started at the same moment and"
          + " was stored instead.",
      "Use the QR code of the enrolment that succeeded, or start the enrolment again (POST"
          + " /auth/mfa/totp)."),
  MFA_SEED_UNREADABLE(
      "mfa_seed_unreadable",
      500,
      "server_error",
      "The account's TOTP seed does not decrypt under any configured key.",
      "Restore the key the seed was encrypted under as auth.mfa.encryption-key or"
          + " auth.mfa.previous-encryption-key (AUTH_MFA_ENCRYPTION_KEY,"
          + " AUTH_MFA_PREVIOUS_ENCRYPTION_KEY), or reset the account's MFA (user mfa-reset EMAIL)"
          + " so that the user enrols again.");

  private static final Map<Class<?>, ErrorKind> BY_RECORD = new HashMap<>();

  static {
    for (ErrorKind kind : values()) {
      if (!kind.isPlain()) {
        BY_RECORD.put(kind.type, kind);
      }
    }
  }

  private final Class<? extends AuthError> type;
  private final String code;
  private final int httpStatus;
  private final String oauthError;
  private final String summary;
  private final String remedy;

  ErrorKind(String code, int httpStatus, String oauthError, String summary, String remedy) {
    this(AuthError.Plain.class, code, httpStatus, oauthError, summary, remedy);
  }

  ErrorKind(
      Class<? extends AuthError> type,
      String code,
      int httpStatus,
      String oauthError,
      String summary,
      String remedy) {
    this.type = type;
    this.code = code;
    this.httpStatus = httpStatus;
    this.oauthError = oauthError;
    this.summary = summary;
    this.remedy = remedy;
  }

  /** The kind of the errors of a record type of {@link AuthError} other than {@code Plain}. */
  static ErrorKind of(Class<?> recordType) {
    ErrorKind kind = BY_RECORD.get(recordType);
    if (kind == null) {
      throw new IllegalStateException(recordType.getName() + " has no row in ErrorKind");
    }
    return kind;
  }

  /**
   * True for the kinds whose errors carry no data and have no record of their own: they are made
   * with {@link AuthError#of(ErrorKind)}.
   */
  public boolean isPlain() {
    return type == AuthError.Plain.class;
  }

  /** The stable snake_case code, for example {@code account_locked}. */
  public String code() {
    return code;
  }

  /** The HTTP status an HTTP adapter answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The OAuth 2.x {@code error} value. */
  public String oauthError() {
    return oauthError;
  }

  /** What happened, in general; an error's own message may name the specifics. */
  public String summary() {
    return summary;
  }

  /** What to do about it, in general; an error's own remedy may name the specifics. */
  public String remedy() {
    return remedy;
  }
}
