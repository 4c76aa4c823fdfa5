package dev.portcullis.auth.server.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Signing keys in the data directory: generated once, written owner-only ({@code rw-------}), and
 * reused at every start, so tokens and sessions survive a restart. Used in development and test
 * only; staging and production must configure their keys.
 *
 * <p>Layout of {@code <data-dir>/keys/}: {@code token-<alg>.pem} (PKCS#8 private key followed by
 * its public key) or {@code token-<alg>.secret} (an HS* secret), and after {@code keys rotate}
 * {@code previous.conf} (the previous key's {@code auth.token.previous-key} settings) with {@code
 * previous-<alg>.pub.pem}.
 */
public final class DevKeys {

  /** The subdirectory of the data directory holding the keys. */
  public static final String DIR = "keys";

  /**
   * RSA size of the data directory's development key: the smallest RFC 7518 allows, as every
   * verifier accepts it and it signs about three times faster than 3072 bits.
   */
  public static final int DEVELOPMENT_RSA_BITS = 2048;

  /** RSA size of a key written for staging or production ({@code keys generate --out}). */
  public static final int CONFIGURED_RSA_BITS = 3072;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 64;

  private DevKeys() {}

  /** {@code <dataDir>/keys}. */
  public static Path dir(Path dataDir) {
    return dataDir.resolve(DIR);
  }

  /** The active key file for {@code alg}. */
  public static Path activeFile(Path dataDir, JwsAlgorithm alg) {
    return dir(dataDir).resolve("token-" + alg.jwaName().toLowerCase(Locale.ROOT) + suffix(alg));
  }

  /** The previous key's settings written by {@link #rotate}. */
  public static Path previousConf(Path dataDir) {
    return dir(dataDir).resolve("previous.conf");
  }

  private static String suffix(JwsAlgorithm alg) {
    return alg.symmetric() ? ".secret" : ".pem";
  }

  /**
   * Writes a new development key for {@code alg} to {@code file}, owner-only (RSA: {@value
   * #DEVELOPMENT_RSA_BITS} bits).
   *
   * @param replace whether an existing file is replaced
   * @return whether this call wrote it (false when it existed and {@code replace} is false)
   */
  public static boolean generate(Path file, JwsAlgorithm alg, boolean replace) {
    return generate(file, alg, DEVELOPMENT_RSA_BITS, replace);
  }

  /**
   * Writes a new key for {@code alg} to {@code file}, owner-only.
   *
   * @param rsaBits the modulus size of an RSA key (at least {@link JwsAlgorithm#MIN_RSA_BITS})
   * @param replace whether an existing file is replaced
   * @return whether this call wrote it (false when it existed and {@code replace} is false)
   */
  public static boolean generate(Path file, JwsAlgorithm alg, int rsaBits, boolean replace) {
    byte[] content =
        alg.symmetric()
            ? (newSecret() + "\n").getBytes(StandardCharsets.US_ASCII)
            : pem(newKeyPair(alg, rsaBits)).getBytes(StandardCharsets.US_ASCII);
    return OwnerOnlyFiles.write(file, content, replace);
  }

