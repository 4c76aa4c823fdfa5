package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a user has allowed a client: the union of every scope granted to it and not revoked since.
 *
 * @param userId the user
 * @param clientId the client
 * @param scopes the granted scopes, at least one, sorted
 * @param grantedAt the latest grant that renewed or widened this consent
 */
public record Consent(String userId, String clientId, Set<String> scopes, Instant grantedAt) {

  public Consent {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(scopes, "scopes");
    scopes = OAuthClient.scopeSet(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a consent grants at least one scope");
    }
    Objects.requireNonNull(grantedAt, "grantedAt");
  }

  /** Whether every scope of {@code requested} is granted. */
  public boolean covers(Set<String> requested) {
    return scopes.containsAll(requested);
  }
}
