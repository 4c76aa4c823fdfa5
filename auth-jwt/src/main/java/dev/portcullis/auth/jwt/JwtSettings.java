package dev.portcullis.auth.jwt;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.Environment;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.jwt.internal.Crypto;
import dev.portcullis.auth.jwt.internal.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validated token settings ({@code auth.token.*}), read once at start-up. See {@code
 * reference.conf} for every key, its default and its environment variable.
 *
 * @param environment where this runs (from {@code auth.environment})
 * @param issuer the {@code iss} of tokens issued here, and the one required when verifying
 * @param audiences the audience allow-list; the first is written into access tokens. Empty means no
 *     audience (development and test only)
 * @param keyRing the signing and verifying keys, or null when this service only verifies through
 *     {@code remoteJwks}
 * @param accessTokenTtl lifetime of access tokens
 * @param refreshTokenTtl lifetime of refresh tokens (and of an idle session)
 * @param leeway clock skew tolerated on exp, nbf and iat, at most 5 minutes
 * @param maxTokenSize longest accepted token, in characters
 * @param verifyCacheSize how many verified tokens to remember; 0 disables the cache
 * @param remoteJwks where keys come from when this service only verifies, or null
 * @param trustedIssuer a trusted external issuer, or null
 * @param warnings what development filled in, for the start-up log
 */
