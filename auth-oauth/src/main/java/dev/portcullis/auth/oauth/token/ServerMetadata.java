package dev.portcullis.auth.oauth.token;

import com.google.inject.Inject;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.oauth.OAuthSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The authorization-server metadata (RFC 8414) and the paths of the endpoints under the issuer.
 *
 * <p>{@code issuer} is {@code auth.token.issuer} byte for byte: nothing here reads a request, so a
 * forged {@code Host} or {@code X-Forwarded-Host} cannot change it. Endpoints are the issuer (a
 * trailing slash dropped) followed by {@code /oauth2/token}, {@code /oauth2/revoke}, {@code
 * /oauth2/introspect} and {@code /.well-known/jwks.json}; the document itself is served at {@code
 * /.well-known/oauth-authorization-server} followed by the issuer's path (RFC 8414 section 3).
 *
 * <p>The authorization endpoint is {@code /oauth2/authorize} ({@code response_type=code} only, PKCE
 * S256, {@code iss} in every response). The OpenID Connect discovery document ({@link
 * #openIdConfiguration()}) is the same with {@code userinfo_endpoint}, {@code
 * subject_types_supported} and {@code id_token_signing_alg_values_supported} added, served at the
 * issuer followed by {@code /.well-known/openid-configuration} (OIDC Discovery section 4: appended,
 * not inserted). Immutable and thread-safe.
 */
public final class ServerMetadata {

  /** The token endpoint's path under the issuer. */
  public static final String TOKEN_PATH = "/oauth2/token";

  /** The revocation endpoint's path under the issuer (RFC 7009). */
  public static final String REVOCATION_PATH = "/oauth2/revoke";

  /** The introspection endpoint's path under the issuer (RFC 7662). */
  public static final String INTROSPECTION_PATH = "/oauth2/introspect";

  /** The JWKS path under the issuer. */
  public static final String JWKS_PATH = "/.well-known/jwks.json";

  /** The authorization endpoint's path under the issuer. */
  public static final String AUTHORIZATION_PATH = "/oauth2/authorize";

  /** The OpenID Connect userinfo endpoint's path under the issuer. */
  public static final String USERINFO_PATH = "/oauth2/userinfo";

  /** OIDC Discovery's well-known suffix, appended to the issuer. */
  public static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";

  /** RFC 8414 section 3's well-known segment. */
  public static final String WELL_KNOWN = "/.well-known/oauth-authorization-server";

  /** The grant types the token endpoint supports. */
  public static final List<String> GRANT_TYPES =
      List.of(
          OAuthClient.AUTHORIZATION_CODE,
          OAuthClient.CLIENT_CREDENTIALS,
          OAuthClient.REFRESH_TOKEN,
          OAuthClient.DEVICE_CODE);

  /** The device authorization endpoint's path under the issuer (RFC 8628 section 3.1). */
  public static final String DEVICE_AUTHORIZATION_PATH = "/oauth2/device_authorization";

  private final String issuer;
  private final String base;
  private final String issuerPath;
  private final Map<String, Object> document;
  private final Map<String, Object> openIdConfiguration;

  /** The metadata of the issuer {@code jwt.issuer()}. */
  @Inject
  public ServerMetadata(JwtSettings jwt, OAuthSettings settings) {
    this(jwt.issuer(), settings);
  }

  /**
   * The metadata of {@code issuer}.
   *
   * @throws ConfigurationException if {@code issuer} is not an absolute http(s) URL without query
   *     or fragment, naming {@code auth.token.issuer} and {@code AUTH_TOKEN_ISSUER}
   */
  public ServerMetadata(String issuer, OAuthSettings settings) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    URI uri = parse(issuer);
    this.base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    this.issuerPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.document = Collections.unmodifiableMap(build(settings));
    Map<String, Object> oidc = new LinkedHashMap<>(document);
    oidc.put("userinfo_endpoint", url(USERINFO_PATH));
    oidc.put("subject_types_supported", List.of("public"));
    oidc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    TreeSet<String> scopes = new TreeSet<>(settings.scopes().keySet());
    scopes.add("openid");
    oidc.put("scopes_supported", List.copyOf(scopes));
    oidc.put(
        "claims_supported",
        List.of(
            "iss",
            "sub",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "amr",
            "azp",
            "sid",
            "email",
            "email_verified",
            "name"));
    this.openIdConfiguration = Collections.unmodifiableMap(oidc);
  }

  /** The issuer, exactly as configured. */
  public String issuer() {
    return issuer;
  }

  /** The absolute URL of {@code path} (one of the constants above) under the issuer. */
  public String url(String path) {
    return base + path;
  }

  /**
   * The path on this server of {@code path} (one of the constants above) under the issuer: {@code
   * /oauth2/token} for {@code https://auth.example.com}, {@code /tenant/oauth2/token} for {@code
   * https://example.com/tenant}.
   */
  public String localPath(String path) {
    return issuerPath + path;
  }

  /** Where this server serves the document: the well-known segment, then the issuer's path. */
  public String metadataPath() {
    return WELL_KNOWN + issuerPath;
  }

  /** The OpenID Connect discovery document (OIDC Discovery section 3), in a stable order. */
  public Map<String, Object> openIdConfiguration() {
    return openIdConfiguration;
  }

  /** Where this server serves the OpenID Connect discovery document: the issuer's path, then it. */
  public String openIdConfigurationPath() {
    return issuerPath + OPENID_CONFIGURATION;
  }

  /** The RFC 8414 document, in a stable order. */
  public Map<String, Object> document() {
    return document;
  }

  private Map<String, Object> build(OAuthSettings settings) {
    List<String> allMethods =
        Arrays.stream(OAuthClient.AuthMethod.values())
            .map(OAuthClient.AuthMethod::rfcName)
            .toList();
    List<String> confidentialMethods =
        allMethods.stream().filter(m -> !m.equals(OAuthClient.AuthMethod.NONE.rfcName())).toList();
    List<String> assertionAlgs =
        Arrays.stream(JwsAlgorithm.values())
            .filter(a -> !a.symmetric())
            .map(JwsAlgorithm::jwaName)
            .toList();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuer);
    doc.put("authorization_endpoint", url(AUTHORIZATION_PATH));
    doc.put("token_endpoint", url(TOKEN_PATH));
    doc.put("jwks_uri", url(JWKS_PATH));
    doc.put("revocation_endpoint", url(REVOCATION_PATH));
    doc.put("introspection_endpoint", url(INTROSPECTION_PATH));
    doc.put("device_authorization_endpoint", url(DEVICE_AUTHORIZATION_PATH));
    doc.put("grant_types_supported", GRANT_TYPES);
    doc.put("response_types_supported", List.of("code"));
    doc.put("response_modes_supported", List.of("query"));
    doc.put("token_endpoint_auth_methods_supported", allMethods);
    doc.put("token_endpoint_auth_signing_alg_values_supported", assertionAlgs);
    doc.put("revocation_endpoint_auth_methods_supported", allMethods);
    doc.put("revocation_endpoint_auth_signing_alg_values_supported", assertionAlgs);
    doc.put("introspection_endpoint_auth_methods_supported", confidentialMethods);
    doc.put("introspection_endpoint_auth_signing_alg_values_supported", assertionAlgs);
    if (!settings.scopes().isEmpty()) {
      doc.put("scopes_supported", List.copyOf(new TreeSet<>(settings.scopes().keySet())));
    }
    doc.put("code_challenge_methods_supported", List.of("S256"));
    doc.put("authorization_response_iss_parameter_supported", true);
    return doc;
  }

  private static URI parse(String issuer) {
    try {
      URI uri = new URI(issuer);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (!web
          || uri.getRawAuthority() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw notAnIssuer(null);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw notAnIssuer(e);
    }
  }

  private static ConfigurationException notAnIssuer(Throwable cause) {
    ConfigProblem problem =
        new ConfigProblem(
            "auth.token.issuer",
            "AUTH_TOKEN_ISSUER",
            "is not an http(s) URL without query or fragment, which an OAuth authorization server"
                + " needs (auth.oauth.enabled = true)",
            "set it to the URL clients reach this server at, for example"
                + " AUTH_TOKEN_ISSUER=https://auth.example.com");
    return new ConfigurationException(new AuthError.ConfigurationInvalid(List.of(problem)), cause);
  }
}
