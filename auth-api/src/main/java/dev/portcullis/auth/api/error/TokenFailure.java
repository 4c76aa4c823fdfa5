package dev.portcullis.auth.api.error;

/**
 * Why a token was refused. Each reason has its own stable code, a default description and a remedy,
 * so a client, an operator and a log line can tell the cases apart.
 */
public enum TokenFailure {
  /** Not a compact JWS, bad base64url, bad JSON, or a required part missing. */
  MALFORMED(
      "token_malformed",
      "The token is not a well-formed signed JWT.",
      "Send the token exactly as it was issued: three base64url parts separated by dots."),
  /** Larger than the configured maximum size. */
  TOO_LARGE(
      "token_too_large",
      "The token is larger than this service accepts.",
      "Keep custom claims small; operators can raise auth.token.max-size."),
  /** The signature does not match. */
  SIGNATURE(
      "token_signature",
      "The token's signature does not match.",
      "The issuer and this service most likely hold different keys or secrets: use the same"
          + " secret on both sides, or verify through the issuer's JWKS."),
  /** The algorithm is none, not allowed, or not the one pinned for the key. */
  ALGORITHM(
      "token_algorithm",
      "The token's algorithm is not allowed for its key.",
      "Sign with the algorithm configured for the key; 'none' is never accepted."),
  /** The header names a key id this service does not know. */
  UNKNOWN_KEY(
      "token_unknown_key",
      "The token was signed with a key this service does not know.",
      "Check that the issuer's current key is published (JWKS) or configured here; a key that"
          + " was retired no longer verifies."),
  /** The header carries something that must not be trusted or understood (jwk, jku, crit...). */
  UNSUPPORTED_HEADER(
      "token_header",
      "The token's header carries a parameter this service refuses.",
      "Do not embed keys or key URLs (jwk, jku, x5u, x5c) or unknown 'crit' extensions in the"
          + " header."),
  /** exp is in the past beyond the leeway. */
  EXPIRED(
      "token_expired",
      "The token has expired.",
      "Use the refresh token to get a new access token, or log in again."),
  /** nbf is in the future beyond the leeway. */
  NOT_YET_VALID(
      "token_not_yet_valid",
      "The token is not valid yet.",
      "Check that the clocks of the issuer and of this service are synchronised (NTP)."),
  /** iat is in the future beyond the leeway. */
  ISSUED_IN_FUTURE(
      "token_issued_in_future",
      "The token claims to be issued in the future.",
      "Check clock sync: the issuer's clock is ahead of this service's (use NTP on both)."),
  /** iss is not the expected issuer. */
  ISSUER(
      "token_issuer",
      "The token's issuer is not the one this service trusts.",
      "Set auth.token.issuer to the same value on the issuer and on this service."),
  /** aud does not contain an accepted audience. */
  AUDIENCE(
      "token_audience",
      "The token's audience is not one this service accepts.",
      "Issue the token for this service's audience, or add it to auth.token.audiences."),
  /** The typ header is wrong: a refresh token used as an access token or the reverse. */
  TYPE(
      "token_type",
      "The token is of the wrong type for this use.",
      "Send the access token to APIs and the refresh token only to the refresh endpoint."),
  /** A claim that must be present is missing or has the wrong type. */
  MISSING_CLAIM(
      "token_missing_claim",
      "The token lacks a required claim.",
      "Issue tokens with every required claim (sub, exp, iat, jti, ...)."),
  /** The token, its session or every token of its user was revoked. */
  REVOKED(
      "token_revoked",
      "The token has been revoked.",
      "Log in again to get new tokens (the user logged out, changed password, or was signed out"
          + " everywhere)."),
  /** A refresh token was presented a second time: its whole family is now revoked. */
  REFRESH_TOKEN_REUSED(
      "refresh_token_reused",
      "This refresh token was already used; as a precaution every token of its session is now"
          + " revoked.",
      "Log in again. A client must store the newest refresh token after each refresh and never"
          + " send an old one; two clients sharing one refresh token trigger this.");

  private final String code;
  private final String description;
  private final String remedy;

  TokenFailure(String code, String description, String remedy) {
    this.code = code;
    this.description = description;
    this.remedy = remedy;
  }

  /** The stable snake_case code. */
  public String code() {
    return code;
  }

  /** A default description in plain words. */
  public String description() {
    return description;
  }

  /** The fix, in one line. */
  public String remedy() {
    return remedy;
  }
}
