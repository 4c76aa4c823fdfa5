package dev.portcullis.auth.core.hash.internal;

import dev.portcullis.auth.core.hash.HashAlgorithm;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.internal.Kdf.Argon2Type;
import java.util.Map;
import java.util.Set;

/**
 * Argon2 in the PHC string format of the reference implementation: {@code
 * $argon2<d|i|id>[$v=<16|19>]$m=<KiB>,t=<passes>,p=<lanes>[,data=<b64>]$<salt b64>$<hash b64>}
 * (standard base64 alphabet, no padding; no {@code v=} means version 16). Also inside Django's
 * {@code argon2$} and Spring Security's {@code {argon2}} prefixes, and as {@code
 * $keycloak-argon2id$...} ({@code -argon2i}, {@code -argon2d}): a Keycloak credential that {@code
 * user import} rewrote into this format. New hashes are argon2id version 19 with a 32-byte output,
 * plus {@code ,pepper=<id>} after {@code p} when peppered.
 */
final class Argon2Hash implements StoredHash {
  static final int OUTPUT_LENGTH = 32;
  private static final int MIN_SALT_LENGTH = 8;
  private static final Set<String> PARAMETERS =
      Set.of("m", "t", "p", "data", "keyid", Phc.PEPPER_PARAMETER);

  /** Where the PHC string was found. */
  enum Wrapper {
    NONE,
    DJANGO,
    SPRING,
    KEYCLOAK
  }

  private final Wrapper wrapper;
  private final Argon2Type type;
  private final int version;
  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final byte[] data;
  private final String pepperId;
  private final byte[] salt;
  private final byte[] hash;

  private Argon2Hash(
      Wrapper wrapper,
      Argon2Type type,
      int version,
      int memoryKib,
      int iterations,
      int parallelism,
      byte[] data,
      String pepperId,
      byte[] salt,
      byte[] hash) {
    this.wrapper = wrapper;
    this.type = type;
    this.version = version;
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.data = data;
    this.pepperId = pepperId;
    this.salt = salt;
    this.hash = hash;
  }

  static Argon2Hash parse(String phc, Wrapper wrapper) {
    String[] fields = phc.split("\\$", -1);
    Argon2Type type = fields.length > 1 ? Argon2Type.fromPhcId(fields[1]) : null;
    if (!fields[0].isEmpty() || type == null) {
      throw new MalformedHashException("it does not hold an argon2d, argon2i or argon2id string");
    }
    int next = 2;
    int version = Kdf.ARGON2_VERSION_10;
    if (fields.length == 6 && fields[2].startsWith("v=")) {
      long number = Phc.decimal(fields[2].substring(2), "the version");
      if (number == 19) {
        version = Kdf.ARGON2_VERSION_13;
      } else if (number != 16) {
        throw new MalformedHashException("the version is neither 16 nor 19");
      }
      next = 3;
    } else if (fields.length != 5) {
      throw new MalformedHashException(
          "it is not of the form $type$v=19$m=..,t=..,p=..$<salt>$<hash>");
    }
    Map<String, String> parameters = Phc.parameters(fields[next], PARAMETERS);
    if (parameters.containsKey("keyid")) {
      throw new MalformedHashException(
          "it was made with a secret key (keyid), which this hasher does not have");
    }
    long m = Phc.number(parameters, "m");
    long t = Phc.number(parameters, "t");
    long p = Phc.number(parameters, "p");
    if (p < 1
        || p > CostLimits.ARGON2_MAX_PARALLELISM
        || t < 1
        || t > CostLimits.ARGON2_MAX_ITERATIONS
        || m < 8 * p
        || m > CostLimits.ARGON2_MAX_MEMORY_KIB
        || m * t > CostLimits.ARGON2_MAX_WORK_KIB) {
      throw new MalformedHashException(
          "its costs are outside the accepted ranges (m from 8 x p to "
              + CostLimits.ARGON2_MAX_MEMORY_KIB
              + " KiB, t from 1 to "
              + CostLimits.ARGON2_MAX_ITERATIONS
              + ", p from 1 to "
              + CostLimits.ARGON2_MAX_PARALLELISM
              + ", m x t at most "
              + CostLimits.ARGON2_MAX_WORK_KIB
              + ")");
    }
    byte[] data =
        parameters.containsKey("data")
            ? Codec.unb64(parameters.get("data"), "the associated data")
            : null;
    byte[] salt = Codec.unb64(fields[next + 1], "the salt");
    byte[] hash = Codec.unb64(fields[next + 2], "the hash");
    Lengths.check(salt, MIN_SALT_LENGTH, hash);
    return new Argon2Hash(
        wrapper,
        type,
        version,
        (int) m,
        (int) t,
        (int) p,
        data,
        Lengths.pepperId(parameters),
        salt,
        hash);
  }

  /** A new argon2id hash under {@code settings}. */
  static String create(HashingSettings settings, byte[] password, byte[] salt, String pepperId) {
    byte[] hash =
        Kdf.argon2(
            Argon2Type.ARGON2ID,
            Kdf.ARGON2_VERSION_13,
            password,
            salt,
            null,
            null,
            settings.argon2().memoryKib(),
            settings.argon2().iterations(),
            settings.argon2().parallelism(),
            OUTPUT_LENGTH);
    return "$argon2id$v=19$m="
        + settings.argon2().memoryKib()
        + ",t="
        + settings.argon2().iterations()
        + ",p="
        + settings.argon2().parallelism()
        + Phc.pepperSuffix(pepperId)
        + "$"
        + Codec.b64(salt)
        + "$"
        + Codec.b64(hash);
  }

  @Override
  public String pepperId() {
    return pepperId;
  }

  @Override
  public boolean matches(byte[] password) {
    byte[] computed =
        Kdf.argon2(
            type,
            version,
            password,
            salt,
            null,
            data,
            memoryKib,
            iterations,
            parallelism,
            hash.length);
    return ConstantTime.equals(computed, hash);
  }

  @Override
  public boolean needsRehash(HashingSettings current) {
    return wrapper != Wrapper.NONE
        || data != null
        || current.algorithm() != HashAlgorithm.ARGON2ID
        || type != Argon2Type.ARGON2ID
        || version != Kdf.ARGON2_VERSION_13
        || memoryKib < current.argon2().memoryKib()
        || iterations < current.argon2().iterations()
        || parallelism < current.argon2().parallelism()
        || salt.length < current.saltLength()
        || hash.length < OUTPUT_LENGTH;
  }
}
