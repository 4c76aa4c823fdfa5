package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.Revocation;
import java.time.Instant;
import java.util.Optional;

/**
 * Revoked tokens, sessions and users, each remembered only as long as a token it concerns could
 * still be valid. See the package rules.
 *
 * <p>Access tokens are checked here. A refresh token is checked by its session in the {@link
 * SessionStore} instead, which its refresh reads anyway: whoever revokes here must also end the
 * sessions concerned there ({@code TokenService}'s revocations do both).
 */
public interface TokenBlacklist {

  /**
   * Revokes one token, keyed by its issuer and id (not by a hash of the token string, which a
   * re-encoding would change), until {@code expiresAt}, after which the entry may vanish.
   */
  void revokeToken(String issuer, String tokenId, Instant revokedAt, Instant expiresAt);

  /** Revokes every token of a session until {@code keepUntil} (the session's last expiry). */
  void revokeSession(String sessionId, Instant revokedAt, Instant keepUntil);

  /**
   * Revokes every token of a user issued at or before {@code notBefore} (log out everywhere,
   * password change), remembered until {@code keepUntil}. A later call with an earlier instant
   * never moves the not-before back.
   */
  void revokeUserBefore(String userId, Instant notBefore, Instant keepUntil);

  /**
   * Whether a token with these claims is revoked, by any of the three rules, in one call.
   *
   * @param issuer {@code iss}
   * @param tokenId {@code jti}
   * @param userId {@code sub}
   * @param sessionId {@code sid}, or null
   * @param issuedAt {@code iat}
   * @return the revocation that applies, if any
   */
  Optional<Revocation> check(
      String issuer, String tokenId, String userId, String sessionId, Instant issuedAt);

  /** A blacklist that revokes nothing: only for services that accept unrevocable tokens. */
  static TokenBlacklist none() {
    return new TokenBlacklist() {
      @Override
      public void revokeToken(String issuer, String tokenId, Instant revokedAt, Instant expiresAt) {
        throw new UnsupportedOperationException(
            "TokenBlacklist.none() cannot revoke: install a store module to support logout");
      }

      @Override
      public void revokeSession(String sessionId, Instant revokedAt, Instant keepUntil) {
        throw new UnsupportedOperationException(
            "TokenBlacklist.none() cannot revoke: install a store module to support logout");
      }

      @Override
      public void revokeUserBefore(String userId, Instant notBefore, Instant keepUntil) {
        throw new UnsupportedOperationException(
            "TokenBlacklist.none() cannot revoke: install a store module to support logout");
      }

      @Override
      public Optional<Revocation> check(
          String issuer, String tokenId, String userId, String sessionId, Instant issuedAt) {
        return Optional.empty();
      }
    };
  }
}
