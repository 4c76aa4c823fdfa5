package dev.portcullis.auth.oauth.token;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.oauth.client.ClientAuthenticator;
import dev.portcullis.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The token endpoint (RFC 6749 section 3.2) as a use case: authenticates the client, then
 * dispatches on {@code grant_type}. Supported now: {@code client_credentials} (RFC 6749 section
 * 4.4) and {@code refresh_token} (section 6); {@code password} never.
 *
 * <p>Errors, in the order they are checked: the client authenticator's ({@code invalid_client},
 * {@code invalid_request}, {@code service_unavailable}); {@code invalid_request} when {@code
 * grant_type} is missing; {@code unsupported_grant_type} for a grant this server does not support;
 * {@code unauthorized_client} for a supported grant not registered for the client, and for client
 * credentials asked by a public client; {@code invalid_request} for a refresh without {@code
 * refresh_token}; {@code invalid_scope} for a malformed scope or one the client is not registered
 * for; then {@link OAuthTokens}' own ({@code invalid_grant}, {@code invalid_scope}...).
 * Thread-safe.
 */
public final class TokenEndpoint {
  private final ClientAuthenticator clients;
  private final OAuthTokens tokens;
  private final OAuthSettings settings;
  private final String issuer;
  private final Clock clock;

  @Inject
  TokenEndpoint(
      ClientAuthenticator clients,
      OAuthTokens tokens,
      OAuthSettings settings,
      JwtSettings jwt,
      Clock clock) {
    this(clients, tokens, settings, jwt.issuer(), clock);
  }

  /**
   * @param issuer the issuer URL, the audience of last resort
   */
  public TokenEndpoint(
      ClientAuthenticator clients,
      OAuthTokens tokens,
      OAuthSettings settings,
      String issuer,
      Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The token response for {@code request}, or why not. */
  public Result<TokenResponse> exchange(TokenRequest request) {
    Objects.requireNonNull(request, "request");
    // A store that throws (fails closed) is an error value here, never a 500.
    return Result.catching(
        () -> clients.authenticate(request.credentials()).flatMap(c -> grant(c, request)));
  }

  private Result<TokenResponse> grant(AuthenticatedClient client, TokenRequest request) {
    if (request.grantType().isEmpty()) {
      return Result.err(
          new AuthError.InvalidRequest(
              "grant_type", "is missing; use one of " + ServerMetadata.GRANT_TYPES));
    }
    String grantType = request.grantType().get();
    if (!ServerMetadata.GRANT_TYPES.contains(grantType)) {
      return Result.err(unsupported(grantType));
    }
    if (!client.client().grantTypes().contains(grantType)) {
      return Result.err(
          new AuthError.Plain(
              ErrorKind.UNAUTHORIZED_CLIENT,
              "The grant type "
                  + grantType
                  + " is not registered for this client; it may use "
                  + client.client().grantTypes()
                  + "."));
    }
    return switch (grantType) {
      case OAuthClient.CLIENT_CREDENTIALS -> clientCredentials(client, request);
      case OAuthClient.REFRESH_TOKEN -> refresh(client, request);
      default -> throw new IllegalStateException("no dispatch for a supported grant type");
    };
  }

  private Result<TokenResponse> clientCredentials(
      AuthenticatedClient client, TokenRequest request) {
    if (client.client().type() == OAuthClient.Type.PUBLIC
        || client.method() == OAuthClient.AuthMethod.NONE) {
      return Result.err(
          new AuthError.Plain(
              ErrorKind.UNAUTHORIZED_CLIENT,
              "client_credentials is for confidential clients only (RFC 6749 section 4.4)."));
    }
    return requestedScope(client, request)
        .flatMap(
            requested -> {
              // RFC 6749 section 3.3: an omitted scope means the client's registered scopes.
              Set<String> scope =
                  request.scope().isPresent() ? requested : client.client().scopes();
              OAuthTokens.Grant grant =
                  new OAuthTokens.Grant(client.clientId(), scope, audience(client.client()));
              return tokens.forClient(grant).map(this::response);
            });
  }

  private Result<TokenResponse> refresh(AuthenticatedClient client, TokenRequest request) {
    if (request.refreshToken().isEmpty()) {
      return Result.err(new AuthError.InvalidRequest("refresh_token", "is missing"));
    }
    String refreshToken = request.refreshToken().get();
    return requestedScope(client, request)
        .flatMap(
            requested -> {
              // Empty: as granted. OAuthTokens refuses more than was granted (invalid_scope).
              OAuthTokens.Grant grant =
                  new OAuthTokens.Grant(client.clientId(), requested, audience(client.client()));
              return tokens
                  .refresh(
                      refreshToken, grant, client.client().scopes(), settings.refreshRetryGrace())
                  .map(this::response);
            });
  }

  /** The requested scope, checked against the client's registration; empty when not requested. */
  private static Result<Set<String>> requestedScope(
      AuthenticatedClient client, TokenRequest request) {
    if (request.scope().isEmpty()) {
      return Result.ok(Set.of());
    }
    return Scopes.parse(request.scope().get())
        .flatMap(
            requested -> {
              Set<String> refused = new TreeSet<>(requested);
              refused.removeAll(client.client().scopes());
              if (!refused.isEmpty()) {
                return Result.err(
                    new AuthError.Plain(
                        ErrorKind.INVALID_SCOPE,
                        "This client is not registered for the scope "
                            + Scopes.format(refused)
                            + "."));
              }
              return Result.ok(requested);
            });
  }

  /** The client's own audience, else the server's default resource, else the issuer. */
  private List<String> audience(OAuthClient client) {
    if (client.accessTokenAudience() != null) {
      return List.of(client.accessTokenAudience());
    }
    return List.of(settings.defaultAudienceIfSet().orElse(issuer));
  }

  private TokenResponse response(OAuthTokens.GrantedTokens granted) {
    long expiresIn = Duration.between(clock.instant(), granted.accessTokenExpiresAt()).toSeconds();
    return new TokenResponse(
        granted.accessToken(), expiresIn, granted.scopeString(), granted.refreshToken());
  }

  private static AuthError unsupported(String grantType) {
    if (grantType.equals("password")) {
      return new AuthError.Plain(
          ErrorKind.UNSUPPORTED_GRANT_TYPE,
          "The resource owner password grant is not supported (OAuth 2.1 removes it); use"
              + " client_credentials for a service, or a user's authorization code (coming).");
    }
    boolean known = OAuthClient.GRANT_TYPES.contains(grantType);
    return new AuthError.Plain(
        ErrorKind.UNSUPPORTED_GRANT_TYPE,
        (known ? "The grant type " + grantType : "This grant type")
            + " is not supported by this server; it supports "
            + ServerMetadata.GRANT_TYPES
            + ".");
  }
}
