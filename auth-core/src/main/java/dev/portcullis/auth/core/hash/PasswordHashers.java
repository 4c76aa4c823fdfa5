package dev.portcullis.auth.core.hash;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.core.hash.internal.BouncyCastlePasswordHasher;

/**
 * Creates the {@link PasswordHasher} implementation: Argon2 our own (RFC 9106), the other
 * algorithms built on Bouncy Castle.
 *
 * <h2>What it writes</h2>
 *
 * New hashes use {@link HashingSettings#algorithm()}, a fresh random salt of {@link
 * HashingSettings#saltLength()} bytes (16 for bcrypt) and the settings' costs:
 *
 * <ul>
 *   <li>argon2id: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, the reference
 *       implementation's PHC string (standard base64 without padding, 32-byte output).
 *   <li>bcrypt: {@code $2b$12$<salt><hash>}.
 *   <li>scrypt: {@code $scrypt$ln=17,r=8,p=1$<salt>$<hash>} where {@code ln} is log2 N; this is
 *       passlib's format (standard base64 without padding, 32-byte output), so passlib can read it.
 *   <li>PBKDF2: {@code $pbkdf2-sha256$i=600000,l=32$<salt>$<hash>} and {@code
 *       $pbkdf2-sha512$i=210000,l=64$<salt>$<hash>}, the PHC style of the RustCrypto {@code pbkdf2}
 *       crate (standard base64 without padding, output as long as the digest).
 * </ul>
 *
 * <h2>What it reads</h2>
 *
 * All of the above, and: {@code $argon2i$}, {@code $argon2d$} and version 16 ({@code v=16} or no
 * {@code v=}) PHC strings; bcrypt {@code $2a$} and {@code $2y$}; passlib's {@code
 * $pbkdf2-sha256$<rounds>$...}, {@code $pbkdf2-sha512$...} and {@code $pbkdf2$...} (HMAC-SHA-1) in
 * adapted base64; Django's {@code pbkdf2_sha256$}, {@code pbkdf2_sha1$}, {@code scrypt$} and {@code
 * argon2$}; Spring Security's {@code DelegatingPasswordEncoder} values {@code {bcrypt}}, {@code
 * {argon2}}, {@code {scrypt}} (and their {@code @SpringSecurity_v5_8} ids), {@code {pbkdf2}}
 * (Spring's pre-5.8 default encoder: HMAC-SHA-1, 185000 iterations, 8-byte salt, hex) and {@code
 * {pbkdf2@SpringSecurity_v5_8}} (HMAC-SHA-256, 310000 iterations, 16-byte salt, hex). Spring's
 * PBKDF2 values do not record their costs, so only encoders at those defaults and without a secret
 * can be read. Keycloak credentials, as {@link KeycloakCredentials} writes them: {@code
 * $keycloak-pbkdf2-sha256$i=<iterations>$<salt>$<value>}, {@code $keycloak-pbkdf2-sha512$}, {@code
 * $keycloak-pbkdf2$} (HMAC-SHA-1) and {@code $keycloak-argon2id$v=19$m=..,t=..,p=..$<salt>$<value>}
 * ({@code -argon2i}, {@code -argon2d}). Every hash in a foreign encoding asks for a rehash.
 *
 * <h2>bcrypt and long passwords</h2>
 *
 * bcrypt reads at most 72 bytes of password, and Bouncy Castle, like most implementations, drops
 * the rest without a word. {@code hash()} therefore refuses a password over 72 UTF-8 bytes when the
 * algorithm is bcrypt (an {@link IllegalArgumentException} that suggests argon2id and never quotes
 * the password). {@code verify()} against an existing bcrypt hash compares the first 72 bytes,
 * because that is how the systems that wrote those hashes made them: migrated users can still log
 * in, and then get rehashed with the current algorithm.
 *
 * <h2>Pepper</h2>
 *
 * With {@link HashingSettings#pepper()} set, new hashes are made from HMAC-SHA-256(pepper, UTF-8
 * password) instead of the password, and marked with the pepper's id (8 base64 characters of an
 * HMAC of a fixed label under the pepper, which names the pepper without revealing it): as an extra
 * PHC parameter, {@code $argon2id$v=19$m=19456,t=2,p=1,pepper=<id>$...}, and for bcrypt, which has
 * no parameters, as a prefix, {@code $bcrypt-pepper$pepper=<id>$2b$12$...}. A hash without the
 * marker verifies without the pepper, so imported hashes keep working; {@code needsRehash()} is
 * true whenever the marker differs from the configured pepper (none, added or another). Verifying a
 * marked hash without its pepper configured throws {@link IllegalStateException}: it could never
 * succeed, which is a configuration error. As the peppered input is 32 bytes, bcrypt's 72-byte
 * limit does not apply to peppered bcrypt hashes.
 *
 * <h2>Rehash</h2>
 *
 * {@code needsRehash()} is true when the hash's algorithm differs from the current one, any of its
 * costs is below the current settings, its salt or output is shorter than a new hash's, it is in a
 * foreign encoding, or its pepper state differs.
 *
 * <h2>Safety</h2>
 *
 * Hashes are compared in constant time. Costs read from a stored hash are capped (argon2 memory 1
 * GiB and memory x passes 4 GiB, bcrypt cost 18, scrypt 128 x N x r 1 GiB, PBKDF2 10000000
 * iterations), so a tampered row cannot tie up the server; above a cap the hash is rejected like a
 * malformed one. Unknown or malformed hashes make {@code supports()} false and {@code verify()} and
 * {@code needsRehash()} throw {@link IllegalArgumentException} naming only the scheme prefix (for
 * example {@code $md5$}). Nothing is logged.
 */
public final class PasswordHashers {
  private PasswordHashers() {}

  /**
   * A thread-safe hasher for {@code settings}.
   *
   * @throws NullPointerException if {@code settings} is null
   */
  public static PasswordHasher create(HashingSettings settings) {
    return new BouncyCastlePasswordHasher(settings);
  }
}
