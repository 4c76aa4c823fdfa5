package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.OAuthClient;
import java.util.List;
import java.util.Optional;

/**
 * Registered OAuth clients by client id. A client is stored and replaced whole; the {@link
 * OAuthClient} constructor already refused inconsistent ones. See the package rules.
 */
public interface ClientStore {

  /**
   * Registers a client. Of many concurrent registrations with one client id exactly one succeeds;
   * the others get {@code identifier_taken}.
   *
   * @return the stored client, or {@code Err(identifier_taken)}
   */
  Result<OAuthClient> create(OAuthClient client);

  /** The client with this id, enabled or not. */
  Optional<OAuthClient> find(String clientId);

  /**
   * Replaces a client whole (its id picks the one to replace; its creation time is kept as given).
   *
   * @return false if there is no such client
   */
  boolean update(OAuthClient client);

  /**
   * Replaces the secret hash (a rotation), atomically; the rest of the client is unchanged.
   *
   * @return false if there is no such client
   * @throws IllegalArgumentException if the hash is not a self-describing hash, or the client is
   *     public (it has no secret)
   */
  boolean setSecretHash(String clientId, String newHash);

  /**
   * Enables or disables a client.
   *
   * @return false if there is no such client
   */
  boolean setEnabled(String clientId, boolean enabled);

  /**
   * A page of clients ordered by creation time, then id.
   *
   * @param offset clients to skip, at least 0
   * @param limit most clients to return, 1 to 1000
   */
  List<OAuthClient> list(int offset, int limit);
}
