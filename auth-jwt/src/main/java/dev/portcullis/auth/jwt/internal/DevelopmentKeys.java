package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * Keys generated for one process, in development and test only (the settings refuse to generate in
 * staging and production): they do not survive a restart and no other instance holds them.
 */
public final class DevelopmentKeys {

  private DevelopmentKeys() {}

  /**
   * A new key for {@code alg}: a random secret of at least 32 bytes, or a key pair.
   *
   * @param keyId the key id, or null for the default (a secret's {@value
   *     JwtSettings#DEFAULT_KEY_ID}, a key pair's thumbprint)
   */
  public static JwtKey generate(JwsAlgorithm alg, String keyId) {
    if (alg.symmetric()) {
      return JwtKey.hmac(
          keyId != null ? keyId : JwtSettings.DEFAULT_KEY_ID,
          alg,
          Crypto.randomBytes(Math.max(32, alg.size())));
    }
    KeyPair pair = keyPair(alg);
    return JwtKey.signing(keyId != null ? keyId : JwtKey.thumbprint(pair.getPublic()), alg, pair);
  }

  /**
   * A new key pair for an asymmetric {@code alg} (RSA keys have 2048 bits and e = 65537: the size
   * every verifier accepts, and fast to generate and sign with, for one run).
   */
  public static KeyPair keyPair(JwsAlgorithm alg) {
    try {
      KeyPairGenerator g;
      switch (alg.family()) {
        case RSA, RSA_PSS -> {
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(
              new RSAKeyGenParameterSpec(JwsAlgorithm.MIN_RSA_BITS, RSAKeyGenParameterSpec.F4),
              Crypto.random());
        }
        case EC -> {
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(
              new ECGenParameterSpec(
                  switch (alg) {
                    case ES256 -> "secp256r1";
                    case ES384 -> "secp384r1";
                    default -> "secp521r1";
                  }),
              Crypto.random());
        }
        case EDDSA -> g = KeyPairGenerator.getInstance("Ed25519");
        default -> throw new IllegalArgumentException(alg.jwaName() + " has no key pair");
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate a " + alg.jwaName() + " key", e);
    }
  }
}
