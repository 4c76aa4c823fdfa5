package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.jwt.JwsAlgorithm;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files: PKCS#8 private keys ({@code PRIVATE KEY}) and X.509 public keys ({@code PUBLIC KEY}).
 */
public final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----", Pattern.MULTILINE);

  private Pem() {}

  /** One PEM block: its label and DER content. */
  record Block(String label, byte[] der) {}

  static List<Block> blocks(String pem) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String body = m.group(2).replaceAll("\\s", "");
      try {
        out.add(new Block(m.group(1), Base64.getDecoder().decode(body)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the PEM block " + m.group(1) + " is not valid base64");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no PEM block (-----BEGIN ...-----) found");
    }
    return out;
  }

  /**
   * The key pair in a PEM text holding a PKCS#8 private key (and optionally its public key). The
   * public key is derived from the private one when it is not included.
   *
   * @throws IllegalArgumentException naming what is wrong and how to convert the file
   */
  public static KeyPair keyPair(String pem, JwsAlgorithm alg) {
    PrivateKey priv = null;
    PublicKey pub = null;
    for (Block b : blocks(pem)) {
      switch (b.label()) {
        case "PRIVATE KEY" -> priv = privateKey(b.der(), alg);
        case "PUBLIC KEY" -> pub = publicKey(b.der(), alg);
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new IllegalArgumentException(
                "holds a "
                    + b.label()
                    + " (PKCS#1/SEC1); convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in"
                    + " old.pem -out key.pem");
        case "ENCRYPTED PRIVATE KEY" ->
            throw new IllegalArgumentException(
                "holds an encrypted private key; store it unencrypted with restricted file"
                    + " permissions: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
        default -> {
          // Certificates and other blocks are ignored.
        }
      }
    }
    if (priv == null) {
      throw new IllegalArgumentException(
          "holds no PRIVATE KEY block; generate one with "
              + generateCommand(alg)
              + " (a public key alone cannot sign)");
    }
    if (pub == null) {
      pub = derivePublic(priv);
    }
    return new KeyPair(pub, priv);
  }

  /** The public key in a PEM text ({@code PUBLIC KEY}). */
  public static PublicKey publicKey(String pem, JwsAlgorithm alg) {
    for (Block b : blocks(pem)) {
      if (b.label().equals("PUBLIC KEY")) {
        return publicKey(b.der(), alg);
      }
    }
    throw new IllegalArgumentException(
        "holds no PUBLIC KEY block; export it with: openssl pkey -in key.pem -pubout");
  }

  /** The OpenSSL command that generates a suitable private key for {@code alg}. */
  public static String generateCommand(JwsAlgorithm alg) {
    return switch (alg.family()) {
      case RSA, RSA_PSS ->
          "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out key.pem";
      case EC ->
          "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"
              + alg.curve()
              + " -out key.pem";
      case EDDSA -> "openssl genpkey -algorithm ED25519 -out key.pem";
      case HMAC -> "openssl rand -base64 " + Math.max(32, alg.size());
    };
  }

  private static PrivateKey privateKey(byte[] der, JwsAlgorithm alg) {
    for (String kf : keyFactories(alg)) {
      try {
        return KeyFactory.getInstance(kf).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next factory
      }
    }
    throw new IllegalArgumentException(
        "holds a private key that is not a " + kind(alg) + " key, as " + alg.jwaName() + " needs");
  }

  private static PublicKey publicKey(byte[] der, JwsAlgorithm alg) {
    for (String kf : keyFactories(alg)) {
      try {
        return KeyFactory.getInstance(kf).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next factory
      }
    }
    throw new IllegalArgumentException(
        "holds a public key that is not a " + kind(alg) + " key, as " + alg.jwaName() + " needs");
  }

  private static List<String> keyFactories(JwsAlgorithm alg) {
    return switch (alg.family()) {
      case RSA, RSA_PSS -> List.of("RSA", "RSASSA-PSS");
      case EC -> List.of("EC");
      case EDDSA -> List.of("Ed25519", "EdDSA");
      case HMAC -> List.of();
    };
  }

  private static String kind(JwsAlgorithm alg) {
    return switch (alg.family()) {
      case RSA, RSA_PSS -> "RSA";
      case EC -> "EC " + alg.curve();
      case EDDSA -> "Ed25519";
      case HMAC -> "secret";
    };
  }

  /** The public key that belongs to {@code priv} (jjwt derives it for RSA, EC and Ed25519). */
  public static PublicKey derivePublic(PrivateKey priv) {
    try {
      Jwk<?> jwk = Jwks.builder().key(priv).build();
      if (jwk instanceof PrivateJwk<?, ?, ?> p) {
        return p.toKeyPair().getPublic();
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot derive the public key; add a PUBLIC KEY block (openssl pkey -in key.pem"
              + " -pubout) to the file");
    }
    throw new IllegalArgumentException("cannot derive the public key of this private key");
  }
}
