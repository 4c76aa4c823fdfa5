package dev.portcullis.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.HostResources;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.core.settings.SettingsReport;
import dev.portcullis.auth.oauth.client.ClientSecrets;
import dev.portcullis.auth.oauth.client.DeclaredClient;
import dev.portcullis.auth.oauth.device.DeviceSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code auth.oauth.*}: every key, every refusal, secrets from the environment, cross checks. */
final class OAuthSettingsTest {

  static final String SECRET = "Xq3v9Lr2Tz8Kp1Wm7Nc4Bf6Hd0Gj5Sy2Ue8Ra3Vt";
  static final String GOOD_TOKENS =
      "auth.token.issuer = \"https://auth.example.com\"\nauth.token.algorithm = RS256\n";

  static SettingsReport report(String hocon, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    return SettingsReport.read(AuthConfig.load(hocon, all), HostResources.current(), all);
  }

  static SettingsReport report(String hocon) {
    return report(hocon, Map.of());
  }

  static OAuthSettings settings(String hocon, Map<String, String> env) {
    SettingsReport r = report(hocon, env);
    assertThat(r.problems()).as("problems").isEmpty();
    return r.find(OAuthSettings.class).orElseThrow();
  }

  static OAuthSettings settings(String hocon) {
    return settings(hocon, Map.of());
  }

  static List<ConfigProblem> problems(String hocon, Map<String, String> env) {
    return report(hocon, env).problems();
  }

  static List<ConfigProblem> problems(String hocon) {
    return problems(hocon, Map.of());
  }

