package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.core.settings.Environment;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.JwtSettings.RemoteJwksSettings;
import dev.portcullis.auth.jwt.JwtVerifier;
import dev.portcullis.auth.jwt.SigningKeys;
import dev.portcullis.auth.jwt.TrustedIssuer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates {@code auth.token.*} through a {@link SettingsReader} into {@link
 * JwtSettings}. It reads settings only: key files are named, never opened ({@link KeyLoader} loads
 * them when the injector is built). Use it through {@link SettingsReader#read}.
 */
public final class JwtSettingsReader {

  private static final String P = "auth.token.";
  private static final String Q = P + "previous-key.";
  private static final String T = P + "trusted-issuer.";

  private final SettingsReader reader;
  private final Environment env;
  private final List<String> warnings = new ArrayList<>();

  private JwtSettingsReader(SettingsReader reader) {
    this.reader = reader;
    this.env = reader.environment();
  }

  /** Reads {@code auth.token.*}, recording every problem and warning in {@code reader}. */
  public static JwtSettings read(SettingsReader reader) {
    return new JwtSettingsReader(reader).read();
  }

  private JwtSettings read() {
    String issuer = reader.string(P + "issuer").trim();
    if (issuer.isEmpty()) {
      reader.problem(
          P + "issuer",
          "is empty.",
          "set it to this issuer's name or URL, for example \"https://auth.example.com\"");
    }
    List<String> audiences = reader.list(P + "audiences");
    if (audiences.isEmpty() && env.strict()) {
      reader.problem(
          P + "audiences",
          "is empty; "
              + env.value()
              + " requires an audience, so that a token minted for another service is refused.",
          "set it to this API's identifier, for example \"https://api.example.com\"");
    }
    Duration access = reader.positiveDuration(P + "access-token-ttl");
    Duration refresh = reader.positiveDuration(P + "refresh-token-ttl");
    if (reader.valid(P + "access-token-ttl", P + "refresh-token-ttl")
        && refresh.compareTo(access) <= 0) {
      reader.problem(
          P + "refresh-token-ttl",
          "("
              + refresh.toSeconds()
              + " s) must be longer than auth.token.access-token-ttl ("
              + access.toSeconds()
              + " s).",
          "use a refresh lifetime longer than the access lifetime, for example 7d and 15m");
    }
    if (env.strict()) {
      cap(P + "access-token-ttl", access, JwtSettings.MAX_STRICT_ACCESS_TOKEN_TTL, "15m");
      cap(P + "refresh-token-ttl", refresh, JwtSettings.MAX_STRICT_REFRESH_TOKEN_TTL, "7d");
    }
    Duration leeway = leeway(P + "leeway");
    int maxSize =
        reader.integer(P + "max-size", JwtVerifier.MIN_TOKEN_SIZE, JwtVerifier.MAX_TOKEN_SIZE);
    int cacheSize = reader.integer(P + "verify-cache-size", 0, JwtVerifier.MAX_CACHE_SIZE);
    RemoteJwksSettings remote = remote();
    // Read as a part of its own, so a tool finds the keys even when another token setting is wrong.
    SigningKeys keys =
        remote == null ? reader.read(SigningKeys.class, r -> signingKeys()).orElse(null) : null;
    TrustedIssuer trusted = trusted();
    warnings.forEach(reader::warn);
    return new JwtSettings(
        issuer, audiences, keys, access, refresh, leeway, maxSize, cacheSize, remote, trusted,
        warnings);
  }

  /** Refuses a lifetime above {@code max}: a stolen token must not outlive a reasonable window. */
  private void cap(String key, Duration ttl, Duration max, String dflt) {
    if (ttl.compareTo(max) > 0) {
      reader.problem(
          key,
          "is "
              + ttl.toSeconds()
              + " s; "
              + env.value()
              + " accepts at most "
              + max.toSeconds()
              + " s ("
              + (max.toDays() > 0 ? max.toDays() + "d" : max.toHours() + "h")
              + "), since a stolen token stays usable for its whole lifetime.",
          "use " + dflt + " (the default) or anything up to " + max.toSeconds() + " s");
    }
  }

  private Duration leeway(String key) {
    Duration leeway = reader.nonNegativeDuration(key);
    if (leeway.compareTo(JwtVerifier.MAX_LEEWAY) > 0) {
      reader.problem(
          key,
          "is "
              + leeway.toSeconds()
              + " s; at most "
              + JwtVerifier.MAX_LEEWAY.toSeconds()
              + " s is accepted, since a longer leeway keeps expired tokens alive.",
          "use 60s (the default); fix clock skew with NTP instead of a longer leeway");
    }
    return leeway;
  }

  private JwsAlgorithm algorithm(String key) {
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
  private Optional<JwtKey> secretKey(String key, String value, JwsAlgorithm alg, String kid) {
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

  private SigningKeys signingKeys() {
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

  private RemoteJwksSettings remote() {
    String q = P + "remote-jwks.";
    Optional<String> url = reader.optionalString(q + "url");
    Duration ttl = reader.positiveDuration(q + "cache-ttl");
    Duration refetch = reader.positiveDuration(q + "refetch-interval");
    Duration timeout = reader.positiveDuration(q + "timeout");
    boolean highS = reader.bool(q + "accept-high-s");
    if (url.isEmpty()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url.get().trim());
    } catch (URISyntaxException e) {
      reader.problem(
          q + "url",
          "is not a URL.",
          "write it as https://issuer.example.com/.well-known/jwks.json");
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      reader.problem(
          q + "url",
          "is not an http(s) URL.",
          "write it as https://issuer.example.com/.well-known/jwks.json");
      return null;
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    if (scheme.equals("http") && !host.equals("localhost") && !host.equals("127.0.0.1")) {
      reader.insecure(
          q + "url",
          "uses plain http, so anyone on the path could substitute keys.",
          "serve the key set over https");
    }
    return new RemoteJwksSettings(uri, ttl, refetch, timeout, highS);
  }

  private TrustedIssuer trusted() {
    JwsAlgorithm alg = algorithm(T + "algorithm");
    Optional<String> secret = reader.optionalString(T + "secret-key");
    Duration leeway = leeway(T + "leeway");
    List<String> required = reader.list(T + "required-claims");
    Optional<String> issuer = reader.optionalString(T + "issuer");
    Optional<String> audience = reader.optionalString(T + "audience");
    String kid = reader.optionalString(T + "key-id").orElse(TrustedIssuer.DEFAULT_KEY_ID);
    if (secret.isEmpty()) {
      return null;
    }
    if (!alg.symmetric()) {
      reader.problem(
          T + "algorithm",
          "is " + alg.jwaName() + "; a trusted issuer shares a secret (HS256, HS384 or HS512).",
          "use HS256, or verify the issuer through auth.token.remote-jwks.url");
      return null;
    }
    Optional<JwtKey> key = secretKey(T + "secret-key", secret.get(), alg, kid);
    if (audience.isEmpty() && env.strict()) {
      reader.problem(
          T + "audience",
          "is empty; "
              + env.value()
              + " requires an audience for the trusted issuer too, so that a token it minted for"
              + " another service is refused.",
          "set it to the audience the trusted issuer writes for this API, for example"
              + " \"https://api.example.com\"");
    }
    Set<String> claims = new LinkedHashSet<>(required);
    if (!claims.contains("sub") || !claims.contains("exp")) {
      reader.problem(
          T + "required-claims",
          "must include sub and exp.",
          "use \"sub,email,exp\" (the default) or add sub and exp");
    }
    return key.map(
            k -> new TrustedIssuer(k, issuer.orElse(null), audience.orElse(null), claims, leeway))
        .orElse(null);
  }
}
