package dev.portcullis.auth.oauth.authorize;

import java.util.Objects;

/**
 * What a page shows about a client.
 *
 * @param clientId the client id
 * @param displayName the client's display name (the client id when it has none)
 */
public record ClientView(String clientId, String displayName) {
  public ClientView {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(displayName, "displayName");
  }
}