  /**
   * The {@code auth.token} settings that make {@code file} the active key: the algorithm, and the
   * private key file or the secret with a key id derived from it.
   */
  public static Map<String, Object> settingsFor(Path file, JwsAlgorithm alg) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("auth.token.algorithm", alg.jwaName());
    if (alg.symmetric()) {
      String secret = read(file);
      out.put("auth.token.secret-key", secret);
      out.put("auth.token.key-id", secretKeyId(secret));
    } else {
      out.put("auth.token.private-key-file", file.toString());
    }
    return out;
  }

  /** The key id a development secret is published under: a hash, never the secret. */
  public static String secretKeyId(String secret) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return "dev-" + Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The key in {@code file} (with its id as the server computes it). */
  public static JwtKey load(Path file, JwsAlgorithm alg) {
    String text = read(file);
    if (alg.symmetric()) {
      return JwtKey.hmac(secretKeyId(text), alg, text.getBytes(StandardCharsets.UTF_8));
    }
    return JwtKey.fromPem(null, alg, text);
  }

  /**
   * Replaces the active key of {@code alg} with a new one, keeping the old one verifying until
   * {@code retireAt} through {@code previous.conf}.
   *
   * @return the old key's id
   * @throws IllegalStateException if there is no active key file to rotate
   */
  public static String rotate(Path dataDir, JwsAlgorithm alg, Instant retireAt) {
    Path active = activeFile(dataDir, alg);
    if (!Files.exists(active)) {
      throw new IllegalStateException(
          "there is no key " + active + " to rotate; 'serve' or 'keys generate' creates it");
    }
    JwtKey old = load(active, alg);
    Map<String, Object> prev = new LinkedHashMap<>();
    prev.put("key-id", old.keyId());
    prev.put("algorithm", alg.jwaName());
    prev.put("retire-at", retireAt.toString());
    if (alg.symmetric()) {
      prev.put("secret-key", read(active));
    } else {
      Path pub =
          dir(dataDir).resolve("previous-" + alg.jwaName().toLowerCase(Locale.ROOT) + ".pub.pem");
      String pem = read(active);
      int start = pem.indexOf("-----BEGIN PUBLIC KEY-----");
      String publicPem =
          start >= 0
              ? pem.substring(start)
              : pemBlock(
                  "PUBLIC KEY", ((java.security.PublicKey) old.verificationKey()).getEncoded());
      OwnerOnlyFiles.write(pub, publicPem.getBytes(StandardCharsets.US_ASCII), true);
      prev.put("public-key-file", pub.toString());
    }
    Config conf =
        ConfigFactory.empty()
            .withValue("auth.token.previous-key", ConfigValueFactory.fromMap(prev));
    String text =
        "# Written by 'keys rotate': the previous signing key verifies until retire-at.\n"
            + conf.root()
                .render(
                    com.typesafe.config.ConfigRenderOptions.concise()
                        .setJson(false)
                        .setFormatted(true));
    OwnerOnlyFiles.write(previousConf(dataDir), text.getBytes(StandardCharsets.UTF_8), true);
    generate(active, alg, true);
    return old.keyId();
  }

  /**
   * The development key in {@code file} as the token settings describe a key: a key pair's file,
   * which {@code JwtModule} loads once, or a secret (read here, with its key id derived from it).
   */
  public static SigningKeys.Key activeKey(Path file, JwsAlgorithm alg) {
    if (alg.symmetric()) {
      return new SigningKeys.Secret(load(file, alg));
    }
    return new SigningKeys.File("auth.token.private-key-file", file, alg, null, true, null);
  }

  /**
   * The previous key that {@code previous.conf} (written by {@link #rotate}) describes, unless
   * absent, unreadable or retired at {@code now}.
   */
  public static Optional<SigningKeys.Key> previous(Path dataDir, Instant now) {
    Path file = previousConf(dataDir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Config c = ConfigFactory.parseFile(file.toFile()).getConfig("auth.token.previous-key");
      Instant retireAt = Instant.parse(c.getString("retire-at"));
      if (!retireAt.isAfter(now)) {
        return Optional.empty();
      }
      JwsAlgorithm alg = JwsAlgorithm.fromJwaName(c.getString("algorithm")).orElseThrow();
      String kid = c.getString("key-id");
      if (alg.symmetric()) {
        byte[] secret = c.getString("secret-key").getBytes(StandardCharsets.UTF_8);
        return Optional.of(
            new SigningKeys.Secret(JwtKey.hmac(kid, alg, secret).retiringAt(retireAt)));
      }
      return Optional.of(
          new SigningKeys.File(
              "auth.token.previous-key.public-key-file",
              Path.of(c.getString("public-key-file")),
              alg,
              kid,
              false,
              retireAt));
    } catch (com.typesafe.config.ConfigException
        | java.time.format.DateTimeParseException
        | java.util.NoSuchElementException
        | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String newSecret() {
    byte[] b = new byte[SECRET_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A fresh key pair for {@code alg} (RSA: {@value #CONFIGURED_RSA_BITS} bits). */
  public static KeyPair newKeyPair(JwsAlgorithm alg) {
    return newKeyPair(alg, CONFIGURED_RSA_BITS);
  }

  private static KeyPair newKeyPair(JwsAlgorithm alg, int rsaBits) {
    try {
      KeyPairGenerator g;
      switch (alg.family()) {
        case RSA, RSA_PSS -> {
          if (rsaBits < JwsAlgorithm.MIN_RSA_BITS) {
            throw new IllegalArgumentException(
                "an RSA key needs at least " + JwsAlgorithm.MIN_RSA_BITS + " bits");
          }
          g = KeyPairGenerator.getInstance("RSA");
          // e = 65537 (F4), the public exponent every JOSE library expects.
          g.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), RANDOM);
        }
        case EC -> {
          g = KeyPairGenerator.getInstance("EC");
          String curve =
              switch (alg) {
                case ES256 -> "secp256r1";
                case ES384 -> "secp384r1";
                default -> "secp521r1";
              };
          g.initialize(new ECGenParameterSpec(curve), RANDOM);
        }
        case EDDSA -> g = KeyPairGenerator.getInstance("Ed25519");
        default -> throw new IllegalArgumentException(alg.jwaName() + " uses a secret");
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate a " + alg.jwaName() + " key", e);
    }
  }

  /** A PEM text with the PKCS#8 private key followed by the X.509 public key. */
  public static String pem(KeyPair pair) {
    return pemBlock("PRIVATE KEY", pair.getPrivate().getEncoded())
        + pemBlock("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  private static String pemBlock(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
