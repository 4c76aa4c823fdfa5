package dev.portcullis.auth.oauth.token;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.client.ClientAuthenticator;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import java.util.Objects;

/**
 * Token revocation (RFC 7009). Any registered client may revoke its own tokens, a public one
 * included (it authenticates with {@code none}). {@code token_type_hint} is accepted and ignored:
 * both token types are looked up, so no hint is unsupported and {@code unsupported_token_type} is
 * never answered.
 *
 * <p>Errors: the client authenticator's ({@code invalid_client}, {@code invalid_request}, {@code
 * service_unavailable}); {@code invalid_request} when {@code token} is missing; {@code
 * unauthorized_client} for a token issued to another client (nothing changes). A malformed,
 * unknown, expired or already revoked token is {@code Ok} (RFC 7009 section 2.2). Thread-safe.
 */
public final class TokenRevocation {
  private final ClientAuthenticator clients;
  private final OAuthTokens tokens;

  @Inject
  public TokenRevocation(ClientAuthenticator clients, OAuthTokens tokens) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /**
   * Revokes {@code token} for the client {@code credentials} prove.
   *
   * @param token the {@code token} parameter, or null when missing
   * @param tokenTypeHint the {@code token_type_hint} parameter, or null; ignored
   */
  public Result<Void> revoke(ClientCredentials credentials, String token, String tokenTypeHint) {
    Objects.requireNonNull(credentials, "credentials");
    return Result.catching(
        () ->
            clients
                .authenticate(credentials)
                .flatMap(
                    client ->
                        token == null || token.isEmpty()
                            ? Result.err(new AuthError.InvalidRequest("token", "is missing"))
                            : tokens.revoke(token, client.clientId())));
  }
}
