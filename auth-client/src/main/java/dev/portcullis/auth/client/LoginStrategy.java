package dev.portcullis.auth.client;

import java.util.Set;

/**
 * What a {@link TokenManager} does when it has no usable credential: log in by itself with client
 * credentials (a service), or answer {@link ClientError.AccessTokenNotFound} so that a user logs in
 * explicitly (a command-line tool).
 */
public sealed interface LoginStrategy permits LoginStrategy.ClientCredentials, LoginStrategy.None {

  /** Logs in with the client credentials grant for {@code scopes}. */
  static LoginStrategy clientCredentials(Set<String> scopes) {
    return new ClientCredentials(scopes);
  }

  /** Never logs in by itself. */
  static LoginStrategy none() {
    return new None();
  }

  /** See {@link #clientCredentials(Set)}. */
  record ClientCredentials(Set<String> scopes) implements LoginStrategy {
    public ClientCredentials {
      scopes = Set.copyOf(scopes);
    }
  }

  /** See {@link #none()}. */
  record None() implements LoginStrategy {}
}
