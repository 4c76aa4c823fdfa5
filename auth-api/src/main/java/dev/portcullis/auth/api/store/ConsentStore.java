package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.Consent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The scopes users have allowed clients, per user and client. See the package rules. */
public interface ConsentStore {

  /**
   * Adds {@code scopes} to what {@code userId} has allowed {@code clientId}, atomically: after
   * concurrent grants the consent holds the union of all of them, and its {@code grantedAt} is the
   * latest of their instants.
   *
   * @throws IllegalArgumentException if {@code scopes} is empty or holds an invalid scope token
   */
  void grant(String userId, String clientId, Set<String> scopes, Instant at);

  /** What {@code userId} has allowed {@code clientId}, if anything. */
  Optional<Consent> find(String userId, String clientId);

  /** Every consent of a user, ordered by client id. */
  List<Consent> listForUser(String userId);

  /**
   * Withdraws everything {@code userId} allowed {@code clientId}.
   *
   * @return false if there was nothing to withdraw
   */
  boolean revoke(String userId, String clientId);
}
