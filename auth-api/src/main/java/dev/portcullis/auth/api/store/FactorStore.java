package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.FactorCredential;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users' second-factor credentials, at most one per user and type. See the package rules.
 *
 * <p>Thread-safe. {@link #useStep} is an atomic compare-and-set in the store: of any number of
 * concurrent calls for one credential and step, on any number of instances sharing the store, at
 * most one returns {@code true}.
 */
public interface FactorStore {

  /**
   * Stores a new pending credential, replacing a pending one of the same user and type.
   *
   * @return {@code false}, storing nothing, when the user already has an active credential of that
   *     type, or when a concurrent call stored the user's first credential of that type first (of
   *     concurrent calls, at least one stores; none throws)
   */
  boolean savePending(FactorCredential credential);

  /** The user's credential of {@code type}, pending or active. */
  Optional<FactorCredential> find(String userId, String type);

  /** Every credential of the user, oldest first. */
  List<FactorCredential> list(String userId);

  /**
   * Activates a pending credential and records {@code step} as its last used step, atomically.
   *
   * @return {@code false} when there is no such pending credential (already active, removed)
   */
  boolean activate(String credentialId, long step, Instant at);

  /**
   * Records {@code step} as the credential's last used step if it is later than the recorded one:
   * one conditional update.
   *
   * @return {@code true} for the one caller that moved it, {@code false} when the step (or a later
   *     one) was already used or the credential is gone or not active
   */
  boolean useStep(String credentialId, long step);

  /**
   * Replaces the credential's secret if it is still {@code expected} (a re-encryption under a new
   * key): one conditional update.
   *
   * @return whether it was replaced
   */
  boolean replaceSecret(String credentialId, String expected, String replacement);

  /**
   * Removes the user's credential of {@code type}.
   *
   * @return whether there was one
   */
  boolean delete(String userId, String type);

  /**
   * Removes every credential of the user.
   *
   * @return how many were removed
   */
  int deleteAll(String userId);
}
