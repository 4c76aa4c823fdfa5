package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.Interaction;
import java.time.Instant;
import java.util.Optional;

/**
 * Server-side browser interactions (authorization and device flows), by the SHA-256 of their id,
 * shared by every instance of a fleet so that any node continues a flow another one began. See the
 * package rules.
 *
 * <p>Thread-safe; {@link #update} is a compare-and-set on the version, atomic in the store: of
 * concurrent updates from one version, on any number of instances sharing the store, exactly one
 * succeeds. A store that cannot answer throws {@link
 * dev.portcullis.auth.api.error.ServiceUnavailableException} (callers refuse: fail closed).
 */
public interface InteractionStore {

  /**
   * Stores a new interaction (version 0).
   *
   * @throws IllegalArgumentException if the hash is already stored or the version is not 0
   */
  void create(Interaction interaction);

  /** The interaction, while {@code now} is before its expiry; empty when unknown or expired. */
  Optional<Interaction> find(String idHash, Instant now);

  /**
   * Stores {@code next.state()} and {@code next.version()} for the interaction {@code
   * next.idHash()} if its stored version is {@code next.version() - 1} and it has not expired at
   * {@code now}, atomically. Kind, CSRF token and instants stay as created.
   *
   * @return false if it is unknown, expired, deleted or was updated by someone else meanwhile
   *     (nothing changes)
   */
  boolean update(Interaction next, Instant now);

  /**
   * Forgets an interaction (the flow finished), atomically.
   *
   * @return false if it was not stored
   */
  boolean delete(String idHash);

  /**
   * Forgets interactions that expired before {@code cutoff}.
   *
   * @return how many were forgotten
   */
  int purge(Instant cutoff);
}
