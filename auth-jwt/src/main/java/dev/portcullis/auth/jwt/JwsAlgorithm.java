package dev.portcullis.auth.jwt;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JWS algorithms Portcullis signs and verifies with (RFC 7518 section 3, RFC 8037 for EdDSA
 * with Ed25519). {@code none} is deliberately absent: it is refused in any letter case.
 *
 * <p>Every {@link JwtKey} is pinned to exactly one algorithm; a token whose header names another
 * one is refused before any cryptography runs, which is what stops HS/RS key confusion.
 */
public enum JwsAlgorithm {
  HS256("HS256", Family.HMAC, 32, null),
  HS384("HS384", Family.HMAC, 48, null),
  HS512("HS512", Family.HMAC, 64, null),
  RS256("RS256", Family.RSA, 32, null),
  RS384("RS384", Family.RSA, 48, null),
  RS512("RS512", Family.RSA, 64, null),
  PS256("PS256", Family.RSA_PSS, 32, null),
  PS384("PS384", Family.RSA_PSS, 48, null),
  PS512("PS512", Family.RSA_PSS, 64, null),
  ES256("ES256", Family.EC, 32, "P-256"),
  ES384("ES384", Family.EC, 48, "P-384"),
  ES512("ES512", Family.EC, 66, "P-521"),
  /** EdDSA over Ed25519 (RFC 8037); Ed448 keys are refused. */
  EDDSA("EdDSA", Family.EDDSA, 32, "Ed25519");

  /** The kind of key an algorithm needs. */
  public enum Family {
    HMAC,
    RSA,
    RSA_PSS,
    EC,
    EDDSA
  }

  /** Smallest RSA modulus accepted, in bits (RFC 7518 section 3.3). */
  public static final int MIN_RSA_BITS = 2048;

  private final String jwaName;
  private final Family family;
  private final int size;
  private final String curve;

  JwsAlgorithm(String jwaName, Family family, int size, String curve) {
    this.jwaName = jwaName;
    this.family = family;
    this.size = size;
    this.curve = curve;
  }

  /** The registered name, as it appears in {@code alg}, for example {@code RS256}. */
  public String jwaName() {
    return jwaName;
  }

  /** The kind of key this algorithm needs. */
  public Family family() {
    return family;
  }

  /** Whether the key is a shared secret (HS*). */
  public boolean symmetric() {
    return family == Family.HMAC;
  }

  /**
   * For HS*, the fewest secret bytes (the hash size, RFC 7518 section 3.2); for ES*, the size of
   * one signature coordinate.
   */
  public int size() {
    return size;
  }

  /** The JWK curve name ({@code P-256}, {@code Ed25519}), or null for HMAC and RSA. */
  public String curve() {
    return curve;
  }

  /** The algorithm with exactly this registered name (case-sensitive, as RFC 7515 requires). */
  public static Optional<JwsAlgorithm> fromJwaName(String name) {
    for (JwsAlgorithm a : values()) {
      if (a.jwaName.equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The registered names, comma-separated, for messages. */
  public static String names() {
    return Arrays.stream(values()).map(JwsAlgorithm::jwaName).collect(Collectors.joining(", "));
  }
}
