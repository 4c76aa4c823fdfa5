package dev.portcullis.auth.oauth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.OAuthModule;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import dev.portcullis.auth.testkit.Concurrently;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint under concurrency, on the real modules (memory stores, RS256 keys): of N
 * simultaneous refreshes with one refresh token exactly one rotates and the reuse ends the family;
 * with a retry grace all of them get the one successor; and a revocation racing refreshes leaves no
 * token of the family alive, whichever order they land in.
 */
final class TokenEndpointRaceTest {

  private static final int N = 16;
  private static final String SECRET = "Xq3v9Lr2Tz8Kp1Wm7Nc4Bf6Hd0Gj5Sy2Ue8Ra3Vt";

  private static Injector injector(String grace) {
    String hocon =
        "auth.environment = test\n"
            + "auth.token.issuer = \"https://auth.example.com\"\n"
            + "auth.oauth.enabled = true\n"
            + "auth.oauth.refresh.retry-grace = "
            + grace
            + "\n"
            + "auth.oauth.clients = [{client-id = app, client-secret-env = APP_SECRET,"
            + " grant-types = [refresh_token, authorization_code],"
            + " redirect-uris = [\"https://app.example.com/cb\"], scopes = [read, write]}]\n";
    Map<String, String> env = Map.of("APP_SECRET", SECRET);
    PortcullisSettings settings = PortcullisSettings.load(AuthConfig.load(hocon, env), env);
    return Guice.createInjector(
        Stage.PRODUCTION,
        new AuthModule(settings),
        new MemoryStoreModule(settings),
        new JwtModule(settings),
        new OAuthModule(settings));
  }

  private static OAuthTokens.GrantedTokens session(Injector injector) {
    UserStore users = injector.getInstance(UserStore.class);
    Instant now = Instant.now();
    users
        .create(
            new NewUser(
                "u1", "u1@example.com", "u1@example.com", null, "$test$x", Set.of(), now, false))
        .unwrap();
    StoredUser stored = users.findById("u1").orElseThrow();
    return injector
        .getInstance(OAuthTokens.class)
        .forUser(
            Authentication.of(stored, now, null, null),
            new OAuthTokens.Grant("app", Set.of("read"), List.of("https://api.example.com")),
            List.of("pwd"),
            null)
        .unwrap();
  }

  private static ClientCredentials basic() {
    String b =
        Base64.getEncoder().encodeToString(("app:" + SECRET).getBytes(StandardCharsets.UTF_8));
    return new ClientCredentials("Basic " + b, null, null, null, null);
  }

  private static Result<TokenResponse> refresh(Injector injector, String refreshToken) {
    return injector
        .getInstance(TokenEndpoint.class)
        .exchange(
            new TokenRequest(
                basic(), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
  }

  private static boolean active(Injector injector, String token) {
    return injector.getInstance(OAuthTokens.class).introspect(token).unwrap().isPresent();
  }

  @Test
  void ofConcurrentRefreshesOneWins_andTheReuseEndsTheFamily() {
    Injector injector = injector("0s");
    OAuthTokens.GrantedTokens start = session(injector);

    List<Result<TokenResponse>> results =
        Concurrently.run(N, i -> refresh(injector, start.refreshToken()));

    List<TokenResponse> won = results.stream().filter(Result::isOk).map(Result::unwrap).toList();
    assertThat(won).hasSize(1);
    assertThat(results.stream().filter(r -> !r.isOk()))
        .allSatisfy(
            r -> assertThat(r.failure().orElseThrow().oauthError()).isEqualTo("invalid_grant"));
    // The losers presented a used refresh token: reuse, so nothing of the family survives.
    assertThat(active(injector, won.get(0).refreshToken())).isFalse();
    assertThat(active(injector, won.get(0).accessToken())).isFalse();
    assertThat(active(injector, start.accessToken())).isFalse();
    assertThat(refresh(injector, won.get(0).refreshToken()).isOk()).isFalse();
  }

  @Test
  void withARetryGraceConcurrentRefreshesAllGetTheOneSuccessor() {
    Injector injector = injector("30s");
    OAuthTokens.GrantedTokens start = session(injector);

    List<Result<TokenResponse>> results =
        Concurrently.run(N, i -> refresh(injector, start.refreshToken()));

    assertThat(results).allMatch(Result::isOk);
    List<String> successors =
        results.stream().map(r -> jti(r.unwrap().refreshToken())).distinct().toList();
    assertThat(successors).as("one live successor").hasSize(1);
    String any = results.get(N - 1).unwrap().refreshToken();
    assertThat(active(injector, any)).isTrue();
    assertThat(refresh(injector, any).isOk()).isTrue();
  }

  @Test
  void aRevocationRacingRefreshesLeavesNothingAlive() {
    Injector injector = injector("30s");
    OAuthTokens.GrantedTokens start = session(injector);
    TokenRevocation revocation = injector.getInstance(TokenRevocation.class);

    List<Result<?>> results =
        Concurrently.run(
            N,
            i ->
                i % 4 == 0
                    ? revocation.revoke(basic(), start.refreshToken(), "refresh_token")
                    : refresh(injector, start.refreshToken()));

    for (int i = 0; i < N; i++) {
      if (i % 4 == 0) {
        assertThat(results.get(i).isOk()).as("revocation %d", i).isTrue();
      } else if (results.get(i).isOk()) {
        TokenResponse r = (TokenResponse) results.get(i).unwrap();
        assertThat(active(injector, r.refreshToken())).isFalse();
        assertThat(active(injector, r.accessToken())).isFalse();
        assertThat(refresh(injector, r.refreshToken()).isOk()).isFalse();
      }
    }
    assertThat(active(injector, start.accessToken())).isFalse();
  }

  private static String jti(String jwt) {
    String payload =
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    int i = payload.indexOf("\"jti\":\"") + 7;
    return payload.substring(i, payload.indexOf('"', i));
  }
}
