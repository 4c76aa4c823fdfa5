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
 * private-key-file}, {@code key-id}, {@code previous-key.*}, {@code next-key.*}) into {@link
 * SigningKeys}: a secret becomes a key at once, a file is only named ({@link KeyLoader} reads it),
 * a missing key in development is to be generated. Holds the one check of a shared secret, which
 * the trusted issuer uses too.
 */
final class SigningKeysReader {

  private static final String P = "auth.token.";
  private static final String Q = P + "previous-key.";
  private static final String N = P + "next-key.";

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
    String activeKid = kid != null ? kid : alg.symmetric() ? JwtSettings.DEFAULT_KEY_ID : null;
    Optional<SigningKeys.Key> previous = previous(alg, activeKid);
    Optional<SigningKeys.Key> next = next(alg, activeKid);
    return active == null ? null : new SigningKeys.Configured(active, previous, next);
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
    if (secretSet && file.isEmpty() && !algorithmSet) {
      // Until issue 13 the default was HS256: a deployment that set only a secret relied on it.
      // Generating a key pair beside an unused secret would silently change its tokens' algorithm.
      reader.problem(
          key,
          "is not set, and auth.token.algorithm is not set either, so it is "
              + alg.jwaName()
              + " (the default since issue 13; it was HS256 before), which signs with a private"
              + " key: auth.token.secret-key is set but "
              + alg.jwaName()
              + " does not use it.",
          "to keep the shared secret, set auth.token.algorithm = HS256 explicitly ("
              + SettingsReader.environmentVariable(P + "algorithm")
              + "=HS256; first-party tokens only, OAuth refuses HS*); to sign with "
              + alg.jwaName()
              + ", generate a key ("
              + Pem.generateCommand(alg)
              + "), set "
              + SettingsReader.environmentVariable(key)
              + " to its path and remove auth.token.secret-key");
      return null;
    }
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

  /**
   * The next key ({@code next-key.*}): published and verifying ahead of signing, so that when it is
   * promoted every verifier's cached JWKS already holds it. Like the active key it comes with its
   * private material (a PKCS#8 PEM or private JWK, or a secret): promoting it needs it, and its
   * refresh-token key verifies the refresh tokens of instances that promoted it first. A shared
   * secret is allowed (a fleet that signs with HS* has the same rolling-restart problem) and needs
   * an explicit key id, since it must keep its id when promoted.
   */
  private Optional<SigningKeys.Key> next(JwsAlgorithm activeAlg, String activeKid) {
    Optional<String> secret = reader.optionalString(N + "secret-key");
    Optional<String> file = reader.optionalString(N + "private-key-file");
    Optional<String> algorithm = reader.optionalString(N + "algorithm");
    Optional<String> kid = reader.optionalString(N + "key-id").map(String::trim);
    if (secret.isEmpty() && file.isEmpty()) {
      for (String k : List.of("key-id", "algorithm")) {
        if (reader.optionalString(N + k).isPresent()) {
          reader.problem(
              N + k,
              "is set, but no next key is (next-key.private-key-file or next-key.secret-key).",
              "set the next key, or remove next-key." + k);
        }
      }
      return Optional.empty();
    }
    JwsAlgorithm alg = algorithm.map(a -> algorithmNamed(N + "algorithm", a)).orElse(activeAlg);
    if (kid.isPresent() && kid.get().equals(activeKid)) {
      reader.problem(
          N + "key-id",
          "is '"
              + kid.get()
              + "', the same as the active key's id; a verifier could not tell their tokens apart.",
          "give the next key an id of its own, and keep it when you promote the key");
    }
    if (alg.symmetric()) {
      if (file.isPresent()) {
        reader.problem(
            N + "private-key-file",
            "is set, but the next key's algorithm " + alg.jwaName() + " uses a shared secret.",
            "set next-key.algorithm to the file's algorithm (RS256, ES256...), or set"
                + " next-key.secret-key instead");
        return Optional.empty();
      }
      if (kid.isEmpty()) {
        reader.problem(
            N + "key-id",
            "is not set; a next shared secret needs the id it will keep when promoted (the"
                + " active secret's id defaults to '"
                + JwtSettings.DEFAULT_KEY_ID
                + "').",
            "set it, for example next-key.key-id = \"2030-01\", and set auth.token.key-id to the"
                + " same value when you promote the key");
        return Optional.empty();
      }
      return secretKey(N + "secret-key", secret.get(), alg, kid.get()).map(SigningKeys.Secret::new);
    }
    if (secret.isPresent()) {
      reader.problem(
          N + "secret-key",
          "is set, but the next key's algorithm " + alg.jwaName() + " uses a private key file.",
          "set next-key.private-key-file instead, or next-key.algorithm to HS256, HS384 or HS512");
      return Optional.empty();
    }
    return path(N + "private-key-file", file.get())
        .map(
            f ->
                new SigningKeys.File(N + "private-key-file", f, alg, kid.orElse(null), true, null));
  }
}
