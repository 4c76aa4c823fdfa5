package dev.portcullis.auth.oauth.client;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.OAuthClient;
import java.util.Objects;

/**
 * Authenticates the client of a token, revocation or introspection request (RFC 6749 section 2.3,
 * RFC 7523): exactly one method per request, and only a method registered for the client.
 *
 * <p>Errors: {@code invalid_client} (unknown or disabled client, wrong secret, bad assertion, a
 * method the client is not registered for, no client authentication at all, a {@code jwks_uri} that
 * could not be fetched: RFC 6749 section 5.2 has no temporary error for it), {@code
 * invalid_request} (more than one method in one request, malformed credentials), {@code
 * service_unavailable} (a store could not answer). Thread-safe.
 */
public interface ClientAuthenticator {

  /** The client the credentials prove, and how. */
  Result<AuthenticatedClient> authenticate(ClientCredentials credentials);

  /**
   * An authenticated client.
   *
   * @param client the registered client
   * @param method how it authenticated ({@code none} for a public client)
   */
  record AuthenticatedClient(OAuthClient client, OAuthClient.AuthMethod method) {
    public AuthenticatedClient {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(method, "method");
    }

    /** The client's id. */
    public String clientId() {
      return client.clientId();
    }
  }
}
