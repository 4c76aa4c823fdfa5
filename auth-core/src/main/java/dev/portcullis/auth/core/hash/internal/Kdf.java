package dev.portcullis.auth.core.hash.internal;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The key derivation functions on bytes: Argon2 our own, the others straight over Bouncy Castle.
 * Callers check costs first; these only refuse what the algorithms themselves cannot take.
 * Stateless and thread-safe.
 */
final class Kdf {
  /** Argon2 version 0x10, the one libargon2 wrote before 2016; PHC strings without {@code v=}. */
  static final int ARGON2_VERSION_10 = 0x10;

  /** Argon2 version 0x13 (19), the current one. */
  static final int ARGON2_VERSION_13 = 0x13;

  /** The three Argon2 variants with their RFC 9106 type numbers and PHC identifiers. */
  enum Argon2Type {
    ARGON2D(0, "argon2d"),
    ARGON2I(1, "argon2i"),
    ARGON2ID(2, "argon2id");

    final int code;
    final String phcId;

    Argon2Type(int code, String phcId) {
      this.code = code;
      this.phcId = phcId;
    }

    static Argon2Type fromPhcId(String id) {
      for (Argon2Type type : values()) {
        if (type.phcId.equals(id)) {
          return type;
        }
      }
      return null;
    }
  }

  /** The PBKDF2 pseudorandom functions, HMAC over these digests. */
  enum Prf {
    HMAC_SHA1(20),
    HMAC_SHA256(32),
    HMAC_SHA512(64);

    final int length;

    Prf(int length) {
      this.length = length;
    }

    Digest digest() {
      return switch (this) {
        case HMAC_SHA1 -> new SHA1Digest();
        case HMAC_SHA256 -> new SHA256Digest();
        case HMAC_SHA512 -> new SHA512Digest();
      };
    }
  }

  private Kdf() {}

  /**
   * Argon2 (RFC 9106), with Portcullis's own fill ({@link Argon2}) over memory reused between calls
   * ({@link BlockArenas#SHARED}). {@code secret} and {@code associatedData} may be {@code null}.
   *
   * @throws IllegalArgumentException if memory is below 8 x parallelism (libargon2 and Bouncy
   *     Castle would silently raise it) or another parameter is out of the algorithm's range
   */
  static byte[] argon2(
      Argon2Type type,
      int version,
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associatedData,
      int memoryKib,
      int iterations,
      int parallelism,
      int outputLength) {
    if (parallelism < 1
        || iterations < 1
        || memoryKib < 8L * parallelism
        || outputLength < 4
        || salt.length < 8) {
      throw new IllegalArgumentException("argon2 parameters out of range");
    }
    return Argon2.hash(
        type.code,
        version,
        password,
        salt,
        secret,
        associatedData,
        memoryKib,
        iterations,
        parallelism,
        outputLength,
        BlockArenas.SHARED);
  }

  /** scrypt (RFC 7914). */
  static byte[] scrypt(byte[] password, byte[] salt, int n, int r, int p, int outputLength) {
    return SCrypt.generate(password, salt, n, r, p, outputLength);
  }

  /**
   * PBKDF2 (RFC 8018) with an HMAC.
   *
   * @throws IllegalArgumentException if {@code iterations} or {@code outputLength} is below 1
   */
  static byte[] pbkdf2(Prf prf, byte[] password, byte[] salt, int iterations, int outputLength) {
    if (iterations < 1 || outputLength < 1) {
      throw new IllegalArgumentException("PBKDF2 needs at least one iteration and one byte");
    }
    PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(prf.digest());
    generator.init(password, salt, iterations);
    return ((KeyParameter) generator.generateDerivedParameters(outputLength * 8)).getKey();
  }

  /**
   * bcrypt as OpenBSD writes it: {@code $<minor>$<cost>$<22 salt chars><31 hash chars>}. Bouncy
   * Castle keeps at most 72 bytes of {@code password}; the caller decides what to do with longer
   * ones.
   */
  static String bcrypt(String minor, byte[] password, byte[] salt, int cost) {
    return OpenBSDBCrypt.generate(minor, password.clone(), salt, cost);
  }
}
