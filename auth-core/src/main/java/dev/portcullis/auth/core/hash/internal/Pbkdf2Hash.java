package dev.portcullis.auth.core.hash.internal;

import dev.portcullis.auth.core.hash.HashAlgorithm;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.internal.Kdf.Prf;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * PBKDF2 in five encodings.
 *
 * <ul>
 *   <li>Ours, PHC style as the RustCrypto {@code pbkdf2} crate writes it: {@code
 *       $pbkdf2-sha256$i=<iterations>,l=<output bytes>$<salt b64>$<hash b64>} and {@code
 *       $pbkdf2-sha512$...} (standard alphabet, no padding; {@code l} optional when reading); new
 *       hashes have an output as long as the digest and {@code ,pepper=<id>} at the end of the
 *       parameters when peppered.
 *   <li>Passlib's {@code $pbkdf2-sha256$<rounds>$<salt>$<hash>}, {@code $pbkdf2-sha512$...} and
 *       {@code $pbkdf2$...} (HMAC-SHA-1), in passlib's adapted base64 ('.' for '+', no padding).
 *       The third field tells the two apart: a bare number is passlib's.
 *   <li>Django's {@code pbkdf2_sha256$<iterations>$<salt text>$<hash>} and {@code pbkdf2_sha1$...},
 *       padded base64.
 *   <li>Spring Security's {@code {pbkdf2}<hex>} and {@code {pbkdf2@SpringSecurity_v5_8}<hex>}: the
 *       hex of salt then 32-byte hash, with the costs Spring does not store fixed by the id:
 *       HMAC-SHA-1, 185000 iterations and an 8-byte salt for {@code {pbkdf2}} (Spring's defaults up
 *       to 5.7 and its {@code defaultsForSpringSecurity_v5_5()}); HMAC-SHA-256, 310000 iterations
 *       and a 16-byte salt for the v5_8 id. Only encoders without a secret, at these defaults, can
 *       be read.
 *   <li>Keycloak's credentials as {@code user import} stores them: {@code
 *       $keycloak-pbkdf2-sha256$i=<hashIterations>$<salt b64>$<value b64>}, {@code
 *       $keycloak-pbkdf2-sha512$...} and {@code $keycloak-pbkdf2$...} (HMAC-SHA-1, Keycloak's
 *       {@code pbkdf2}); standard base64, padding optional. The output is as long as the stored
 *       value, which is how Keycloak itself verifies (its key length changed between versions).
 * </ul>
 */
final class Pbkdf2Hash implements StoredHash {
  private static final Set<String> PARAMETERS = Set.of("i", "l", Phc.PEPPER_PARAMETER);
  private static final Set<String> KEYCLOAK_PARAMETERS = Set.of("i");
  private static final int SPRING_HASH_LENGTH = 32;

  /** Which system's encoding it was. */
  enum Encoding {
    PHC,
    PASSLIB,
    DJANGO,
    SPRING,
    KEYCLOAK
  }

  private final Encoding encoding;
  private final Prf prf;
  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;
  private final String pepperId;

  private Pbkdf2Hash(
      Encoding encoding, Prf prf, long iterations, byte[] salt, byte[] hash, String pepperId) {
    Lengths.check(salt, 0, hash);
    long blocks = (hash.length + prf.length - 1) / prf.length;
    if (iterations < 1 || iterations * blocks > CostLimits.PBKDF2_MAX_WORK) {
      throw new MalformedHashException(
          "its iterations are outside the accepted range (1 to "
              + CostLimits.PBKDF2_MAX_WORK
              + " for each block of output)");
    }
    this.encoding = encoding;
    this.prf = prf;
    this.iterations = (int) iterations;
    this.salt = salt;
    this.hash = hash;
    this.pepperId = pepperId;
  }

  /** Parses ours or passlib's {@code $pbkdf2-sha256$...} / {@code $pbkdf2-sha512$...}. */
  static Pbkdf2Hash parseDollar(String text, Prf prf) {
    String[] fields = text.split("\\$", -1);
    if (fields.length != 5) {
      throw new MalformedHashException(
          "it is not of the form $pbkdf2-<digest>$i=..$<salt>$<hash>"
              + " or passlib's $pbkdf2-<digest>$<rounds>$<salt>$<hash>");
    }
    if (!fields[2].contains("=")) {
      return passlib(fields, prf);
    }
    Map<String, String> parameters = Phc.parameters(fields[2], PARAMETERS);
    long iterations = Phc.number(parameters, "i");
    byte[] salt = Codec.unb64(fields[3], "the salt");
    byte[] hash = Codec.unb64(fields[4], "the hash");
    if (parameters.containsKey("l") && Phc.number(parameters, "l") != hash.length) {
      throw new MalformedHashException("its output length l differs from its hash");
    }
    return new Pbkdf2Hash(Encoding.PHC, prf, iterations, salt, hash, Lengths.pepperId(parameters));
  }

