package dev.portcullis.auth.jwt;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Authentication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tokens for OAuth clients, in the RFC 9068 profile: access tokens carry {@code iss} (the issuer
 * URL), {@code sub}, {@code aud} (always), {@code client_id}, {@code scope}, {@code iat}, {@code
 * exp} and {@code jti}, plus {@code auth_time}, {@code amr} and {@code sid} when a user is
 * involved. Bound by {@link JwtModule}; used by the authorization server ({@code auth-oauth}),
 * which authenticates the client and checks what the client may ask for before it calls here.
 *
 * <p>Every method answers expected failures with {@code Err} and never throws for them: {@code
 * invalid_grant} for a refresh token that is unknown, expired, revoked, reused or issued to another
 * client, {@code invalid_scope} for a refresh that asks for more than was granted, {@code
 * service_unavailable} when a store cannot answer. Thread-safe.
 */
public interface OAuthTokens {

  /**
   * RFC 6749 section 4.4: an access token for the client itself ({@code sub} = {@code client_id},
   * no session, no refresh token, RFC 6749 section 4.4.3).
   */
  Result<GrantedTokens> forClient(Grant grant);

  /**
   * Starts a session for a user on behalf of a client (authorization code and device grants) and
   * issues its first access and refresh token. Refuses like {@code TokenService.issue} when the
   * user is disabled or its credentials moved.
   *
   * @param authentication who authenticated, and when ({@code auth_time})
   * @param amr the RFC 8176 authentication methods, for example {@code ["pwd"]}
   * @param absoluteLifetime how long the session may be refreshed at most, from now, or null for no
   *     limit beyond the idle lifetime
   */
  Result<GrantedTokens> forUser(
      Authentication authentication, Grant grant, List<String> amr, Duration absoluteLifetime);

  /**
   * RFC 6749 section 6: rotates a refresh token issued to {@code grant.clientId()}. {@code
   * grant.scope()} is what the request asked for (empty: the originally granted scope), never more
   * than was granted; the new access token's scope is also cut down to {@code clientScopes}, the
   * client's registration now (a scope the operator removed from the client is not carried on by
   * its old grants; nothing left is {@code invalid_scope}); its {@code aud} is {@code
   * grant.audience()}. With a positive {@code retryGrace}, the refresh token that was rotated away
   * less than that long ago gets the same single successor again (same refresh-token id) instead of
   * counting as reuse.
   */
  Result<GrantedTokens> refresh(
      String refreshToken, Grant grant, Set<String> clientScopes, Duration retryGrace);

  /**
   * RFC 7662: what a token says while it is active (signature, expiry, revocation, its session
   * still live and, for a refresh token, still the current one of its family), or empty.
   */
  Result<Optional<ActiveToken>> introspect(String token);

  /**
   * RFC 7009: revokes an access token (by its {@code jti}, until it would have expired) or a
   * refresh token (its whole session: every refresh token of the family and every access token it
   * minted). A token that is malformed, unknown, expired or already revoked is {@code Ok} (RFC 7009
   * section 2.2); a token issued to another client than {@code clientId} is refused with {@code
   * unauthorized_client} and changes nothing.
   */
  Result<Void> revoke(String token, String clientId);

  /**
   * What a client is granted: who it is, the scope and the audience of its access tokens.
   *
   * @param clientId the authenticated client
   * @param scope the scope granted (client credentials, a new session) or requested (refresh; empty
   *     means "as granted")
   * @param audience the {@code aud} of the access tokens, at least one entry
   */
  record Grant(String clientId, Set<String> scope, List<String> audience) {
    public Grant {
      Objects.requireNonNull(clientId, "clientId");
      scope = Set.copyOf(scope);
      audience = List.copyOf(audience);
      if (audience.isEmpty()) {
        throw new IllegalArgumentException("an OAuth access token always has an audience");
      }
    }
  }

  /**
   * A token response's content (RFC 6749 section 5.1). {@link #toString()} shows no token.
   *
   * @param accessToken the access token
   * @param accessTokenExpiresAt when it expires ({@code expires_in} is counted from it)
   * @param refreshToken the refresh token, or null (client credentials)
   * @param refreshTokenExpiresAt when the refresh token expires, or null
   * @param scope the scope of the access token
   * @param sessionId the session, or null (client credentials)
   */
  record GrantedTokens(
      String accessToken,
      Instant accessTokenExpiresAt,
      String refreshToken,
      Instant refreshTokenExpiresAt,
      Set<String> scope,
      String sessionId) {
    public GrantedTokens {
      Objects.requireNonNull(accessToken, "accessToken");
      Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
      scope = Set.copyOf(new TreeSet<>(scope));
    }

    /** The refresh token, if one was issued. */
    public Optional<String> refresh() {
      return Optional.ofNullable(refreshToken);
    }

    /** The scope as RFC 6749 writes it: tokens separated by one space, sorted. */
    public String scopeString() {
      return String.join(" ", new TreeSet<>(scope));
    }

    @Override
    public String toString() {
      return "GrantedTokens[accessTokenExpiresAt="
          + accessTokenExpiresAt
          + ", refreshToken="
          + (refreshToken == null ? "none" : "present")
          + ", scope="
          + scopeString()
          + ", sessionId="
          + sessionId
          + "]";
    }
  }

  /**
   * An active token as RFC 7662 section 2.2 describes it.
   *
   * @param tokenType {@code access_token} or {@code refresh_token} (RFC 7009 type hints)
   * @param clientId the client it was issued to, or null for a first-party login's token
   * @param subject {@code sub}
   * @param scope its scope, possibly empty
   * @param audience {@code aud}, possibly empty
   * @param issuer {@code iss}
   * @param tokenId {@code jti}
   * @param sessionId {@code sid}, or null
   * @param issuedAt {@code iat}
   * @param expiresAt {@code exp}
   * @param claims other claims worth reporting ({@code auth_time}, {@code amr}...), possibly empty
   */
  record ActiveToken(
      String tokenType,
      String clientId,
      String subject,
      Set<String> scope,
      List<String> audience,
      String issuer,
      String tokenId,
      String sessionId,
      Instant issuedAt,
      Instant expiresAt,
      Map<String, Object> claims) {

    /** {@link #tokenType()} of access tokens. */
    public static final String ACCESS_TOKEN = "access_token";

    /** {@link #tokenType()} of refresh tokens. */
    public static final String REFRESH_TOKEN = "refresh_token";

    public ActiveToken {
      Objects.requireNonNull(tokenType, "tokenType");
      Objects.requireNonNull(subject, "subject");
      scope = Set.copyOf(new TreeSet<>(scope));
      audience = List.copyOf(audience);
      Objects.requireNonNull(issuedAt, "issuedAt");
      Objects.requireNonNull(expiresAt, "expiresAt");
      claims = Map.copyOf(claims);
    }
  }
}
