package dev.portcullis.auth.oauth.internal;

import com.typesafe.config.ConfigException;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.SigningKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code auth.oauth.enabled = true} requires of {@code auth.token.*}: an issuer that is an
 * https URL (RFC 8414 section 2; http only on the loopback), without query or fragment and without
 * a trailing slash (clients compare it byte for byte with the metadata's {@code issuer}, and the
 * endpoints are the issuer followed by {@code /oauth2/...}); asymmetric signing (no resource server
 * can verify a token signed with a secret it does not hold); and signing keys of its own (a
 * verify-only service issues nothing).
 */
public final class OAuthCrossChecks {

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  private OAuthCrossChecks() {}

  /**
   * Records in {@code reader} every problem of {@code auth.token.*} for an authorization server. It
   * reads the token settings when they read without a problem, and otherwise what can be seen of
   * them (the signing keys are read as a part of their own; the raw issuer), skipping keys that
   * already have a problem, so one start lists everything.
   */
  public static void check(SettingsReader reader) {
    Optional<JwtSettings> jwt = reader.area(JwtSettings.class);
    if (reader.valid("auth.token.issuer")) {
      Optional<String> issuer =
          jwt.map(JwtSettings::issuer).or(() -> raw(reader, "auth.token.issuer"));
      issuer
          .flatMap(OAuthCrossChecks::issuer)
          .ifPresent(p -> reader.problem("auth.token.issuer", p, issuerFix()));
    }
    boolean verifyOnly =
        jwt.map(JwtSettings::verifyOnly)
            .orElseGet(() -> raw(reader, "auth.token.remote-jwks.url").isPresent());
    if (verifyOnly) {
      if (reader.valid("auth.token.remote-jwks.url")) {
        reader.problem(
            "auth.token.remote-jwks.url",
            "is set, so this service only verifies tokens; an authorization server"
                + " (auth.oauth.enabled = true) signs its own.",
            "remove auth.token.remote-jwks.url and configure a signing key (auth.token.algorithm"
                + " = RS256 and auth.token.private-key-file), or set auth.oauth.enabled = false");
      }
      return;
    }
    Optional<SigningKeys> keys =
        jwt.flatMap(JwtSettings::signing).or(() -> reader.area(SigningKeys.class));
    if (!reader.valid("auth.token.algorithm")) {
      return;
    }
    keys.flatMap(OAuthCrossChecks::algorithm)
        .filter(JwsAlgorithm::symmetric)
        .ifPresent(
            alg ->
                reader.problem(
                    "auth.token.algorithm",
                    "is "
                        + alg.jwaName()
                        + ", a shared secret; with auth.oauth.enabled = true tokens must be signed"
                        + " with a private key, since resource servers verify them with the"
                        + " published public keys (JWKS).",
                    "set auth.token.algorithm = RS256 (or ES256, EdDSA) and"
                        + " auth.token.private-key-file (openssl genpkey -algorithm RSA"
                        + " -pkeyopt rsa_keygen_bits:2048 -out key.pem); development generates"
                        + " a key pair when the file is unset"));
  }

  private static Optional<String> raw(SettingsReader reader, String key) {
    try {
      return reader.config().hasPath(key)
          ? Optional.of(reader.config().getString(key).strip()).filter(s -> !s.isEmpty())
          : Optional.empty();
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  /** What is wrong with {@code issuer} as an authorization server's issuer, if anything. */
  static Optional<String> issuer(String issuer) {
    URI uri;
    try {
      uri = new URI(issuer);
    } catch (URISyntaxException e) {
      return Optional.of("is not a URL; an authorization server's issuer is an https URL.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
      return Optional.of(
          "is not an http(s) URL with a host; an authorization server's issuer is an https URL"
              + " (RFC 8414 section 2).");
    }
    if (scheme.equals("http") && !LOOPBACK.contains(host.toLowerCase(Locale.ROOT))) {
      return Optional.of(
          "uses http; an authorization server's issuer is an https URL (http only for localhost,"
              + " 127.0.0.1 and [::1]).");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of("has a query or a fragment, which an issuer must not have (RFC 8414).");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("has user information (user@host), which an issuer must not have.");
    }
    if (uri.getRawPath() != null && uri.getRawPath().endsWith("/")) {
      return Optional.of(
          "ends with '/'; clients compare the issuer byte for byte and the endpoints are the issuer"
              + " followed by /oauth2/..., so a trailing slash breaks both.");
    }
    return Optional.empty();
  }

  private static String issuerFix() {
    return "set it to this server's public https URL, without a trailing slash, for example"
        + " \"https://auth.example.com\" (or \"http://localhost:8080\" on a developer's machine)";
  }

  /** The algorithm of the active signing key, as far as the settings show it. */
  static Optional<JwsAlgorithm> algorithm(SigningKeys keys) {
    if (keys instanceof SigningKeys.Ready ready) {
      return Optional.of(ready.ring().active().algorithm());
    }
    if (keys instanceof SigningKeys.Configured configured) {
      SigningKeys.Key active = configured.active();
      if (active instanceof SigningKeys.Secret secret) {
        return Optional.of(secret.key().algorithm());
      }
      if (active instanceof SigningKeys.File file) {
        return Optional.of(file.algorithm());
      }
      if (active instanceof SigningKeys.Generated generated) {
        return Optional.of(generated.algorithm());
      }
    }
    return Optional.empty();
  }
}
