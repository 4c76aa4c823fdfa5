package dev.portcullis.auth.oauth.token;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.jwt.OAuthTokens.ActiveToken;
import dev.portcullis.auth.oauth.client.ClientAuthenticator;
import dev.portcullis.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import java.util.Objects;

/**
 * Token introspection (RFC 7662) for confidential clients: the token's client, or a resource server
 * registered as a client whose client id is the API's audience. A caller sees a token as active
 * only when it is the token's client, or when its client id is in the token's {@code aud}; the
 * audience a client's own tokens are issued for proves nothing (every client that calls an API has
 * it), so it never lets a caller see another client's token. A token of a client that is disabled
 * or no longer registered is inactive. Any other token, and every token that is not active, is
 * {@link Introspection#inactive()}, so a caller cannot tell "not yours" from "revoked". {@code
 * token_type_hint} is ignored: both types are looked up.
 *
 * <p>Errors: the client authenticator's; {@code invalid_client} for a public client (RFC 7662
 * section 2.1 requires the caller to be authorized; a public client proves nothing); {@code
 * invalid_request} when {@code token} is missing; {@code service_unavailable} when a store cannot
 * answer. Thread-safe.
 */
public final class TokenIntrospection {
  private final ClientAuthenticator clients;
  private final OAuthTokens tokens;
  private final ClientStore registered;

  @Inject
  public TokenIntrospection(
      ClientAuthenticator clients, OAuthTokens tokens, ClientStore registered) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.registered = Objects.requireNonNull(registered, "registered");
  }

  /**
   * What {@code token} says, as far as the client {@code credentials} prove may see it.
   *
   * @param token the {@code token} parameter, or null when missing
   * @param tokenTypeHint the {@code token_type_hint} parameter, or null; ignored
   */
  public Result<Introspection> introspect(
      ClientCredentials credentials, String token, String tokenTypeHint) {
    Objects.requireNonNull(credentials, "credentials");
    return Result.catching(
        () -> clients.authenticate(credentials).flatMap(caller -> introspect(caller, token)));
  }

  private Result<Introspection> introspect(AuthenticatedClient caller, String token) {
    if (caller.client().type() == OAuthClient.Type.PUBLIC
        || caller.method() == OAuthClient.AuthMethod.NONE) {
      return Result.err(
          new AuthError.Plain(
              ErrorKind.INVALID_CLIENT,
              "Introspection is for confidential clients: authenticate with a method other than"
                  + " none."));
    }
    if (token == null || token.isEmpty()) {
      return Result.err(new AuthError.InvalidRequest("token", "is missing"));
    }
    return tokens
        .introspect(token)
        .map(
            active ->
                active
                    .filter(t -> visibleTo(caller.client(), t))
                    .filter(this::clientStillEnabled)
                    .map(Introspection::new)
                    .orElse(Introspection.inactive()));
  }

  private static boolean visibleTo(OAuthClient caller, ActiveToken token) {
    return caller.clientId().equals(token.clientId())
        || token.audience().contains(caller.clientId());
  }

  /** A disabled or removed client's tokens are no longer active. */
  private boolean clientStillEnabled(ActiveToken token) {
    return token.clientId() == null
        || registered.find(token.clientId()).map(OAuthClient::enabled).orElse(false);
  }
}
