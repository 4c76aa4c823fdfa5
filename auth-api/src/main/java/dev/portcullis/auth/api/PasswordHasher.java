package dev.portcullis.auth.api;

/**
 * Hashes and verifies passwords as self-describing strings (PHC {@code $argon2id$v=19$m=...},
 * {@code $2b$12$...}, ...), so stored hashes carry their algorithm and costs.
 *
 * <p>Implementations must be thread-safe and compare in constant time.
 */
public interface PasswordHasher {

  /**
   * Hashes {@code password} with the current algorithm and costs and a fresh random salt.
   *
   * @throws IllegalArgumentException if the algorithm cannot take this password (for example bcrypt
   *     and a password over 72 UTF-8 bytes); the message never quotes the password
   */
  String hash(CharSequence password);

  /**
   * Whether {@code password} matches {@code encodedHash}.
   *
   * @throws IllegalArgumentException if {@code encodedHash} is in no supported format; the message
   *     names the scheme prefix, never the hash
   */
  boolean verify(CharSequence password, String encodedHash);

  /**
   * Whether {@code encodedHash} should be replaced after the next successful login: another
   * algorithm than the current one, or any cost below the current settings.
   *
   * @throws IllegalArgumentException if {@code encodedHash} is in no supported format
   */
  boolean needsRehash(String encodedHash);

  /** Whether {@code encodedHash} is in a format this hasher can verify. Never throws. */
  boolean supports(String encodedHash);
}
