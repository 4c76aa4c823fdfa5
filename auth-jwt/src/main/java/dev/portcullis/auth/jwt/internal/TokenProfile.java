package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.jwt.JwtKey;
import java.time.Duration;
import java.util.List;

/**
 * The rules of one kind of token: which key namespace and {@code typ} it must have, which claims it
 * must carry, which issuer and audience it must name, how much clock skew it is allowed and how it
 * is identified for revocation. {@link TokenExaminer} picks one profile per token ({@link
 * ProfileSelector}) and runs the same steps with its rules, so the rules of one kind never leak
 * into another. Implementations are immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link UserAccessProfile} ({@code access}): a user's access token of this issuer, in a
 *       session.
 *   <li>{@link ClientAccessProfile} ({@code client}): a client's own access token (client
 *       credentials): no user, no session.
 *   <li>{@link RefreshProfile} ({@code refresh}): a refresh token, only ever under a
 *       never-published refresh-token key.
 *   <li>{@link TrustedIssuerProfile} ({@code external}): a token of the trusted external issuer.
 * </ul>
 */
public sealed interface TokenProfile
    permits UserAccessProfile, ClientAccessProfile, RefreshProfile, TrustedIssuerProfile {

  /** What the inspector calls such a token: {@code access}, {@code client}, ... */
  String kind();

  /**
   * Checks where the token's key was found and its {@code typ} header; returns whether to go on.
   *
   * @param key the key that the token names, or null when none was found
   */
  boolean checkHeader(
      VerificationKeys.Namespace namespace, JwtKey key, Object typ, Findings findings);

  /** Requires this profile's claims, in order; returns whether to go on. */
  boolean requireClaims(ClaimReader claims);

  /**
   * Checks what this profile requires beyond the registered claims' presence; returns whether to go
   * on. None by default.
   */
  default boolean checkClaims(ClaimReader.Registered claims, Findings findings) {
    return true;
  }

  /** The id the token is revoked under: its {@code jti} by default. */
  default String tokenId(String token, ClaimReader.Registered claims, ClaimReader reader) {
    return claims.jti();
  }

  /** The {@code iss} required, or null to accept any or none. */
  String issuer();

  /** The setting {@link #issuer()} comes from, for messages. */
  String issuerSetting();

  /** The audiences of which {@code aud} must contain one; empty accepts any or none. */
  List<String> audiences();

  /** The setting {@link #audiences()} comes from, for messages. */
  String audienceSetting();

  /** Clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
  Duration leeway();
}
