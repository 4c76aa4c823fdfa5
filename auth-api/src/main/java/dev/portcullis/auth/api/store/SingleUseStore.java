package dev.portcullis.auth.api.store;

import java.time.Instant;

/**
 * Keys that may be used once within a namespace until they expire: the {@code jti} of a client
 * assertion, a TOTP time step. See the package rules.
 *
 * <p>Thread-safe; {@link #markUsed} is atomic in the store, so of any number of concurrent calls
 * with one namespace and key, on any number of instances sharing the store, exactly one returns
 * {@code true}. A store that cannot answer throws {@link
 * dev.portcullis.auth.api.error.ServiceUnavailableException} (callers refuse the use: fail closed);
 * a memory store that is full does the same rather than forget a key that still matters.
 */
public interface SingleUseStore {

  /**
   * Records {@code key} in {@code namespace} until {@code expiresAt}, atomically.
   *
   * @param namespace what the key belongs to (for example {@code "client-assertion-jti"}), at most
   *     64 characters
   * @param key the key, at most 255 characters (hash longer values first)
   * @param expiresAt until when the key is remembered; must be in the future of the store's clock
   * @return {@code true} the first time, {@code false} while the key is remembered; once {@code
   *     expiresAt} passed, the key may be used again
   * @throws IllegalArgumentException if namespace or key is blank or too long, or {@code expiresAt}
   *     is not in the future (nothing is recorded)
   */
  boolean markUsed(String namespace, String key, Instant expiresAt);

  /**
   * Forgets keys whose {@code expiresAt} is before {@code cutoff}.
   *
   * @return how many were forgotten
   */
  int purge(Instant cutoff);
}
