package dev.portcullis.auth.core.hash.internal;

import dev.portcullis.auth.core.hash.HashingSettings;

/** A stored hash, parsed and checked against the cost caps, ready to verify a password. */
sealed interface StoredHash permits Argon2Hash, BcryptHash, ScryptHash, Pbkdf2Hash {

  /** The id of the pepper the hash was made with, or {@code null} for an unpeppered hash. */
  String pepperId();

  /**
   * Whether {@code password} (UTF-8, or its peppered form for a peppered hash) gives this hash.
   * Compares in constant time.
   */
  boolean matches(byte[] password);

  /**
   * Whether the hash should be replaced under {@code current}, pepper aside: it is of another
   * algorithm than {@code current.algorithm()}, in a foreign encoding, or has a cost, salt or
   * output below what a new hash would get.
   */
  boolean needsRehash(HashingSettings current);
}
