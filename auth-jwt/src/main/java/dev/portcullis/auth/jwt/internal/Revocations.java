package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.TrustedIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that says under which key a token is revoked and looked up: the issuer key ({@code
 * iss}, or the trusted issuer's default for a token without one), the token id ({@code jti}, or
 * {@value #DERIVED_ID_PREFIX} and the SHA-256 of the token for a trusted issuer's token without
 * one), the subject, the session and the issue time. Examination, the verifier's cache and logout
 * all go through here, so they can never disagree. Stateless.
 */
public final class Revocations {

  /** How a token id derived from the token itself (trusted issuer, no {@code jti}) starts. */
  public static final String DERIVED_ID_PREFIX = "sha256:";

  private Revocations() {}

  /**
   * The id under which a token without {@code jti} is revoked: {@value #DERIVED_ID_PREFIX} and the
   * base64url SHA-256 of the exact token string, a stable id (HS signatures and strict base64url
   * leave a token exactly one valid string).
   */
  public static String derivedTokenId(String token) {
    return DERIVED_ID_PREFIX
        + Base64Url.encode(Crypto.sha256(token.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The issuer key of revocations: {@code iss}, or the trusted issuer's default for none. */
  public static String issuerKey(String iss) {
    return iss != null ? iss : TrustedIssuer.DEFAULT_KEY_ID;
  }

  /** The revocation that applies to a token with these claims, if any. */
  public static Optional<Revocation> check(
      TokenBlacklist blacklist, String iss, String tokenId, String sub, String sid, Instant iat) {
    return blacklist.check(issuerKey(iss), tokenId, sub, sid, iat);
  }

  /**
   * The revocation that applies to a verified principal, if any (every profile sets its token id
   * and issue time).
   */
  public static Optional<Revocation> check(TokenBlacklist blacklist, Principal p) {
    return check(
        blacklist,
        p.issuer(),
        Objects.requireNonNull(p.tokenId(), "tokenId"),
        p.subject(),
        p.sessionId(),
        Objects.requireNonNull(p.issuedAt(), "issuedAt"));
  }

  /** Revokes the token of {@code p} (it must have a token id) until {@code keepUntil}. */
  public static void revokeToken(
      TokenBlacklist blacklist, Principal p, Instant now, Instant keepUntil) {
    blacklist.revokeToken(
        issuerKey(p.issuer()), Objects.requireNonNull(p.tokenId(), "tokenId"), now, keepUntil);
  }

  /** Why a token is refused for {@code r}, in plain words. */
  public static String explain(Revocation r, Instant iat) {
    return switch (r.scope()) {
      case TOKEN -> "The token was revoked at " + r.at() + " (logout).";
      case SESSION ->
          "The token's session was ended at "
              + r.at()
              + " (logout, or a refresh token of this session was used twice).";
      case USER ->
          "Every token of this user issued up to "
              + r.at()
              + " was revoked (log out everywhere, or a password change); this one was issued at "
              + (iat == null ? "an unknown time" : iat)
              + ".";
    };
  }
}
