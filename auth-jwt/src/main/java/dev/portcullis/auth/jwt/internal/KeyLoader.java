package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.KeyFiles;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.SigningKeys;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@link SigningKeys} into a {@link KeyRing}: reads each key file once through {@link
 * KeyFiles}, parses PEM or JWK, gives a JWK the configured key id, and generates development keys.
 * Every problem names its setting and variable, all in one {@link ConfigurationException}.
 */
public final class KeyLoader {
  private static final Logger log = LoggerFactory.getLogger(KeyLoader.class);

  private KeyLoader() {}

  /**
   * The key ring {@code keys} describe.
   *
   * @throws ConfigurationException listing every key that cannot be read or used
   */
  public static KeyRing load(SigningKeys keys, KeyFiles files) {
    if (keys instanceof SigningKeys.Ready ready) {
      return ready.ring();
    }
    SigningKeys.Configured configured = (SigningKeys.Configured) keys;
    List<ConfigProblem> problems = new ArrayList<>();
    JwtKey active = key(configured.active(), files, problems);
    Optional<JwtKey> previous = configured.previous().map(k -> key(k, files, problems));
    Optional<JwtKey> next = configured.next().map(k -> key(k, files, problems));
    if (problems.isEmpty() && next.isPresent()) {
      checkNext(next.get(), active, previous, problems);
    }
    if (problems.isEmpty()) {
      try {
        KeyRing ring =
            KeyRing.of(
                active,
                previous.map(List::of).orElse(List.of()),
                next.map(List::of).orElse(List.of()));
        warnings(configured, ring).forEach(w -> log.warn("Portcullis token settings: {}", w));
        return ring;
      } catch (IllegalArgumentException e) {
        problems.add(
            problem(
                "auth.token.previous-key.key-id",
                e.getMessage() + ".",
                "give each key its own id"));
      }
    }
    throw new ConfigurationException(problems);
  }

  /**
   * Refuses a next key that a verifier could confuse with another: the active key itself, or one
   * with the active or the previous key's id (ids of key files are known only once they are read).
   */
  private static void checkNext(
      JwtKey next, JwtKey active, Optional<JwtKey> previous, List<ConfigProblem> problems) {
    String setting = "auth.token.next-key.";
    if (next.verificationKey().equals(active.verificationKey())) {
      problems.add(
          problem(
              setting + (next.symmetric() ? "secret-key" : "private-key-file"),
              "holds the active key (" + active.keyId() + "), not a new one.",
              "generate a new key for the next one: " + Pem.generateCommand(next.algorithm())));
    } else if (next.keyId().equals(active.keyId())) {
      problems.add(
          problem(
              setting + "key-id",
              "gives the next key the id '"
                  + next.keyId()
                  + "', the active key's; a verifier could not tell their tokens apart.",
              "set next-key.key-id to an id of its own (or leave it and auth.token.key-id unset:"
                  + " a key file's id is then its thumbprint), and keep it when you promote the"
                  + " key"));
    } else if (previous.isPresent() && next.keyId().equals(previous.get().keyId())) {
      problems.add(
          problem(
              setting + "key-id",
              "gives the next key the id '" + next.keyId() + "', the previous key's.",
              "give the next key an id of its own"));
    }
  }

  /**
   * What an operator should know about {@code ring}, loaded from {@code keys}: a key generated for
   * this process only (development), a previous key that lost its refresh key.
   */
  public static List<String> warnings(SigningKeys keys, KeyRing ring) {
    List<String> warnings = new ArrayList<>();
    if (keys instanceof SigningKeys.Configured c && c.active() instanceof SigningKeys.Generated g) {
      JwsAlgorithm alg = g.algorithm();
      String key = alg.symmetric() ? "auth.token.secret-key" : "auth.token.private-key-file";
      warnings.add(
          key
              + " (env "
              + SettingsReader.environmentVariable(key)
              + ") is not set: generated a random "
              + alg.jwaName()
              + (alg.symmetric() ? " secret" : " key pair")
              + " for this process only. Tokens will not survive a restart or verify on another"
              + " instance. Fix: "
              + Pem.generateCommand(alg));
    }
    String setting = "auth.token.previous-key.public-key-file";
    for (JwtKey previous : ring.passive()) {
      if (!previous.symmetric() && previous.refreshKey().isEmpty()) {
        warnings.add(
            setting
                + " (env "
                + SettingsReader.environmentVariable(setting)
                + ") holds only the public key of '"
                + previous.keyId()
                + "': its access tokens verify until retire-at, but the refresh tokens it issued"
                + " are refused (their key derives from the private key), so those users sign in"
                + " again. Fix: point the setting at the previous private key file instead; it"
                + " never signs again.");
      }
    }
    return warnings;
  }

  private static JwtKey key(SigningKeys.Key key, KeyFiles files, List<ConfigProblem> problems) {
    if (key instanceof SigningKeys.Secret secret) {
      return secret.key();
    }
    if (key instanceof SigningKeys.Generated generated) {
      return DevelopmentKeys.generate(generated.algorithm(), generated.keyId());
    }
    SigningKeys.File file = (SigningKeys.File) key;
    String text;
    try {
      text = files.read(file.path());
    } catch (IOException | RuntimeException e) {
      problems.add(
          problem(
              file.setting(),
              "names a file that cannot be read ("
                  + file.path()
                  + ", "
                  + e.getClass().getSimpleName()
                  + ").",
              "point it at a readable PEM or JWK file"));
      return null;
    }
    try {
      JwtKey k = parse(file, text);
      if (file.signs() && !k.canSign()) {
        throw new IllegalArgumentException("it holds only a public key, which cannot sign");
      }
      return file.retireAt() == null ? k : k.retiringAt(file.retireAt());
    } catch (IllegalArgumentException e) {
      problems.add(
          problem(
              file.setting(),
              "names a file that cannot be used: " + e.getMessage() + ".",
              file.signs()
                  ? "use a PKCS#8 PEM or private JWK: " + Pem.generateCommand(file.algorithm())
                  : "use the previous key's public PEM (openssl pkey -in key.pem -pubout) or JWK"));
      return null;
    }
  }

  /** The key in a PEM or JWK text, under the configured key id when there is one. */
  private static JwtKey parse(SigningKeys.File file, String text) {
    if (!text.strip().startsWith("{")) {
      return JwtKey.fromPem(file.keyId(), file.algorithm(), text);
    }
    JwtKey parsed = JwtKey.fromJwk(text);
    if (parsed.algorithm() != file.algorithm()) {
      throw new IllegalArgumentException(
          "it is a " + parsed.algorithm().jwaName() + " key, not " + file.algorithm().jwaName());
    }
    String kid = file.keyId();
    if (kid == null || kid.equals(parsed.keyId())) {
      return parsed;
    }
    PublicKey pub = (PublicKey) parsed.verificationKey();
    return parsed.canSign()
        ? JwtKey.signing(
            kid,
            parsed.algorithm(),
            new KeyPair(pub, (PrivateKey) parsed.signingKey().orElseThrow()))
        : JwtKey.verifyOnly(kid, parsed.algorithm(), pub);
  }

  private static ConfigProblem problem(String key, String problem, String fix) {
    return new ConfigProblem(key, SettingsReader.environmentVariable(key), problem, fix);
  }
}