public record JwtSettings(
    Environment environment,
    String issuer,
    List<String> audiences,
    KeyRing keyRing,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Duration leeway,
    int maxTokenSize,
    int verifyCacheSize,
    RemoteJwksSettings remoteJwks,
    TrustedIssuer trustedIssuer,
    List<String> warnings) {

  /** The longest access-token lifetime staging and production accept. */
  public static final Duration MAX_STRICT_ACCESS_TOKEN_TTL = Duration.ofHours(1);

  /** The longest refresh-token lifetime (and idle session) staging and production accept. */
  public static final Duration MAX_STRICT_REFRESH_TOKEN_TTL = Duration.ofDays(90);

  /** The largest leeway accepted. */
  public static final Duration MAX_LEEWAY = Duration.ofMinutes(5);

  /** The key id of the configured key when {@code auth.token.key-id} is not set (HS*). */
  public static final String DEFAULT_KEY_ID = "default";

  /** The key id of the previous key when {@code auth.token.previous-key.key-id} is not set. */
  public static final String DEFAULT_PREVIOUS_KEY_ID = "previous";

  private static final String P = "auth.token.";

  /**
   * Where a verify-only service fetches the issuer's keys.
   *
   * @param url the JWKS URL
   * @param cacheTtl how long a fetched key set is used
   * @param refetchInterval the least time between two fetches
   * @param timeout connect and request timeout
   * @param acceptHighS whether the issuer's ECDSA signatures may be in their high-s form (an issuer
   *     that does not normalise s; Portcullis always does)
   */
  public record RemoteJwksSettings(
      URI url, Duration cacheTtl, Duration refetchInterval, Duration timeout, boolean acceptHighS) {
    public RemoteJwksSettings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(cacheTtl, "cacheTtl");
      Objects.requireNonNull(refetchInterval, "refetchInterval");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  public JwtSettings {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(issuer, "issuer");
    audiences = List.copyOf(audiences);
    if (keyRing == null && remoteJwks == null) {
      throw new IllegalArgumentException("either a key ring or a remote JWKS is needed");
    }
    Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
    Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
    Objects.requireNonNull(leeway, "leeway");
    warnings = List.copyOf(warnings);
  }

  /** The signing keys, unless this service only verifies. */
  public Optional<KeyRing> keys() {
    return Optional.ofNullable(keyRing);
  }

  /** The remote key set, when this service only verifies. */
  public Optional<RemoteJwksSettings> remote() {
    return Optional.ofNullable(remoteJwks);
  }

  /** The trusted external issuer, if configured. */
  public Optional<TrustedIssuer> trusted() {
    return Optional.ofNullable(trustedIssuer);
  }

  /** Whether this service only verifies (keys from a remote JWKS, no issuing). */
  public boolean verifyOnly() {
    return keyRing == null;
  }

  /** These settings with another key ring (for rotation, or keys built in code). */
  public JwtSettings withKeyRing(KeyRing ring) {
    return new JwtSettings(
        environment,
        issuer,
        audiences,
        Objects.requireNonNull(ring, "ring"),
        accessTokenTtl,
        refreshTokenTtl,
        leeway,
        maxTokenSize,
        verifyCacheSize,
        null,
        trustedIssuer,
        warnings);
  }

  /** These settings with a trusted issuer profile (or none, with null). */
  public JwtSettings withTrustedIssuer(TrustedIssuer trusted) {
    return new JwtSettings(
        environment,
        issuer,
        audiences,
        keyRing,
        accessTokenTtl,
        refreshTokenTtl,
        leeway,
        maxTokenSize,
        verifyCacheSize,
        remoteJwks,
        trusted,
        warnings);
  }

  @Override
  public String toString() {
    return "JwtSettings[environment="
        + environment.value()
        + ", issuer="
        + issuer
        + ", audiences="
        + audiences
        + ", keys="
        + keyRing
        + ", accessTokenTtl="
        + accessTokenTtl
        + ", refreshTokenTtl="
        + refreshTokenTtl
        + ", leeway="
        + leeway
        + ", remoteJwks="
        + remoteJwks
        + ", trustedIssuer="
        + trustedIssuer
        + "]";
  }

  /**
   * Reads and validates {@code auth.token.*}.
   *
   * @throws ConfigurationException listing every problem (and those of {@code auth.environment})
   */
  public static JwtSettings load(Config config) {
    SettingsReader reader = new SettingsReader(config);
    JwtSettings settings = read(reader, true);
    reader.throwIfProblems();
    return settings;
  }

  /**
   * Reads {@code auth.token.*} through {@code reader}, recording every problem there; the result is
   * only meaningful when the reader has no problems.
   *
   * @param generate whether development may generate missing keys (false only validates)
   */
  public static JwtSettings read(SettingsReader reader, boolean generate) {
    Environment env = reader.environment();
    List<String> warnings = new ArrayList<>();

    String issuer = reader.string(P + "issuer").trim();
    if (issuer.isEmpty()) {
      reader.problem(
          P + "issuer",
          "is empty.",
          "set it to this issuer's name or URL, for example \"https://auth.example.com\"");
      issuer = "invalid";
    }
    List<String> audiences = list(reader, P + "audiences");
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
    if (refresh.compareTo(access) <= 0) {
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
      cap(reader, env, P + "access-token-ttl", access, MAX_STRICT_ACCESS_TOKEN_TTL, "15m");
      cap(reader, env, P + "refresh-token-ttl", refresh, MAX_STRICT_REFRESH_TOKEN_TTL, "7d");
    }
    Duration leeway = leeway(reader, P + "leeway");
    int maxSize = reader.integer(P + "max-size", 1024, 1024 * 1024);
    int cacheSize = reader.integer(P + "verify-cache-size", 0, 10_000_000);

    RemoteJwksSettings remote = readRemote(reader);
    KeyRing ring = null;
    if (remote == null) {
      ring = readKeys(reader, warnings, generate);
    }
    TrustedIssuer trusted = readTrusted(reader);
    for (String w : warnings) {
      reader.warn(w);
    }
    if (ring == null && remote == null) {
      // Only reached with problems recorded; a placeholder keeps the record constructible.
      ring = KeyRing.of(JwtKey.hmac(DEFAULT_KEY_ID, JwsAlgorithm.HS256, Crypto.randomBytes(32)));
    }
    return new JwtSettings(
        env, issuer, audiences, ring, access, refresh, leeway, maxSize, cacheSize, remote, trusted,
        warnings);
  }

  /** Refuses a lifetime above {@code max}: a stolen token must not outlive a reasonable window. */
  private static void cap(
      SettingsReader reader, Environment env, String key, Duration ttl, Duration max, String dflt) {
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

  private static Duration leeway(SettingsReader reader, String key) {
    Duration leeway = reader.nonNegativeDuration(key);
    if (leeway.compareTo(MAX_LEEWAY) > 0) {
      reader.problem(
          key,
          "is "
              + leeway.toSeconds()
              + " s; at most 300 s (5 min) is accepted, since a longer leeway keeps expired"
              + " tokens alive.",
          "use 60s (the default); fix clock skew with NTP instead of a longer leeway");
      return MAX_LEEWAY;
    }
    return leeway;
  }

  private static List<String> list(SettingsReader reader, String key) {
    Config c = reader.config();
    List<String> raw;
    if (c.hasPath(key) && c.getValue(key).valueType() == ConfigValueType.LIST) {
      raw = reader.stringList(key);
    } else {
      raw = reader.optionalString(key).map(s -> Arrays.asList(s.split(","))).orElse(List.of());
    }
    Set<String> out = new LinkedHashSet<>();
    for (String s : raw) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return List.copyOf(out);
  }

  private static JwsAlgorithm algorithm(SettingsReader reader, String key) {
    return reader.parsed(
        key,
        JwsAlgorithm.HS256,
        name ->
            JwsAlgorithm.fromJwaName(name.trim())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "'"
                                + name
                                + "' is not a supported algorithm"
                                + (name.trim().equalsIgnoreCase("none")
                                    ? " (unsigned tokens are never issued or accepted)"
                                    : ""))),
        "use one of " + JwsAlgorithm.names());
  }

  private static KeyRing readKeys(SettingsReader reader, List<String> warnings, boolean generate) {
    Environment env = reader.environment();
    JwsAlgorithm alg = algorithm(reader, P + "algorithm");
    Optional<String> kid = reader.optionalString(P + "key-id").map(String::trim);
    JwtKey active = null;
    if (alg.symmetric()) {
      Optional<String> secret = reader.secret(P + "secret-key", alg.size());
      if (reader.optionalString(P + "private-key-file").isPresent()) {
        reader.problem(
            P + "private-key-file",
            "is set, but auth.token.algorithm is " + alg.jwaName() + ", which uses a secret.",
            "set auth.token.algorithm to the key's algorithm (RS256, ES256, EdDSA...) or remove"
                + " the file setting");
      }
      if (secret.isEmpty()) {
        if (env.strict()) {
          reader.problem(
              P + "secret-key",
              "is not set; "
                  + alg.jwaName()
                  + " needs a shared secret of at least "
                  + alg.size()
                  + " bytes, and "
                  + env.value()
                  + " never generates one.",
              "generate one: openssl rand -base64 " + Math.max(32, alg.size()));
        } else if (generate) {
          active =
              JwtKey.hmac(
                  kid.orElse(DEFAULT_KEY_ID), alg, Crypto.randomBytes(Math.max(32, alg.size())));
          warnings.add(
              "auth.token.secret-key (env AUTH_TOKEN_SECRET_KEY) is not set: generated a random "
                  + alg.jwaName()
                  + " secret for this process only. Tokens will not survive a restart or verify on"
                  + " another instance. Fix: openssl rand -base64 "
                  + Math.max(32, alg.size()));
        }
      } else {
        byte[] bytes = secret.get().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < alg.size()) {
          if (!env.strict()) {
            reader.problem(
                P + "secret-key",
                "is "
                    + bytes.length
                    + " bytes; "
                    + alg.jwaName()
                    + " needs at least "
                    + alg.size()
                    + " (RFC 7518 section 3.2).",
                "generate a longer secret: openssl rand -base64 " + Math.max(32, alg.size()));
          }
        } else {
          active = JwtKey.hmac(kid.orElse(DEFAULT_KEY_ID), alg, bytes);
        }
      }
    } else {
      Optional<String> file = reader.optionalString(P + "private-key-file");
      if (reader.optionalString(P + "secret-key").isPresent()) {
        warnings.add(
            "auth.token.secret-key is set but auth.token.algorithm is "
                + alg.jwaName()
                + ": the secret is not used for this service's own tokens.");
      }
      if (file.isEmpty()) {
        if (env.strict()) {
          reader.problem(
              P + "private-key-file",
              "is not set; " + alg.jwaName() + " needs a private key (PEM or JWK file).",
              "generate one: "
                  + Pem.generateCommand(alg)
                  + ", and set AUTH_TOKEN_PRIVATE_KEY_FILE to its path");
        } else if (generate) {
          KeyPair pair = generateKeyPair(alg);
          active = JwtKey.signing(kid.orElse(JwtKey.thumbprint(pair.getPublic())), alg, pair);
          warnings.add(
              "auth.token.private-key-file (env AUTH_TOKEN_PRIVATE_KEY_FILE) is not set:"
                  + " generated a random "
                  + alg.jwaName()
                  + " key pair for this process only. Fix: "
                  + Pem.generateCommand(alg));
        }
      } else {
        active = keyFile(reader, P + "private-key-file", file.get(), alg, kid.orElse(null), true);
      }
    }
    List<JwtKey> passive = new ArrayList<>();
    readPrevious(reader, alg, active)
        .ifPresent(
            previous -> {
              passive.add(previous);
              if (previous.refreshKey().isEmpty()) {
                warnings.add(
                    "auth.token.previous-key.public-key-file (env"
                        + " AUTH_TOKEN_PREVIOUS_KEY_PUBLIC_KEY_FILE) holds only the public key of '"
                        + previous.keyId()
                        + "': its access tokens verify until retire-at, but the refresh tokens it"
                        + " issued are refused (their key derives from the private key), so those"
                        + " users sign in again. Fix: point the setting at the previous private key"
                        + " file instead; it never signs again.");
              }
            });
    if (active == null) {
      return null;
    }
    try {
      return KeyRing.of(active, passive);
    } catch (IllegalArgumentException e) {
      reader.problem(P + "previous-key.key-id", e.getMessage() + ".", "give each key its own id");
      return null;
    }
  }

  private static JwtKey keyFile(
      SettingsReader reader, String key, String path, JwsAlgorithm alg, String kid, boolean sign) {
    String text;
    try {
      text = Files.readString(Path.of(path.trim()), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      reader.problem(
          key,
          "names a file that cannot be read (" + e.getClass().getSimpleName() + ").",
          "point it at a readable PEM or JWK file");
      return null;
    }
    try {
      JwtKey k;
      if (text.strip().startsWith("{")) {
        JwtKey parsed = JwtKey.fromJwk(text);
        if (parsed.algorithm() != alg) {
          throw new IllegalArgumentException(
              "it is a " + parsed.algorithm().jwaName() + " key, not " + alg.jwaName());
        }
        k =
            kid == null || kid.equals(parsed.keyId())
                ? parsed
                : parsed.canSign()
                    ? JwtKey.signing(
                        kid,
                        alg,
                        new KeyPair(
                            (java.security.PublicKey) parsed.verificationKey(),
                            (java.security.PrivateKey) parsed.signingKey().orElseThrow()))
                    : JwtKey.verifyOnly(
                        kid, alg, (java.security.PublicKey) parsed.verificationKey());
      } else {
        k = JwtKey.fromPem(kid, alg, text);
      }
      if (sign && !k.canSign()) {
        throw new IllegalArgumentException("it holds only a public key, which cannot sign");
      }
      return k;
    } catch (IllegalArgumentException e) {
      reader.problem(
          key,
          "names a file that cannot be used: " + e.getMessage() + ".",
          sign
              ? "use a PKCS#8 PEM or private JWK: " + Pem.generateCommand(alg)
              : "use the previous key's public PEM (openssl pkey -in key.pem -pubout) or JWK");
      return null;
    }
  }

  private static Optional<JwtKey> readPrevious(
      SettingsReader reader, JwsAlgorithm activeAlg, JwtKey active) {
    String q = P + "previous-key.";
    Optional<String> secretSet = reader.optionalString(q + "secret-key");
    Optional<String> file = reader.optionalString(q + "public-key-file");
    Optional<String> retire = reader.optionalString(q + "retire-at");
    if (secretSet.isEmpty() && file.isEmpty()) {
      if (retire.isPresent()) {
        reader.problem(
            q + "retire-at",
            "is set, but no previous key is (previous-key.secret-key or"
                + " previous-key.public-key-file).",
            "set the previous key, or remove retire-at");
      }
      return Optional.empty();
    }
    JwsAlgorithm alg =
        reader.optionalString(q + "algorithm").isPresent()
            ? algorithm(reader, q + "algorithm")
            : activeAlg;
    String kid =
        reader.optionalString(q + "key-id").map(String::trim).orElse(DEFAULT_PREVIOUS_KEY_ID);
    if (active != null && active.keyId().equals(kid)) {
      reader.problem(
          q + "key-id",
          "is '" + kid + "', the same as the active key's id; tokens would name the wrong key.",
          "give the previous key the id it had when it was active");
      return Optional.empty();
    }
    Instant retireAt = null;
    if (retire.isEmpty()) {
      reader.problem(
          q + "retire-at",
          "is required when a previous key is configured: the instant it stops verifying.",
          "set it to the rotation time plus auth.token.refresh-token-ttl, for example"
              + " 2030-01-08T00:00:00Z");
    } else {
      try {
        retireAt = Instant.parse(retire.get().trim());
      } catch (DateTimeParseException e) {
        reader.problem(
            q + "retire-at", "is not an ISO-8601 instant.", "write it as 2030-01-08T00:00:00Z");
      }
    }
    JwtKey key = null;
    if (alg.symmetric()) {
      Optional<String> secret = reader.secret(q + "secret-key", alg.size());
      if (secret.isPresent()) {
        byte[] bytes = secret.get().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < alg.size()) {
          if (!reader.environment().strict()) {
            reader.problem(
                q + "secret-key",
                "is "
                    + bytes.length
                    + " bytes; "
                    + alg.jwaName()
                    + " needs at least "
                    + alg.size()
                    + ".",
                "use the previous secret exactly as it was");
          }
        } else {
          key = JwtKey.hmac(kid, alg, bytes);
        }
      } else {
        reader.problem(
            q + "secret-key",
            "is not set, but the previous key's algorithm " + alg.jwaName() + " needs it.",
            "set it to the secret used before the rotation");
      }
    } else if (file.isPresent()) {
      key = keyFile(reader, q + "public-key-file", file.get(), alg, kid, false);
    } else {
      reader.problem(
          q + "public-key-file",
          "is not set, but the previous key's algorithm " + alg.jwaName() + " needs it.",
          "export the previous public key: openssl pkey -in old-key.pem -pubout");
    }
    if (key == null || retireAt == null) {
      return Optional.empty();
    }
    return Optional.of(key.retiringAt(retireAt));
  }

  private static RemoteJwksSettings readRemote(SettingsReader reader) {
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
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
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

  private static TrustedIssuer readTrusted(SettingsReader reader) {
    String q = P + "trusted-issuer.";
    JwsAlgorithm alg = algorithm(reader, q + "algorithm");
    Optional<String> secret = reader.secret(q + "secret-key", alg.size());
    Duration leeway = leeway(reader, q + "leeway");
    List<String> required = list(reader, q + "required-claims");
    Optional<String> issuer = reader.optionalString(q + "issuer");
    Optional<String> audience = reader.optionalString(q + "audience");
    Optional<String> kid = reader.optionalString(q + "key-id");
    if (secret.isEmpty()) {
      return null;
    }
    if (!alg.symmetric()) {
      reader.problem(
          q + "algorithm",
          "is " + alg.jwaName() + "; a trusted issuer shares a secret (HS256, HS384 or HS512).",
          "use HS256, or verify the issuer through auth.token.remote-jwks.url");
      return null;
    }
    byte[] bytes = secret.get().getBytes(StandardCharsets.UTF_8);
    if (bytes.length < alg.size()) {
      if (!reader.environment().strict()) {
        reader.problem(
            q + "secret-key",
            "is "
                + bytes.length
                + " bytes; "
                + alg.jwaName()
                + " needs at least "
                + alg.size()
                + ".",
            "use the same long secret on both sides: openssl rand -base64 32");
      }
      return null;
    }
    if (audience.isEmpty() && reader.environment().strict()) {
      reader.problem(
          q + "audience",
          "is empty; "
              + reader.environment().value()
              + " requires an audience for the trusted issuer too, so that a token it minted for"
              + " another service is refused.",
          "set it to the audience the trusted issuer writes for this API, for example"
              + " \"https://api.example.com\"");
      return null;
    }
    Set<String> claims = new LinkedHashSet<>(required);
    if (!claims.contains("sub") || !claims.contains("exp")) {
      reader.problem(
          q + "required-claims",
          "must include sub and exp.",
          "use \"sub,email,exp\" (the default) or add sub and exp");
      return null;
    }
    return new TrustedIssuer(
        JwtKey.hmac(kid.orElse(TrustedIssuer.DEFAULT_KEY_ID), alg, bytes),
        issuer.orElse(null),
        audience.orElse(null),
        claims,
        leeway);
  }

  private static KeyPair generateKeyPair(JwsAlgorithm alg) {
    try {
      KeyPairGenerator g;
      switch (alg.family()) {
        case RSA, RSA_PSS -> {
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048, Crypto.random());
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
