package dev.portcullis.auth.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A trusted external issuer: tokens minted elsewhere (a front end, another service) with a secret
 * shared with this service, as in "the frontend signs, the backend verifies". Such tokens carry no
 * {@code kid} (or the configured one) and are verified against this profile instead of the key
 * ring: the secret and its one algorithm, the required claims (by default {@code sub}, {@code
 * email} and {@code exp}), {@code iss} and {@code aud} only when configured here, and the leeway.
 *
 * <p>Whatever {@code requiredClaims} lists, a token must carry {@code iat}: "log out everywhere"
 * and a password change revoke the tokens issued before them, which needs the issue time (one
 * without it is refused with {@code token_missing_claim}, naming the claim and the fix). A token
 * without {@code jti} is revoked at logout by a stable id derived from the token itself (the
 * SHA-256 of its exact string), until its {@code exp}.
 *
 * <p>The secret is the UTF-8 bytes of the configured text, which is how most libraries use a shared
 * {@code AUTH_SECRET}: both sides must hold exactly the same value.
 *
 * @param key the shared secret, pinned to its HS algorithm; its id is what a token's {@code kid}
 *     must be when it carries one
 * @param issuer the required {@code iss}, or null to accept any or none
 * @param audience the audience {@code aud} must contain, or null to accept any or none
 * @param requiredClaims claims every token must carry
 * @param leeway clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}
 */
public record TrustedIssuer(
    JwtKey key, String issuer, String audience, Set<String> requiredClaims, Duration leeway) {

  /** The key id of a trusted issuer whose tokens carry none. */
  public static final String DEFAULT_KEY_ID = "trusted-issuer";

  /** The claims required by default: the seed's {@code sub}, {@code email} and {@code exp}. */
  public static final Set<String> DEFAULT_REQUIRED_CLAIMS = Set.of("sub", "email", "exp");

  public TrustedIssuer {
    Objects.requireNonNull(key, "key");
    if (!key.symmetric()) {
      throw new IllegalArgumentException("a trusted issuer profile uses a shared HS secret");
    }
    requiredClaims = Set.copyOf(requiredClaims);
    if (!requiredClaims.contains("sub") || !requiredClaims.contains("exp")) {
      throw new IllegalArgumentException(
          "a trusted issuer's tokens must at least require sub and exp");
    }
    Objects.requireNonNull(leeway, "leeway");
    if (leeway.isNegative()) {
      throw new IllegalArgumentException("leeway must not be negative");
    }
    if (leeway.compareTo(JwtVerifier.MAX_LEEWAY) > 0) {
      throw new IllegalArgumentException(
          "leeway must be at most " + JwtVerifier.MAX_LEEWAY.toSeconds() + " s");
    }
    issuer = blankToNull(issuer);
    audience = blankToNull(audience);
  }

  /**
   * A profile for {@code secret} (its UTF-8 bytes) with {@code algorithm}, the default required
   * claims, no issuer or audience check and 60 s leeway.
   */
  public static TrustedIssuer sharedSecret(String secret, JwsAlgorithm algorithm) {
    return new TrustedIssuer(
        JwtKey.hmac(DEFAULT_KEY_ID, algorithm, secret.getBytes(StandardCharsets.UTF_8)),
        null,
        null,
        DEFAULT_REQUIRED_CLAIMS,
        Duration.ofSeconds(60));
  }

  /** This profile requiring {@code iss} to be {@code issuer}. */
  public TrustedIssuer withIssuer(String issuer) {
    return new TrustedIssuer(key, issuer, audience, requiredClaims, leeway);
  }

  /** This profile requiring {@code aud} to contain {@code audience}. */
  public TrustedIssuer withAudience(String audience) {
    return new TrustedIssuer(key, issuer, audience, requiredClaims, leeway);
  }

  /** This profile requiring exactly these claims. */
  public TrustedIssuer withRequiredClaims(Set<String> claims) {
    return new TrustedIssuer(key, issuer, audience, claims, leeway);
  }

  /** This profile tolerating {@code leeway} of clock skew. */
  public TrustedIssuer withLeeway(Duration leeway) {
    return new TrustedIssuer(key, issuer, audience, requiredClaims, leeway);
  }

  /** The required issuer, if configured. */
  public Optional<String> requiredIssuer() {
    return Optional.ofNullable(issuer);
  }

  /** The required audience, if configured. */
  public Optional<String> requiredAudience() {
    return Optional.ofNullable(audience);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
