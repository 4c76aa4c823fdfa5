package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The verified content of an access token.
 *
 * @param subject the user id ({@code sub})
 * @param sessionId the session the token belongs to ({@code sid}), or null for tokens minted
 *     elsewhere
 * @param issuer {@code iss}, or null when the trusted issuer does not set one
 * @param audience {@code aud}, possibly empty
 * @param roles the roles claim, possibly empty
 * @param tokenId {@code jti}; for a token minted elsewhere without one, an id the token adapter
 *     derives from the token itself (auth-jwt: {@code sha256:} and the SHA-256 of the token string)
 *     so that it can still be revoked; null only where an adapter cannot revoke it
 * @param issuedAt {@code iat}, or null when absent (auth-jwt always requires it)
 * @param expiresAt {@code exp}
 * @param claims the remaining, non-reserved claims
 */
public record Principal(
    String subject,
    String sessionId,
    String issuer,
    List<String> audience,
    Set<String> roles,
    String tokenId,
    Instant issuedAt,
    Instant expiresAt,
    Map<String, Object> claims) {

  public Principal {
    Objects.requireNonNull(subject, "subject");
    audience = List.copyOf(audience);
    roles = Set.copyOf(roles);
    Objects.requireNonNull(expiresAt, "expiresAt");
    claims = Map.copyOf(claims);
  }

  /** Whether the principal has {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
