package dev.portcullis.auth.oauth.client;

import dev.portcullis.auth.api.model.OAuthClient;
import java.util.Objects;

/**
 * A client declared in configuration ({@code auth.oauth.clients}): the client as it is registered,
 * with its secret already hashed (a declared secret comes from an environment variable, or is given
 * as a hash; it is never kept in plain text). Bootstrapped into the {@code ClientStore} at start.
 *
 * @param client the client to register (its {@code createdAt} is replaced at bootstrap)
 * @param source where it was declared, for messages ({@code auth.oauth.clients[0]})
 */
public record DeclaredClient(OAuthClient client, String source) {
  public DeclaredClient {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(source, "source");
  }
}
