package dev.portcullis.auth.jwt.testing;

import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Key pairs, generated once per test run (RSA generation is slow). */
public final class TestKeys {
  private static final Map<String, KeyPair> PAIRS = new ConcurrentHashMap<>();

  private TestKeys() {}

  /** A key pair for {@code alg}; every RSA algorithm shares one RSA pair. */
  public static KeyPair pair(JwsAlgorithm alg) {
    return pair(alg, "");
  }

  /** Another key pair for {@code alg}, distinguished by {@code variant}. */
  public static KeyPair pair(JwsAlgorithm alg, String variant) {
    String family =
        switch (alg.family()) {
          case RSA, RSA_PSS -> "RSA";
          case EC -> alg.curve();
          case EDDSA -> "Ed25519";
          case HMAC -> throw new IllegalArgumentException("HMAC has no key pair");
        };
    return PAIRS.computeIfAbsent(family + variant, f -> generate(alg));
  }

  private static KeyPair generate(JwsAlgorithm alg) {
    try {
      KeyPairGenerator g;
      switch (alg.family()) {
        case RSA, RSA_PSS -> {
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048);
        }
        case EC -> {
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(
              new ECGenParameterSpec(
                  switch (alg) {
                    case ES256 -> "secp256r1";
                    case ES384 -> "secp384r1";
                    default -> "secp521r1";
                  }));
        }
        default -> g = KeyPairGenerator.getInstance("Ed25519");
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signing key for {@code alg} with id {@code kid}. */
  public static JwtKey key(String kid, JwsAlgorithm alg) {
    if (alg.symmetric()) {
      byte[] secret = new byte[alg.size()];
      for (int i = 0; i < secret.length; i++) {
        secret[i] = (byte) (i * 7 + kid.hashCode());
      }
      return JwtKey.hmac(kid, alg, secret);
    }
    return JwtKey.signing(kid, alg, pair(alg));
  }

  /** PEM text of a PKCS#8 private key. */
  public static String privatePem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  /** PEM text of an X.509 public key. */
  public static String publicPem(KeyPair pair) {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
