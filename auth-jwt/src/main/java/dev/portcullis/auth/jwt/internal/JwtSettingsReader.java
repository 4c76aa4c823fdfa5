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
import java.time.Duration;
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

  private final SigningKeysReader keys;

  private JwtSettingsReader(SettingsReader reader) {
    this.reader = reader;
    this.env = reader.environment();
    this.keys = new SigningKeysReader(reader, warnings);
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
    SigningKeys signing =
        remote == null
            ? reader.read(SigningKeys.class, r -> keys.signingKeys()).orElse(null)
            : null;
    TrustedIssuer trusted = trusted();
    warnings.forEach(reader::warn);
    return new JwtSettings(
        issuer, audiences, signing, access, refresh, leeway, maxSize, cacheSize, remote, trusted,
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
    JwsAlgorithm alg = keys.algorithm(T + "algorithm");
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
    Optional<JwtKey> key = keys.secretKey(T + "secret-key", secret.get(), alg, kid);
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
