package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.core.settings.Environment;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the signing-key settings ({@code auth.token.algorithm}, {@code secret-key}, {@code
 * private-key-file}, {@code key-id}, {@code previous-key.*}) into {@link SigningKeys}: a secret
 * becomes a key at once, a file is only named ({@link KeyLoader} reads it), a missing key in
 * development is to be generated. Holds the one check of a shared secret, which the trusted issuer
 * uses too.
 */
final class SigningKeysReader {

  private static final String P = "auth.token.";
  private static final String Q = P + "previous-key.";

  private final SettingsReader reader;
  private final Environment env;
  private final List<String> warnings;

  SigningKeysReader(SettingsReader reader, List<String> warnings) {
    this.reader = reader;
    this.env = reader.environment();
    this.warnings = warnings;
  }

  JwsAlgorithm algorithm(String key) {
    return algorithmNamed(key, reader.string(key));
  }

  private JwsAlgorithm algorithmNamed(String key, String name) {
    Optional<JwsAlgorithm> alg = JwsAlgorithm.fromJwaName(name.trim());
    if (alg.isEmpty()) {
      reader.problem(
          key,
          "'"
              + name
              + "' is not a supported algorithm"
              + (name.trim().equalsIgnoreCase("none")
                  ? " (unsigned tokens are never issued or accepted)."
                  : "."),
          "use one of " + JwsAlgorithm.names());
      return JwsAlgorithm.HS256; // a stand-in: the area yields no settings
    }
    return alg.get();
  }

