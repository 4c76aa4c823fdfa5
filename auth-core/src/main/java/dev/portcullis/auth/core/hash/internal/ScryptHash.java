package dev.portcullis.auth.core.hash.internal;

import dev.portcullis.auth.core.hash.HashAlgorithm;
import dev.portcullis.auth.core.hash.HashingSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * scrypt in three encodings.
 *
 * <ul>
 *   <li>Ours, which is passlib's PHC-style format, so passlib reads what we write: {@code
 *       $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt b64>$<hash b64>} (standard alphabet, no padding); new
 *       hashes have a 32-byte output and {@code ,pepper=<id>} after {@code p} when peppered.
 *   <li>Spring Security's {@code {scrypt}$<hex of log2 N << 16 | r << 8 | p>$<salt>$<hash>}, padded
 *       base64.
 *   <li>Django's {@code scrypt$<N>$<salt text>$<r>$<p>$<hash>}, padded base64.
 * </ul>
 */
final class ScryptHash implements StoredHash {
  static final int OUTPUT_LENGTH = 32;
  private static final Set<String> PARAMETERS = Set.of("ln", "r", "p", Phc.PEPPER_PARAMETER);
  private static final Pattern SPRING_PARAMETERS = Pattern.compile("[0-9a-f]{1,8}");
  private static final int MAX_LOG2_N = Integer.numberOfTrailingZeros(CostLimits.SCRYPT_MAX_N);

  /** Which system's encoding it was. */
  enum Encoding {
    PHC,
    SPRING,
    DJANGO
  }

  private final Encoding encoding;
  private final int n;
  private final int r;
  private final int p;
  private final byte[] salt;
  private final byte[] hash;
  private final String pepperId;

  private ScryptHash(
      Encoding encoding, int n, int r, int p, byte[] salt, byte[] hash, String pepperId) {
    this.encoding = encoding;
    this.n = n;
    this.r = r;
    this.p = p;
    this.salt = salt;
    this.hash = hash;
    this.pepperId = pepperId;
  }

  /** Parses {@code $scrypt$ln=..,r=..,p=..$salt$hash}. */
  static ScryptHash parsePhc(String text) {
    String[] fields = text.split("\\$", -1);
    if (fields.length != 5) {
      throw new MalformedHashException(
          "it is not of the form $scrypt$ln=..,r=..,p=..$<salt>$<hash>");
    }
    Map<String, String> parameters = Phc.parameters(fields[2], PARAMETERS);
    long log2N = Phc.number(parameters, "ln");
    long r = Phc.number(parameters, "r");
    long p = Phc.number(parameters, "p");
    checkCosts(log2N, r, p);
    byte[] salt = Codec.unb64(fields[3], "the salt");
    byte[] hash = Codec.unb64(fields[4], "the hash");
    Lengths.check(salt, 0, hash);
    return new ScryptHash(
        Encoding.PHC, 1 << log2N, (int) r, (int) p, salt, hash, Lengths.pepperId(parameters));
  }

  /** Parses what follows Spring Security's {@code {scrypt}}: {@code $e0801$salt$hash}. */
  static ScryptHash parseSpring(String text) {
    String[] fields = text.split("\\$", -1);
    if (fields.length != 4
        || !fields[0].isEmpty()
        || !SPRING_PARAMETERS.matcher(fields[1]).matches()) {
      throw new MalformedHashException("it is not of the form $<hex parameters>$<salt>$<hash>");
    }
    long parameters = Long.parseLong(fields[1], 16);
    long log2N = parameters >> 16 & 0xffff;
    long r = parameters >> 8 & 0xff;
    long p = parameters & 0xff;
    checkCosts(log2N, r, p);
    byte[] salt = Codec.unb64(fields[2], "the salt");
    byte[] hash = Codec.unb64(fields[3], "the hash");
    Lengths.check(salt, 0, hash);
    return new ScryptHash(Encoding.SPRING, 1 << log2N, (int) r, (int) p, salt, hash, null);
  }

  /** Parses Django's {@code scrypt$N$salt$r$p$hash}. */
  static ScryptHash parseDjango(String text) {
    String[] fields = text.split("\\$", -1);
    if (fields.length != 6) {
      throw new MalformedHashException("it is not of the form scrypt$N$<salt>$r$p$<hash>");
    }
    long n = Phc.decimal(fields[1], "N");
    if (n < 2 || Long.bitCount(n) != 1) {
      throw new MalformedHashException("N is not a power of two");
    }
    long log2N = Long.numberOfTrailingZeros(n);
    long r = Phc.decimal(fields[3], "r");
    long p = Phc.decimal(fields[4], "p");
    checkCosts(log2N, r, p);
    byte[] salt = fields[2].getBytes(StandardCharsets.UTF_8);
    byte[] hash = Codec.unb64(fields[5], "the hash");
    Lengths.check(salt, 1, hash);
    return new ScryptHash(Encoding.DJANGO, (int) n, (int) r, (int) p, salt, hash, null);
  }

  private static void checkCosts(long log2N, long r, long p) {
    boolean inRange =
        log2N >= 1
            && log2N <= MAX_LOG2_N
            && r >= 1
            && r <= CostLimits.SCRYPT_MAX_R
            && p >= 1
            && p <= CostLimits.SCRYPT_MAX_P
            // scrypt itself requires N < 2^(16 r)
            && log2N < 16 * r;
    if (!inRange
        || 128L * (1L << log2N) * r > CostLimits.SCRYPT_MAX_MEMORY_BYTES
        || 128L * (1L << log2N) * r * p > CostLimits.SCRYPT_MAX_WORK_BYTES) {
      throw new MalformedHashException(
          "its costs are outside the accepted ranges (N from 2 to 2^"
              + MAX_LOG2_N
              + ", r from 1 to "
              + CostLimits.SCRYPT_MAX_R
              + ", p from 1 to "
              + CostLimits.SCRYPT_MAX_P
              + ", 128 x N x r at most 1 GiB, times p at most 4 GiB)");
    }
  }

  /** A new hash in our encoding under {@code settings}. */
  static String create(HashingSettings settings, byte[] password, byte[] salt, String pepperId) {
    byte[] hash =
        Kdf.scrypt(
            password,
            salt,
            settings.scrypt().n(),
            settings.scrypt().r(),
            settings.scrypt().p(),
            OUTPUT_LENGTH);
    return "$scrypt$ln="
        + Integer.numberOfTrailingZeros(settings.scrypt().n())
        + ",r="
        + settings.scrypt().r()
        + ",p="
        + settings.scrypt().p()
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
    return ConstantTime.equals(Kdf.scrypt(password, salt, n, r, p, hash.length), hash);
  }

  @Override
  public boolean needsRehash(HashingSettings current) {
    return encoding != Encoding.PHC
        || current.algorithm() != HashAlgorithm.SCRYPT
        || n < current.scrypt().n()
        || r < current.scrypt().r()
        || p < current.scrypt().p()
        || salt.length < current.saltLength()
        || hash.length < OUTPUT_LENGTH;
  }
}