  /** Parses passlib's {@code $pbkdf2$<rounds>$<salt>$<hash>} (HMAC-SHA-1). */
  static Pbkdf2Hash parsePasslibSha1(String text) {
    String[] fields = text.split("\\$", -1);
    if (fields.length != 5) {
      throw new MalformedHashException("it is not of the form $pbkdf2$<rounds>$<salt>$<hash>");
    }
    return passlib(fields, Prf.HMAC_SHA1);
  }

  private static Pbkdf2Hash passlib(String[] fields, Prf prf) {
    long rounds = Phc.decimal(fields[2], "the rounds");
    byte[] salt = Codec.unab64(fields[3], "the salt");
    byte[] hash = Codec.unab64(fields[4], "the hash");
    return new Pbkdf2Hash(Encoding.PASSLIB, prf, rounds, salt, hash, null);
  }

  /** Parses Django's {@code pbkdf2_sha256$<iterations>$<salt>$<hash>}. */
  static Pbkdf2Hash parseDjango(String text, Prf prf) {
    String[] fields = text.split("\\$", -1);
    if (fields.length != 4 || fields[2].isEmpty()) {
      throw new MalformedHashException(
          "it is not of the form pbkdf2_<digest>$<iterations>$<salt>$<hash>");
    }
    long iterations = Phc.decimal(fields[1], "the iterations");
    byte[] salt = fields[2].getBytes(StandardCharsets.UTF_8);
    byte[] hash = Codec.unb64(fields[3], "the hash");
    return new Pbkdf2Hash(Encoding.DJANGO, prf, iterations, salt, hash, null);
  }

  /** Parses {@code $keycloak-pbkdf2<-digest>$i=<iterations>$<salt b64>$<hash b64>}. */
  static Pbkdf2Hash parseKeycloak(String text, Prf prf) {
    String[] fields = text.split("\\$", -1);
    if (fields.length != 5) {
      throw new MalformedHashException(
          "it is not of the form $keycloak-pbkdf2<-digest>$i=<iterations>$<salt>$<hash>");
    }
    long iterations = Phc.number(Phc.parameters(fields[2], KEYCLOAK_PARAMETERS), "i");
    byte[] salt = Codec.unb64(fields[3], "the salt");
    byte[] hash = Codec.unb64(fields[4], "the hash");
    return new Pbkdf2Hash(Encoding.KEYCLOAK, prf, iterations, salt, hash, null);
  }

  /** Parses the hex after a Spring Security {@code {pbkdf2...}} id. */
  static Pbkdf2Hash parseSpring(String hex, Prf prf, int iterations, int saltLength) {
    byte[] bytes = Codec.unhex(hex, "the value");
    if (bytes.length != saltLength + SPRING_HASH_LENGTH) {
      throw new MalformedHashException(
          "it is not "
              + saltLength
              + " bytes of salt and "
              + SPRING_HASH_LENGTH
              + " of hash, as this id's default encoder writes");
    }
    byte[] salt = java.util.Arrays.copyOf(bytes, saltLength);
    byte[] hash = java.util.Arrays.copyOfRange(bytes, saltLength, bytes.length);
    return new Pbkdf2Hash(Encoding.SPRING, prf, iterations, salt, hash, null);
  }

  /** A new hash in our encoding, with an output as long as the digest. */
  static String create(Prf prf, int iterations, byte[] password, byte[] salt, String pepperId) {
    byte[] hash = Kdf.pbkdf2(prf, password, salt, iterations, prf.length);
    String id = prf == Prf.HMAC_SHA512 ? "pbkdf2-sha512" : "pbkdf2-sha256";
    return "$"
        + id
        + "$i="
        + iterations
        + ",l="
        + hash.length
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
    return ConstantTime.equals(Kdf.pbkdf2(prf, password, salt, iterations, hash.length), hash);
  }

  @Override
  public boolean needsRehash(HashingSettings current) {
    if (encoding != Encoding.PHC
        || salt.length < current.saltLength()
        || hash.length < prf.length) {
      return true;
    }
    if (current.algorithm() == HashAlgorithm.PBKDF2_SHA256 && prf == Prf.HMAC_SHA256) {
      return iterations < current.pbkdf2().sha256Iterations();
    }
    if (current.algorithm() == HashAlgorithm.PBKDF2_SHA512 && prf == Prf.HMAC_SHA512) {
      return iterations < current.pbkdf2().sha512Iterations();
    }
    return true;
  }
}
