package dev.portcullis.auth.client;

import static dev.portcullis.auth.client.FakeAuthorizationServer.error;
import static dev.portcullis.auth.client.FakeAuthorizationServer.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class TokenManagerTest {
  private static final Set<String> SCOPES = Set.of("read");

  private final FakeAuthorizationServer server = FakeAuthorizationServer.start();
  private final FakeTime time = new FakeTime();
  private final CredentialStore store = CredentialStore.inMemory();

  @AfterEach
  void stop() {
    server.close();
  }

  private OAuthClient client() {
    return OAuthClient.builder(server.issuer(), "cli").clock(time).build().orElseThrow();
  }

  private OAuthClient service() {
    return OAuthClient.builder(server.issuer(), "svc")
        .clientSecret("s")
        .clock(time)
        .build()
        .orElseThrow();
  }

  private CredentialKey key() {
    return new CredentialKey(server.issuer(), "cli");
  }

  private StoredCredentials expiringIn(Duration duration) {
    return new StoredCredentials("at-1", time.instant().plus(duration), "rt-1", SCOPES);
  }

  @Test
  void aTokenValidBeyondTheSkew_isReturnedWithoutAskingTheServer() {
    store.save(key(), expiringIn(Duration.ofSeconds(31)));

    assertThat(TokenManager.of(client(), store, LoginStrategy.none()).accessToken().value())
        .isEqualTo("at-1");
    assertThat(server.requests("/token")).isEmpty();
  }

  @Test
  void aTokenExpiringWithinTheSkew_isRefreshedFirst() {
    store.save(key(), expiringIn(Duration.ofSeconds(30)));
    server.token = r -> tokens("at-2", "rt-2", 3600);

    assertThat(TokenManager.of(client(), store, LoginStrategy.none()).accessToken().value())
        .isEqualTo("at-2");
    assertThat(store.load(key()).orElseThrow().refreshToken()).isEqualTo("rt-2");
  }

  @Test
  void withSkew_changesHowEarlyTheTokenIsRefreshed() {
    store.save(key(), expiringIn(Duration.ofMinutes(4)));
    server.token = r -> tokens("at-2", "rt-2", 3600);
    TokenManager manager = TokenManager.of(client(), store, LoginStrategy.none());

    assertThat(manager.accessToken().value()).isEqualTo("at-1");
    assertThat(manager.withSkew(Duration.ofMinutes(5)).accessToken().value()).isEqualTo("at-2");
  }

  @Test
  void aRefreshWithoutRotation_keepsTheRefreshTokenItUsed() {
    store.save(key(), expiringIn(Duration.ZERO));
    server.token = r -> tokens("at-2", null, 3600);

    TokenManager.of(client(), store, LoginStrategy.none()).accessToken().orElseThrow();

    assertThat(store.load(key()).orElseThrow().refreshToken()).isEqualTo("rt-1");
  }

  @Test
  void aStoreThatCannotSave_failsTheCall_ratherThanHandOutATokenWhoseRotationIsLost() {
    CredentialStore failing =
        new CredentialStore() {
          @Override
          public Optional<StoredCredentials> load(CredentialKey key) {
            return Optional.of(expiringIn(Duration.ZERO));
          }

          @Override
          public void save(CredentialKey key, StoredCredentials credentials) {
            throw new UncheckedIOException(new java.io.IOException("disk full"));
          }

          @Override
          public void delete(CredentialKey key) {}
        };
    server.token = r -> tokens("at-2", "rt-2", 3600);
    TokenManager manager = TokenManager.of(client(), failing, LoginStrategy.none());

    assertThatThrownBy(manager::accessToken).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void nothingStored_withoutALoginStrategy_isAccessTokenNotFound_namingClientAndIssuer() {
    ClientError error =
        TokenManager.of(client(), store, LoginStrategy.none()).accessToken().error();

    assertThat(error).isInstanceOf(ClientError.AccessTokenNotFound.class);
    assertThat(error.message())
        .contains("cli")
        .contains(server.issuer().toString())
        .contains("Log in");
    assertThat(error.code()).isEqualTo("access_token_not_found");
  }

  @Test
  void clientCredentialsStrategy_logsInWhenNothingIsStored_andCachesTheToken() {
    server.token = r -> tokens("svc-1", null, 3600);
    TokenManager manager =
        TokenManager.of(service(), CredentialStore.none(), LoginStrategy.clientCredentials(SCOPES));

    assertThat(manager.accessToken().value()).isEqualTo("svc-1");
    assertThat(manager.accessToken().value()).isEqualTo("svc-1");
    assertThat(server.requests("/token")).hasSize(1);
    time.advance(Duration.ofHours(1));
    server.token = r -> tokens("svc-2", null, 3600);
    assertThat(manager.accessToken().value()).isEqualTo("svc-2");
  }

  @Test
  void invalidGrant_withTheClientCredentialsStrategy_logsInAgain() {
    CredentialKey serviceKey = new CredentialKey(server.issuer(), "svc");
    store.save(serviceKey, new StoredCredentials("old", time.instant(), "rt-dead", SCOPES));
    server.token =
        r ->
            r.form().get("grant_type").equals("refresh_token")
                ? error(400, "invalid_grant")
                : tokens("svc-new", null, 3600);

    String token =
        TokenManager.of(service(), store, LoginStrategy.clientCredentials(SCOPES))
            .accessToken()
            .orElseThrow();

    assertThat(token).isEqualTo("svc-new");
    assertThat(store.load(serviceKey).orElseThrow().refreshToken()).isNull();
  }

  @Test
  void aRefusalOtherThanInvalidGrant_keepsTheRefreshToken() {
    store.save(key(), expiringIn(Duration.ZERO));
    server.token = r -> error(401, "invalid_client");

    ClientError error =
        TokenManager.of(client(), store, LoginStrategy.none()).accessToken().error();

    assertThat(error).isInstanceOf(ClientError.ServerRejected.class);
    assertThat(store.load(key())).contains(expiringIn(Duration.ZERO));
  }

  @Test
  void retryAfter_holdsFurtherRefreshesUntilItPasses() {
    store.save(key(), expiringIn(Duration.ZERO));
    server.token = r -> error(429, "slow_down").withHeader("Retry-After", "60");
    TokenManager manager = TokenManager.of(client(), store, LoginStrategy.none());

    ClientError first = manager.accessToken().error();
    time.advance(Duration.ofSeconds(59));
    ClientError meanwhile = manager.accessToken().error();

    assertThat(first).isInstanceOf(ClientError.Retriable.class);
    assertThat(meanwhile).isEqualTo(first);
    assertThat(server.requests("/token")).hasSize(1);
    time.advance(Duration.ofSeconds(1));
    server.token = r -> tokens("at-2", "rt-2", 3600);
    assertThat(manager.accessToken().value()).isEqualTo("at-2");
  }

  @Test
  void clientCredentialsStrategy_ofAPublicClient_isRefusedAtConstruction() {
    assertThatThrownBy(
            () -> TokenManager.of(client(), store, LoginStrategy.clientCredentials(SCOPES)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LoginStrategy.clientCredentials needs a confidential client")
        .hasMessageContaining("LoginStrategy.none()");
  }

  @Test
  void clear_forgetsTheStoredCredentials() {
    store.save(key(), expiringIn(Duration.ofHours(1)));
    TokenManager manager = TokenManager.of(client(), store, LoginStrategy.none());

    manager.clear();

    assertThat(store.load(key())).isEmpty();
    assertThat(manager.accessToken().error()).isInstanceOf(ClientError.AccessTokenNotFound.class);
  }

  @Test
  void aLogoutDuringARefresh_isNotUndoneByTheRefreshsResult() throws Exception {
    store.save(key(), expiringIn(Duration.ZERO));
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.token =
        r -> {
          arrived.countDown();
          release.await(10, TimeUnit.SECONDS);
          return tokens("at-2", "rt-2", 3600);
        };
    TokenManager manager = TokenManager.of(client(), store, LoginStrategy.none());
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<ClientResult<String>> inFlight = caller.submit(manager::accessToken);
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

      manager.clear();
      release.countDown();

      assertThat(inFlight.get(10, TimeUnit.SECONDS).value()).isEqualTo("at-2");
    } finally {
      caller.shutdownNow();
    }
    assertThat(store.load(key())).isEmpty();
    assertThat(manager.accessToken().error()).isInstanceOf(ClientError.AccessTokenNotFound.class);
  }

  // --- BearerHttp ----------------------------------------------------------------------------

  @Test
  void bearerHttp_invalidToken401_refreshesOnceAndRetriesOnce() {
    store.save(key(), expiringIn(Duration.ofHours(1)));
    server.token = r -> tokens("at-2", "rt-2", 3600);
    server.resource =
        r ->
            "Bearer at-2".equals(r.header("Authorization"))
                ? FakeAuthorizationServer.json(200, "{\"ok\":true}")
                : FakeAuthorizationServer.json(401, "{}")
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    BearerHttp http =
        BearerHttp.of(
            HttpClient.newHttpClient(), TokenManager.of(client(), store, LoginStrategy.none()));

    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(server.uri("/api")), HttpResponse.BodyHandlers.ofString())
            .orElseThrow();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(server.requests("/api")).hasSize(2);
    assertThat(server.requests("/token")).hasSize(1);
  }

  @Test
  void bearerHttp_aSecondInvalidToken_isReturnedWithoutAnotherRefresh() {
    store.save(key(), expiringIn(Duration.ofHours(1)));
    server.token = r -> tokens("at-2", "rt-2", 3600);
    server.resource =
        r ->
            FakeAuthorizationServer.json(401, "{}")
                .withHeader("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\"");
    BearerHttp http =
        BearerHttp.of(
            HttpClient.newHttpClient(), TokenManager.of(client(), store, LoginStrategy.none()));

    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(server.uri("/api")), HttpResponse.BodyHandlers.ofString())
            .orElseThrow();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(server.requests("/api")).hasSize(2);
    assertThat(server.requests("/token")).hasSize(1);
  }

  @Test
  void bearerHttp_a401WithoutInvalidToken_doesNotRefresh() {
    store.save(key(), expiringIn(Duration.ofHours(1)));
    server.resource =
        r ->
            FakeAuthorizationServer.json(401, "{}")
                .withHeader("WWW-Authenticate", "Bearer realm=\"api\"");
    BearerHttp http =
        BearerHttp.of(
            HttpClient.newHttpClient(), TokenManager.of(client(), store, LoginStrategy.none()));

    assertThat(
            http.send(
                    HttpRequest.newBuilder(server.uri("/api")),
                    HttpResponse.BodyHandlers.discarding())
                .value()
                .statusCode())
        .isEqualTo(401);
    assertThat(server.requests("/token")).isEmpty();
    assertThat(server.requests("/api").get(0).header("Authorization")).isEqualTo("Bearer at-1");
  }
}