  /**
   * The one check of a shared secret {@code value} read from {@code key}: a placeholder or a short
   * one is refused in staging and production ({@link SettingsReader#checkSecret}), and one shorter
   * than the algorithm's hash everywhere ({@link JwtKey#hmac}, RFC 7518 section 3.2). Empty when
   * refused.
   */
  Optional<JwtKey> secretKey(String key, String value, JwsAlgorithm alg, String kid) {
    if (!reader.checkSecret(key, value, alg.size())) {
      return Optional.empty();
    }
    try {
      return Optional.of(JwtKey.hmac(kid, alg, value.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      reader.problem(
          key,
          "cannot be used: " + e.getMessage() + ".",
          "generate a longer secret: " + Pem.generateCommand(alg));
      return Optional.empty();
    }
  }

  private Optional<Path> path(String key, String raw) {
    try {
      return Optional.of(Path.of(raw.trim()));
    } catch (InvalidPathException e) {
      reader.problem(key, "is not a valid path.", "point it at a PEM or JWK file");
      return Optional.empty();
    }
  }

  SigningKeys signingKeys() {
    boolean algorithmSet = reader.isSet(P + "algorithm");
    JwsAlgorithm alg = algorithm(P + "algorithm");
    String kid = reader.optionalString(P + "key-id").map(String::trim).orElse(null);
    Optional<String> secret = reader.optionalString(P + "secret-key");
    Optional<String> file = reader.optionalString(P + "private-key-file");
    SigningKeys.Key active;
    if (alg.symmetric()) {
      active = secretActive(alg, kid, secret, file.isPresent(), algorithmSet);
    } else {
      active = fileActive(alg, kid, secret.isPresent(), file, algorithmSet);
    }
    Optional<SigningKeys.Key> previous =
        previous(alg, kid != null ? kid : alg.symmetric() ? JwtSettings.DEFAULT_KEY_ID : null);
    return active == null ? null : new SigningKeys.Configured(active, previous);
  }

  private SigningKeys.Key secretActive(
      JwsAlgorithm alg,
      String kid,
      Optional<String> secret,
      boolean fileSet,
      boolean algorithmSet) {
    String key = P + "secret-key";
    if (fileSet) {
      reader.problem(
          P + "private-key-file",
          "is set, but auth.token.algorithm is " + alg.jwaName() + ", which uses a secret.",
          "set auth.token.algorithm to the key's algorithm (RS256, ES256, EdDSA...) or remove"
              + " the file setting");
    }
    String id = kid != null ? kid : JwtSettings.DEFAULT_KEY_ID;
    if (secret.isPresent()) {
      return secretKey(key, secret.get(), alg, id).map(SigningKeys.Secret::new).orElse(null);
    }
    if (env.strict()) {
      reader.problem(
          key,
          "is not set; "
              + alg.jwaName()
              + " needs a shared secret of at least "
              + alg.size()
              + " bytes, and "
              + env.value()
              + " never generates one.",
          "generate one: " + Pem.generateCommand(alg));
      return null;
    }
    return new SigningKeys.Generated(alg, kid, algorithmSet);
  }

  private SigningKeys.Key fileActive(
      JwsAlgorithm alg,
      String kid,
      boolean secretSet,
      Optional<String> file,
      boolean algorithmSet) {
    String key = P + "private-key-file";
    if (secretSet) {
      warnings.add(
          "auth.token.secret-key is set but auth.token.algorithm is "
              + alg.jwaName()
              + ": the secret is not used for this service's own tokens.");
    }
    if (file.isPresent()) {
      return path(key, file.get())
          .map(f -> new SigningKeys.File(key, f, alg, kid, true, null))
          .orElse(null);
    }
    if (env.strict()) {
      reader.problem(
          key,
          "is not set; " + alg.jwaName() + " needs a private key (PEM or JWK file).",
          "generate one: "
              + Pem.generateCommand(alg)
              + ", and set "
              + SettingsReader.environmentVariable(key)
              + " to its path");
      return null;
    }
    return new SigningKeys.Generated(alg, kid, algorithmSet);
  }

  private Optional<SigningKeys.Key> previous(JwsAlgorithm activeAlg, String activeKid) {
    Optional<String> secret = reader.optionalString(Q + "secret-key");
    Optional<String> file = reader.optionalString(Q + "public-key-file");
    Optional<String> retire = reader.optionalString(Q + "retire-at");
    Optional<String> algorithm = reader.optionalString(Q + "algorithm");
    String kid =
        reader
            .optionalString(Q + "key-id")
            .map(String::trim)
            .orElse(JwtSettings.DEFAULT_PREVIOUS_KEY_ID);
    if (secret.isEmpty() && file.isEmpty()) {
      if (retire.isPresent()) {
        reader.problem(
            Q + "retire-at",
            "is set, but no previous key is (previous-key.secret-key or"
                + " previous-key.public-key-file).",
            "set the previous key, or remove retire-at");
      }
      return Optional.empty();
    }
    JwsAlgorithm alg = algorithm.map(a -> algorithmNamed(Q + "algorithm", a)).orElse(activeAlg);
    if (kid.equals(activeKid)) {
      reader.problem(
          Q + "key-id",
          "is '" + kid + "', the same as the active key's id; tokens would name the wrong key.",
          "give the previous key the id it had when it was active");
    }
    Instant retireAt = null;
    if (retire.isEmpty()) {
      reader.problem(
          Q + "retire-at",
          "is required when a previous key is configured: the instant it stops verifying.",
          "set it to the rotation time plus auth.token.refresh-token-ttl, for example"
              + " 2030-01-08T00:00:00Z");
    } else {
      try {
        retireAt = Instant.parse(retire.get().trim());
      } catch (DateTimeParseException e) {
        reader.problem(
            Q + "retire-at", "is not an ISO-8601 instant.", "write it as 2030-01-08T00:00:00Z");
      }
    }
    Instant at = retireAt;
    if (alg.symmetric()) {
      if (secret.isEmpty()) {
        reader.problem(
            Q + "secret-key",
            "is not set, but the previous key's algorithm " + alg.jwaName() + " needs it.",
            "set it to the secret used before the rotation");
        return Optional.empty();
      }
      return secretKey(Q + "secret-key", secret.get(), alg, kid)
          .filter(k -> at != null)
          .map(k -> new SigningKeys.Secret(k.retiringAt(at)));
    }
    if (file.isEmpty()) {
      reader.problem(
          Q + "public-key-file",
          "is not set, but the previous key's algorithm " + alg.jwaName() + " needs it.",
          "export the previous public key: openssl pkey -in old-key.pem -pubout");
      return Optional.empty();
    }
    return path(Q + "public-key-file", file.get())
        .filter(f -> at != null)
        .map(f -> new SigningKeys.File(Q + "public-key-file", f, alg, kid, false, at));
  }
}