  static ConfigProblem problemAt(List<ConfigProblem> problems, String key) {
    return problems.stream()
        .filter(p -> p.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + key + " in " + problems));
  }

  // ---------------------------------------------------------------- plain keys

  @Test
  void defaults_areThoseOfReferenceConf() {
    OAuthSettings s = settings("");
    assertThat(s.enabled()).isFalse();
    assertThat(s.clients()).isEmpty();
    assertThat(s.scopes()).isEmpty();
    assertThat(s.defaultAudience()).isNull();
    assertThat(s.assertionMaxLifetime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.acceptTokenEndpointAudience()).isFalse();
    assertThat(s.refreshRetryGrace()).isZero();
    assertThat(s.publicClientAbsoluteLifetime()).isEqualTo(Duration.ofDays(30));
    assertThat(s.clientCacheTtl()).isEqualTo(OAuthSettings.DEFAULT_CLIENT_CACHE_TTL);
  }

  @Test
  void clientCacheTtl_isReadFromItsVariable_andAboveAMinuteOrNegative_isRefused() {
    assertThat(settings("", Map.of("AUTH_OAUTH_CLIENT_CACHE_TTL", "0s")).clientCacheTtl()).isZero();
    assertThat(settings("auth.oauth.client-cache-ttl = 1m").clientCacheTtl())
        .isEqualTo(Duration.ofMinutes(1));
    ConfigProblem p =
        problemAt(problems("auth.oauth.client-cache-ttl = 61s"), "auth.oauth.client-cache-ttl");
    assertThat(p.environmentVariable()).isEqualTo("AUTH_OAUTH_CLIENT_CACHE_TTL");
    assertThat(p.fix()).contains("2s");
    problemAt(problems("auth.oauth.client-cache-ttl = -1s"), "auth.oauth.client-cache-ttl");
  }

  @Test
  void everyKey_isRead() {
    OAuthSettings s =
        settings(
            GOOD_TOKENS
                + "auth.oauth { enabled = true, default-audience = \"https://api.example.com\"\n"
                + " client-assertion { max-lifetime = 2m, accept-token-endpoint-audience = true }\n"
                + " refresh { retry-grace = 10s, public-client-absolute-lifetime = 12h } }");
    assertThat(s.enabled()).isTrue();
    assertThat(s.defaultAudience()).isEqualTo("https://api.example.com");
    assertThat(s.assertionMaxLifetime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.acceptTokenEndpointAudience()).isTrue();
    assertThat(s.refreshRetryGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.publicClientAbsoluteLifetime()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void environmentVariables_derivedFromTheKeys_overrideThem() {
    OAuthSettings s =
        settings(
            "",
            Map.of(
                "AUTH_OAUTH_ENABLED", "true",
                "AUTH_TOKEN_ISSUER", "https://auth.example.com",
                "AUTH_TOKEN_ALGORITHM", "ES256",
                "AUTH_OAUTH_REFRESH_RETRY_GRACE", "5s",
                "AUTH_OAUTH_CLIENT_ASSERTION_MAX_LIFETIME", "1m",
                "AUTH_OAUTH_SCOPES", "[{name = \"orders:read\", description = \"Read orders\"}]",
                "AUTH_OAUTH_CLIENTS", "[{client-id = \"billing\", client-secret-env = \"BILL\"}]",
                "BILL", SECRET));
    assertThat(s.enabled()).isTrue();
    assertThat(s.refreshRetryGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.assertionMaxLifetime()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.scopes()).containsExactly(Map.entry("orders:read", "Read orders"));
    assertThat(s.clients()).extracting(d -> d.client().clientId()).containsExactly("billing");
  }

  @Test
  void assertionMaxLifetime_aboveOneHour_isRefused() {
    ConfigProblem p =
        problemAt(
            problems("auth.oauth.client-assertion.max-lifetime = 2h"),
            "auth.oauth.client-assertion.max-lifetime");
    assertThat(p.environmentVariable()).isEqualTo("AUTH_OAUTH_CLIENT_ASSERTION_MAX_LIFETIME");
    assertThat(p.problem()).contains("at most 1h");
    assertThat(settings("auth.oauth.client-assertion.max-lifetime = 1h").assertionMaxLifetime())
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void assertionMaxLifetime_zero_isRefused() {
    problemAt(
        problems("auth.oauth.client-assertion.max-lifetime = 0s"),
        "auth.oauth.client-assertion.max-lifetime");
  }

  @Test
  void retryGrace_aboveSixtySeconds_orNegative_isRefused() {
    assertThat(
            problemAt(
                    problems("auth.oauth.refresh.retry-grace = 61s"),
                    "auth.oauth.refresh.retry-grace")
                .fix())
        .contains("0s");
    problemAt(problems("auth.oauth.refresh.retry-grace = -1s"), "auth.oauth.refresh.retry-grace");
    assertThat(settings("auth.oauth.refresh.retry-grace = 60s").refreshRetryGrace())
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void publicClientAbsoluteLifetime_mustBePositive() {
    problemAt(
        problems("auth.oauth.refresh.public-client-absolute-lifetime = 0s"),
        "auth.oauth.refresh.public-client-absolute-lifetime");
  }

  @Test
  void device_defaults_areThoseOfReferenceConf_andOfDeviceSettingsDefaults() {
    assertThat(settings("").device()).isEqualTo(DeviceSettings.defaults());
  }

  @Test
  void device_everyKey_isRead_alsoFromItsEnvironmentVariable() {
    DeviceSettings d =
        settings(
                String.join(
                    "\n",
                    "auth.oauth.device.code-lifetime = 20m",
                    "auth.oauth.device.interval = 7s",
                    "auth.oauth.device.poll-tolerance = 2s",
                    "auth.oauth.device.code-entry-rate = \"3/minute\"",
                    "auth.oauth.device.interaction-lifetime = 30m"),
                Map.of("AUTH_OAUTH_DEVICE_START_RATE", "4/minute"))
            .device();
    assertThat(d.lifetime()).isEqualTo(Duration.ofMinutes(20));
    assertThat(d.interval()).isEqualTo(Duration.ofSeconds(7));
    assertThat(d.pollTolerance()).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.codeEntry()).isEqualTo(RateLimitRule.parse("3/minute"));
    assertThat(d.interactionStart()).isEqualTo(RateLimitRule.parse("4/minute"));
    assertThat(d.interactionLifetime()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void device_outOfBoundsValues_areEachRefusedNamingKeyVariableAndFix() {
    List<ConfigProblem> problems =
        problems(
            String.join(
                "\n",
                "auth.oauth.device.code-lifetime = 2h",
                "auth.oauth.device.interval = 1500ms",
                "auth.oauth.device.poll-tolerance = 9s",
                "auth.oauth.device.code-entry-rate = often",
                "auth.oauth.device.start-rate = \"0/minute\"",
                "auth.oauth.device.interaction-lifetime = 10s"));

    assertThat(problemAt(problems, "auth.oauth.device.code-lifetime").environmentVariable())
        .isEqualTo("AUTH_OAUTH_DEVICE_CODE_LIFETIME");
    assertThat(problemAt(problems, "auth.oauth.device.code-lifetime").fix()).contains("10m");
    assertThat(problemAt(problems, "auth.oauth.device.interval").problem())
        .contains("whole seconds");
    assertThat(problemAt(problems, "auth.oauth.device.poll-tolerance").problem())
        .contains("not below auth.oauth.device.interval");
    assertThat(problemAt(problems, "auth.oauth.device.code-entry-rate").fix()).contains("N/unit");
    assertThat(problemAt(problems, "auth.oauth.device.start-rate").environmentVariable())
        .isEqualTo("AUTH_OAUTH_DEVICE_START_RATE");
    assertThat(problemAt(problems, "auth.oauth.device.interaction-lifetime").fix()).contains("15m");
  }

  @Test
  void device_intervalAboveAMinute_andNegativeTolerance_areRefused() {
    List<ConfigProblem> problems =
        problems("auth.oauth.device.interval = 2m\nauth.oauth.device.poll-tolerance = -1s");

    problemAt(problems, "auth.oauth.device.interval");
    problemAt(problems, "auth.oauth.device.poll-tolerance");
  }

  @Test
  void enabled_ofTheWrongType_isAProblem() {
    problemAt(problems("auth.oauth.enabled = maybe"), "auth.oauth.enabled");
  }

  // ---------------------------------------------------------------- scopes

  @Test
  void scopes_areReadWithTheirDescriptions() {
    OAuthSettings s =
        settings(
            "auth.oauth.scopes = [{name = \"orders:read\", description = \"Read orders\"},"
                + " {name = \"orders:write\"}]");
    assertThat(s.scopes())
        .containsOnly(Map.entry("orders:read", "Read orders"), Map.entry("orders:write", ""));
  }

  @Test
  void scopes_refuseRepeatsInvalidTokensMissingNamesAndUnknownKeys() {
    List<ConfigProblem> p =
        problems(
            "auth.oauth.scopes = [{name = a}, {name = a}, {name = \"has space\"},"
                + " {description = x}, {name = b, label = c}, \"plain\"]");
    assertThat(problemAt(p, "auth.oauth.scopes[1].name").problem()).contains("repeats");
    assertThat(problemAt(p, "auth.oauth.scopes[2].name").problem()).contains("scope token");
    assertThat(problemAt(p, "auth.oauth.scopes[3].name").problem()).contains("missing");
    problemAt(p, "auth.oauth.scopes[4].label");
    problemAt(p, "auth.oauth.scopes[5]");
    assertThat(p).allMatch(x -> x.environmentVariable().equals("AUTH_OAUTH_SCOPES"));
  }

  @Test
  void scopes_thatAreNotAList_areAProblem() {
    problemAt(problems("auth.oauth.scopes = \"orders:read\""), "auth.oauth.scopes");
  }

  // ---------------------------------------------------------------- clients

  @Test
  void client_everyKeyIsRead() {
    OAuthSettings s =
        settings(
            "auth.oauth.scopes = [{name = \"orders:read\"}, {name = \"orders:write\"}]\n"
                + "auth.oauth.clients = [{\n"
                + "  client-id = \"shop\", display-name = \"The Shop\", type = confidential\n"
                + "  auth-methods = [client_secret_post, private_key_jwt]\n"
                + "  client-secret-env = SHOP_SECRET\n"
                + "  jwks-uri = \"https://shop.example.com/jwks.json\"\n"
                + "  redirect-uris = [\"https://shop.example.com/cb\"]\n"
                + "  grant-types = [authorization_code, refresh_token, client_credentials]\n"
                + "  scopes = [\"orders:read\", \"orders:write\"]\n"
                + "  require-consent = false\n"
                + "  access-token-audience = \"https://api.example.com\"\n"
                + "  enabled = false }]",
            Map.of("SHOP_SECRET", SECRET));
    DeclaredClient d = s.clients().get(0);
    assertThat(d.source()).isEqualTo("auth.oauth.clients[0]");
    OAuthClient c = d.client();
    assertThat(c.clientId()).isEqualTo("shop");
    assertThat(c.displayName()).isEqualTo("The Shop");
    assertThat(c.type()).isEqualTo(OAuthClient.Type.CONFIDENTIAL);
    assertThat(c.authMethods())
        .containsExactlyInAnyOrder(
            OAuthClient.AuthMethod.CLIENT_SECRET_POST, OAuthClient.AuthMethod.PRIVATE_KEY_JWT);
    assertThat(c.secretHash()).isEqualTo(ClientSecrets.hash(SECRET));
    assertThat(c.jwksUri()).isEqualTo("https://shop.example.com/jwks.json");
    assertThat(c.redirectUris()).containsExactly("https://shop.example.com/cb");
    assertThat(c.grantTypes())
        .containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials");
    assertThat(c.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
    assertThat(c.requireConsent()).isFalse();
    assertThat(c.accessTokenAudience()).isEqualTo("https://api.example.com");
    assertThat(c.enabled()).isFalse();
  }

  @Test
  void client_defaults_confidentialClientCredentialsWithBasic() {
    OAuthClient c =
        settings(
                "auth.oauth.clients = [{client-id = billing, client-secret-env = B}]",
                Map.of("B", SECRET))
            .clients()
            .get(0)
            .client();
    assertThat(c.displayName()).isEqualTo("billing");
    assertThat(c.type()).isEqualTo(OAuthClient.Type.CONFIDENTIAL);
    assertThat(c.authMethods()).containsExactly(OAuthClient.AuthMethod.CLIENT_SECRET_BASIC);
    assertThat(c.grantTypes()).containsExactly("client_credentials");
    assertThat(c.scopes()).isEmpty();
    assertThat(c.requireConsent()).isTrue();
    assertThat(c.accessTokenAudience()).isNull();
    assertThat(c.enabled()).isTrue();
  }

  @Test
  void publicClient_defaults_noneAndTheCodeGrant() {
    OAuthClient c =
        settings(
                "auth.oauth.clients = [{client-id = spa, type = public,"
                    + " redirect-uris = [\"https://app.example.com/cb\"]}]")
            .clients()
            .get(0)
            .client();
    assertThat(c.authMethods()).containsExactly(OAuthClient.AuthMethod.NONE);
    assertThat(c.grantTypes()).containsExactlyInAnyOrder("authorization_code", "refresh_token");
    assertThat(c.secretHash()).isNull();
  }

  @Test
  void client_inlineJwks_asAnObject_isKeptAsJson() {
    OAuthClient c =
        settings(
                "auth.oauth.clients = [{client-id = signer, auth-methods = [private_key_jwt],"
                    + " jwks = {keys = [{kty = EC, crv = P-256, x = abc, y = def}]}}]")
            .clients()
            .get(0)
            .client();
    assertThat(c.jwks()).startsWith("{\"keys\":[{").contains("\"kty\":\"EC\"");
    assertThat(c.secretHash()).isNull();
  }

  @Test
  void client_jwksWithAPrivateKey_orNotAKeySet_isRefused() {
    List<ConfigProblem> p =
        problems(
            "auth.oauth.clients = [{client-id = a, auth-methods = [private_key_jwt],"
                + " jwks = {keys = [{kty = EC, d = secretpart}]}},"
                + " {client-id = b, auth-methods = [private_key_jwt], jwks = \"{not json\"},"
                + " {client-id = c, auth-methods = [private_key_jwt], jwks = \"{}\"}]");
    assertThat(problemAt(p, "auth.oauth.clients[0].jwks").problem()).contains("private key");
    assertThat(problemAt(p, "auth.oauth.clients[1].jwks").problem()).contains("JSON");
    assertThat(problemAt(p, "auth.oauth.clients[2].jwks").problem()).contains("keys");
    assertThat(p.toString()).doesNotContain("secretpart");
  }

  @Test
  void secretFromTheEnvironment_isHashedAndNeverKept() {
    OAuthSettings s =
        settings(
            "auth.oauth.clients = [{client-id = billing, client-secret-env = B}]",
            Map.of("B", SECRET));
    assertThat(s.clients().get(0).client().secretHash()).isEqualTo(ClientSecrets.hash(SECRET));
    assertThat(s.toString()).doesNotContain(SECRET);
    assertThat(s.clients().toString()).doesNotContain(SECRET);
  }

  @Test
  void secretEnv_namingAnUnsetVariable_isAProblemNamingTheVariable() {
    ConfigProblem p =
        problemAt(
            problems("auth.oauth.clients = [{client-id = billing, client-secret-env = NOPE}]"),
            "auth.oauth.clients[0].client-secret-env");
    assertThat(p.problem()).contains("NOPE").contains("not set");
    assertThat(p.environmentVariable()).isEqualTo("AUTH_OAUTH_CLIENTS");
  }

  @Test
  void shortSecret_isRefusedInProduction_withoutQuotingIt() {
    String shortSecret = "Zr8-short-Qw2";
    List<ConfigProblem> p =
        problems(
            "auth.environment = production\n"
                + "auth.oauth.clients = [{client-id = billing, client-secret-env = B}]",
            Map.of("B", shortSecret));
    ConfigProblem problem = problemAt(p, "auth.oauth.clients[0].client-secret-env");
    assertThat(problem.problem()).contains("13 characters").contains("at least 32");
    assertThat(p.toString()).doesNotContain(shortSecret);
  }

  @Test
  void shortSecret_inDevelopment_isAWarning() {
    SettingsReport r =
        report(
            "auth.oauth.clients = [{client-id = billing, client-secret-env = B}]",
            Map.of("B", "Zr8-short-Qw2"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.warnings())
        .anySatisfy(w -> assertThat(w).contains("auth.oauth.clients[0].client-secret-env"))
        .noneSatisfy(w -> assertThat(w).contains("Zr8-short-Qw2"));
  }

  @Test
  void secretHash_isTakenAsGiven_andAMalformedOneIsRefusedWithoutQuotingIt() {
    String hash = ClientSecrets.hash(SECRET);
    assertThat(
            settings(
                    "auth.oauth.clients = [{client-id = a, client-secret-hash = \"" + hash + "\"}]")
                .clients()
                .get(0)
                .client()
                .secretHash())
        .isEqualTo(hash);
    List<ConfigProblem> p =
        problems("auth.oauth.clients = [{client-id = a, client-secret-hash = \"" + SECRET + "\"}]");
    problemAt(p, "auth.oauth.clients[0].client-secret-hash");
    assertThat(p.toString()).doesNotContain(SECRET);
  }

  @Test
  void secretEnvAndHash_together_areRefused() {
    problemAt(
        problems(
            "auth.oauth.clients = [{client-id = a, client-secret-env = B,"
                + " client-secret-hash = \""
                + ClientSecrets.hash(SECRET)
                + "\"}]",
            Map.of("B", SECRET)),
        "auth.oauth.clients[0].client-secret-env");
  }

  @Test
  void secretMethod_withoutSecret_isRefused_andASecretWithoutASecretMethodToo() {
    problemAt(
        problems("auth.oauth.clients = [{client-id = a}]"),
        "auth.oauth.clients[0].client-secret-env");
    problemAt(
        problems(
            "auth.oauth.clients = [{client-id = a, auth-methods = [private_key_jwt],"
                + " jwks-uri = \"https://a.example.com/jwks\", client-secret-env = B}]",
            Map.of("B", SECRET)),
        "auth.oauth.clients[0].client-secret-env");
  }

  @Test
  void plainTextSecret_isRefused_withoutQuotingIt() {
    List<ConfigProblem> p =
        problems("auth.oauth.clients = [{client-id = a, client-secret = \"" + SECRET + "\"}]");
    ConfigProblem problem = problemAt(p, "auth.oauth.clients[0].client-secret");
    assertThat(problem.fix()).contains("client-secret-env");
    assertThat(p.toString()).doesNotContain(SECRET);
  }

  @Test
  void unknownKeysTypesMethodsAndGrants_areNamed() {
    List<ConfigProblem> p =
        problems(
            "auth.oauth.clients = [{client-id = a, client-secret-env = B, redirect-uri = x,"
                + " type = secretive, auth-methods = [tls_client_auth], grant-types = [password]}]",
            Map.of("B", SECRET));
    problemAt(p, "auth.oauth.clients[0].redirect-uri");
    problemAt(p, "auth.oauth.clients[0].type");
    assertThat(problemAt(p, "auth.oauth.clients[0].auth-methods").problem())
        .contains("tls_client_auth");
    assertThat(problemAt(p, "auth.oauth.clients[0].grant-types").problem()).contains("password");
  }

  @Test
  void clientId_shapedLikeAUserId_isRefused() {
    ConfigProblem p =
        problemAt(
            problems(
                "auth.oauth.clients = [{client-id = \"3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60\","
                    + " client-secret-env = B}]",
                Map.of("B", SECRET)),
            "auth.oauth.clients[0].client-id");
    assertThat(p.problem()).contains("user id");
    assertThat(p.fix()).contains("descriptive");
  }

  @Test
  void clientId_missingOrRepeated_isRefused() {
    List<ConfigProblem> p =
        problems(
            "auth.oauth.clients = [{client-secret-env = B}, {client-id = a, client-secret-env = B},"
                + " {client-id = a, client-secret-env = B}, 42]",
            Map.of("B", SECRET));
    assertThat(problemAt(p, "auth.oauth.clients[0].client-id").problem()).contains("missing");
    assertThat(problemAt(p, "auth.oauth.clients[2].client-id").problem()).contains("repeats");
    problemAt(p, "auth.oauth.clients[3]");
  }

  @Test
  void clientScopes_mustBeDeclared_whenScopesAreDeclared() {
    String client =
        "auth.oauth.clients = [{client-id = a, client-secret-env = B, scopes = [\"x:read\"]}]\n";
    ConfigProblem p =
        problemAt(
            problems(client + "auth.oauth.scopes = [{name = \"y:read\"}]", Map.of("B", SECRET)),
            "auth.oauth.clients[0].scopes");
    assertThat(p.problem()).contains("x:read");
    // Without declared scopes, any scope token is accepted.
    assertThat(settings(client, Map.of("B", SECRET)).clients().get(0).client().scopes())
        .containsExactly("x:read");
  }

  @Test
  void oauthClientInvariants_areReportedUnderTheClientsKey() {
    ConfigProblem p =
        problemAt(
            problems(
                "auth.oauth.clients = [{client-id = a, type = public,"
                    + " grant-types = [client_credentials]}]"),
            "auth.oauth.clients[0]");
    assertThat(p.problem()).contains("client_credentials is for confidential clients only");
    assertThat(p.fix()).contains("confidential");
    assertThat(p.environmentVariable()).isEqualTo("AUTH_OAUTH_CLIENTS");
  }

  @Test
  void clients_thatAreNotAList_areAProblem() {
    problemAt(problems("auth.oauth.clients = \"billing\""), "auth.oauth.clients");
  }

  // ---------------------------------------------------------------- across areas

  @Test
  void enabled_withTheDefaultIssuerAndHs256_listsBothProblemsNamingTheTokenKeys() {
    List<ConfigProblem> p = problems("auth.oauth.enabled = true\nauth.token.algorithm = HS256");
    ConfigProblem issuer = problemAt(p, "auth.token.issuer");
    assertThat(issuer.environmentVariable()).isEqualTo("AUTH_TOKEN_ISSUER");
    assertThat(issuer.fix()).contains("https://");
    ConfigProblem alg = problemAt(p, "auth.token.algorithm");
    assertThat(alg.environmentVariable()).isEqualTo("AUTH_TOKEN_ALGORITHM");
    assertThat(alg.problem()).contains("HS256");
    assertThat(alg.fix()).contains("RS256");
  }

  @Test
  void disabled_checksNothingOfTheTokenSettings() {
    assertThat(problems("auth.oauth.enabled = false")).isEmpty();
  }

  @Test
  void enabled_withAnHttpsIssuerAndRs256_starts() {
    assertThat(settings(GOOD_TOKENS + "auth.oauth.enabled = true").enabled()).isTrue();
  }

  @Test
  void issuer_httpOnlyOnTheLoopback() {
    for (String ok :
        List.of("http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080/auth")) {
      assertThat(
              problems(
                  "auth.token.algorithm = ES256\nauth.oauth.enabled = true\n"
                      + "auth.token.issuer = \""
                      + ok
                      + "\""))
          .as(ok)
          .isEmpty();
    }
    assertThat(
            problemAt(
                    problems(
                        "auth.token.algorithm = ES256\nauth.oauth.enabled = true\n"
                            + "auth.token.issuer = \"http://auth.example.com\""),
                    "auth.token.issuer")
                .problem())
        .contains("http");
  }

  @Test
  void issuer_withQueryFragmentUserInfoOrTrailingSlash_isRefused() {
    for (String bad :
        List.of(
            "https://auth.example.com?x=1",
            "https://auth.example.com#f",
            "https://user@auth.example.com",
            "https://auth.example.com/",
            "https://auth.example.com/tenant/",
            "auth.example.com",
            "urn:portcullis")) {
      problemAt(
          problems(
              "auth.token.algorithm = RS256\nauth.oauth.enabled = true\n"
                  + "auth.token.issuer = \""
                  + bad
                  + "\""),
          "auth.token.issuer");
    }
    assertThat(
            problems(
                "auth.token.algorithm = RS256\nauth.oauth.enabled = true\n"
                    + "auth.token.issuer = \"https://auth.example.com/tenant\""))
        .isEmpty();
  }

  @Test
  void remoteJwks_verifyOnly_isRefused() {
    ConfigProblem p =
        problemAt(
            problems(
                GOOD_TOKENS
                    + "auth.oauth.enabled = true\n"
                    + "auth.token.remote-jwks.url = \"https://idp.example.com/jwks.json\""),
            "auth.token.remote-jwks.url");
    assertThat(p.problem()).contains("only verifies");
  }

  @Test
  void everyProblemOfEveryArea_isThrownAtOnce() {
    assertThatThrownBy(
            () ->
                PortcullisSettings.load(
                    AuthConfig.load(
                        "auth.oauth.enabled = true\nauth.lockout.max-attempts = 0\n"
                            + "auth.token.algorithm = HS256\n"
                            + "auth.oauth.clients = [{client-id = a}]",
                        Map.of()),
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigProblem::key)
                    .contains(
                        "auth.lockout.max-attempts", "auth.oauth.clients[0].client-secret-env")
                    .contains("auth.token.issuer", "auth.token.algorithm"));
  }

  @Test
  void settingsReadWithAnArea_areFoundByModules() {
    PortcullisSettings all =
        PortcullisSettings.load(
            AuthConfig.load(GOOD_TOKENS + "auth.oauth.enabled = true", Map.of()), Map.of());
    assertThat(new OAuthModule(all).settings().enabled()).isTrue();
    assertThat(Set.of(all.get(OAuthSettings.class).scopes().keySet().toArray())).isEmpty();
  }
}
