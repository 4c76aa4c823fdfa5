package dev.portcullis.auth.oauth.authorize;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.OAuthModule;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.oauth.token.TokenEndpoint;
import dev.portcullis.auth.oauth.token.TokenRequest;
import dev.portcullis.auth.oauth.token.TokenResponse;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import dev.portcullis.auth.testkit.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The real modules (memory stores, RS256 development keys) on a {@link MutableClock}, with one user
 * and these clients: {@code web} (public, consent required, {@code https://app.example.com/cb}),
 * {@code cli} (public, loopback {@code http://127.0.0.1/callback}), {@code first} (public, no
 * consent) and {@code svc} (confidential, also allowed the code grant).
 */
final class Fixture {
  static final String ISSUER = "https://auth.example.com";
  static final String USER = "alice@example.com";
  static final String PASSWORD = "correct horse battery staple";
  static final String WEB_REDIRECT = "https://app.example.com/cb";
  static final String SVC_SECRET = "Xq3v9Lr2Tz8Kp1Wm7Nc4Bf6Hd0Gj5Sy2Ue8Ra3Vt";
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  final Injector injector;
  final String userId;

  Fixture() {
    this(Modules.EMPTY_MODULE);
  }

  Fixture(Module overrides) {
    String hocon =
        "auth.environment = test\n"
            + "auth.token.issuer = \""
            + ISSUER
            + "\"\n"
            + "auth.oauth.enabled = true\n"
            + "auth.oauth.public-client-absolute-lifetime = 30d\n"
            + "auth.oauth.scopes = [{name = openid, description = \"Sign you in\"},"
            + " {name = read, description = \"Read your notes\"},"
            + " {name = write, description = \"Change your notes\"}]\n"
            + "auth.oauth.clients = ["
            + "{client-id = web, display-name = \"Notes Web\", type = public,"
            + " redirect-uris = [\""
            + WEB_REDIRECT
            + "\"], scopes = [openid, read, write]},"
            + "{client-id = cli, type = public, redirect-uris = [\"http://127.0.0.1/callback\"],"
            + " scopes = [read]},"
            + "{client-id = first, type = public, require-consent = false,"
            + " redirect-uris = [\"https://first.example.com/cb\"], scopes = [openid, read]},"
            + "{client-id = svc, client-secret-env = SVC_SECRET,"
            + " grant-types = [authorization_code, refresh_token],"
            + " redirect-uris = [\"https://svc.example.com/cb\"], scopes = [read]}]\n";
    Map<String, String> env = Map.of("SVC_SECRET", SVC_SECRET);
    PortcullisSettings settings = PortcullisSettings.load(AuthConfig.load(hocon, env), env);
    Module clockModule =
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
          }
        };
    injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            Modules.override(
                    new AuthModule(settings),
                    new MemoryStoreModule(settings),
                    new JwtModule(settings),
                    new OAuthModule(settings),
                    clockModule)
                .with(overrides));
    String hash = injector.getInstance(PasswordHasher.class).hash(PASSWORD);
    userId =
        injector
            .getInstance(UserStore.class)
            .create(
                new NewUser("user-1", USER, USER, "Alice", hash, Set.of(), clock.instant(), true))
            .unwrap()
            .id();
  }

  <T> T get(Class<T> type) {
    return injector.getInstance(type);
  }

  AuthorizationFlow flow() {
    return get(AuthorizationFlow.class);
  }

  /** A valid authorization request of {@code web} with {@code extra} parameters added. */
  static Map<String, String> webRequest(String... extra) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", "web");
    q.put("redirect_uri", WEB_REDIRECT);
    q.put("scope", "openid read");
    q.put("state", "st-1");
    q.put("nonce", "n-1");
    q.put("code_challenge", CHALLENGE);
    q.put("code_challenge_method", "S256");
    for (int i = 0; i < extra.length; i += 2) {
      if (extra[i + 1] == null) {
        q.remove(extra[i]);
      } else {
        q.put(extra[i], extra[i + 1]);
      }
    }
    return q;
  }

  /** Begins, logs in and approves; the final redirect. */
  URI authorize(Map<String, String> query) {
    AuthorizationStep step = flow().begin(query, "10.0.0.1", "test").unwrap();
    if (step instanceof AuthorizationStep.Login login) {
      step = flow().login(login.interactionId(), USER, PASSWORD, "10.0.0.1", "test").unwrap();
    }
    if (step instanceof AuthorizationStep.Consent consent) {
      step = flow().consent(consent.interactionId(), true).unwrap();
    }
    return ((AuthorizationStep.Redirect) step).location();
  }

  /** The query parameters of {@code uri}, decoded. */
  static Map<String, String> params(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** A code for {@code web} (consent given on the way). */
  String webCode() {
    return params(authorize(webRequest())).get("code");
  }

  Result<TokenResponse> redeem(String clientId, String code, String redirect, String verifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    if (redirect != null) {
      form.put("redirect_uri", redirect);
    }
    if (verifier != null) {
      form.put("code_verifier", verifier);
    }
    ClientCredentials credentials;
    if (clientId.equals("svc")) {
      String b =
          Base64.getEncoder()
              .encodeToString(("svc:" + SVC_SECRET).getBytes(StandardCharsets.UTF_8));
      credentials = new ClientCredentials("Basic " + b, null, null, null, null);
    } else {
      form.put("client_id", clientId);
      credentials = new ClientCredentials(null, clientId, null, null, null);
    }
    return get(TokenEndpoint.class).exchange(new TokenRequest(credentials, form));
  }

  Result<TokenResponse> redeemWeb(String code) {
    return redeem("web", code, WEB_REDIRECT, VERIFIER);
  }

  boolean active(String token) {
    return get(OAuthTokens.class).introspect(token).unwrap().isPresent();
  }
}
