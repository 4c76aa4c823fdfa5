package dev.portcullis.auth.client;

import static dev.portcullis.auth.client.FakeAuthorizationServer.drop;
import static dev.portcullis.auth.client.FakeAuthorizationServer.error;
import static dev.portcullis.auth.client.FakeAuthorizationServer.json;
import static dev.portcullis.auth.client.FakeAuthorizationServer.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One test per bug of flytekit's client authentication (issue 15), each against the fault-injecting
 * server. Time is a fake clock moved by a fake sleeper: no test sleeps.
 */
final class FlytekitBugsTest {
  private static final Set<String> SCOPES = Set.of("read");

  private final FakeAuthorizationServer server = FakeAuthorizationServer.start();
  private final FakeTime time = new FakeTime();
  private final CredentialStore store = CredentialStore.inMemory();

  @AfterEach
  void stop() {
    server.close();
  }

  private OAuthClient client() {
    return OAuthClient.builder(server.issuer(), "cli")
        .clock(time)
        .sleeper(time.sleeper())
        .timeout(Duration.ofSeconds(5))
        .build()
        .orElseThrow();
  }

  private CredentialKey key() {
    return new CredentialKey(server.issuer(), "cli");
  }

  /** An access token that expired a minute ago, with refresh token {@code rt-1}. */
  private StoredCredentials expired() {
    return new StoredCredentials("at-old", time.instant().minusSeconds(60), "rt-1", SCOPES);
  }

  private static String device(String interval) {
    return "{\"device_code\":\"dc\",\"user_code\":\"ABCD-EFGH\",\"verification_uri\":"
        + "\"https://example.com/device\",\"expires_in\":600"
        + (interval == null ? "" : ",\"interval\":" + interval)
        + "}";
  }

  @Test
  void transientRefreshFailure_keepsTheCredentials() {
    store.save(key(), expired());
    server.token = r -> error(503, "temporarily_unavailable");
    TokenManager manager = TokenManager.of(client(), store, LoginStrategy.none());

    ClientResult<String> result = manager.accessToken();

    assertThat(result.error()).isInstanceOf(ClientError.Retriable.class);
    assertThat(store.load(key())).contains(expired());
    server.token = r -> tokens("at-new", "rt-2", 3600);
    assertThat(manager.accessToken().value()).isEqualTo("at-new");
    assertThat(server.requests("/token")).hasSize(2);
  }

  @Test
  void deviceFlow_storesItsRefreshToken() {
    server.device = r -> json(200, device("5"));
    server.token =
        r ->
            r.form().get("grant_type").equals("refresh_token")
                ? tokens("at-2", "rt-2", 3600)
                : tokens("at-1", "rt-1", 3600);
    TokenManager manager = TokenManager.of(client(), store, LoginStrategy.none());

    manager.deviceLogin(SCOPES, prompt -> {}).orElseThrow();

    assertThat(store.load(key()).orElseThrow().refreshToken()).isEqualTo("rt-1");
    time.advance(Duration.ofHours(2));
    TokenManager nextDay = TokenManager.of(client(), store, LoginStrategy.none());
    assertThat(nextDay.accessToken().value()).isEqualTo("at-2");
    assertThat(server.requests("/token").get(1).form())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "rt-1");
  }

  @Test
  void missingInterval_pollsEveryFiveSeconds() {
    server.device = r -> json(200, device(null));
    AtomicInteger polls = new AtomicInteger();
    server.token =
        r ->
            polls.incrementAndGet() < 3
                ? error(400, "authorization_pending")
                : tokens("at", "rt", 3600);

    client().deviceLogin(SCOPES, prompt -> {}).orElseThrow();

    assertThat(time.sleeps()).containsExactly(secs(5), secs(5), secs(5));
  }

  @Test
  void slowDown_addsFiveSeconds_keptForLaterPolls() {
    server.device = r -> json(200, device("5"));
    List<String> answers =
        new ArrayList<>(
            List.of("authorization_pending", "slow_down", "authorization_pending", "slow_down"));
    server.token =
        r -> {
          synchronized (answers) {
            return answers.isEmpty() ? tokens("at", "rt", 3600) : error(400, answers.remove(0));
          }
        };

    client().deviceLogin(SCOPES, prompt -> {}).orElseThrow();

    assertThat(time.sleeps()).containsExactly(secs(5), secs(5), secs(10), secs(10), secs(15));
  }

  @Test
  void polling_readsTheClock_notTheNumberOfTicks() {
    server.device = r -> json(200, device("5"));
    server.token = r -> error(400, "authorization_pending");
    // Each wait takes four times as long as asked (a suspended laptop, a busy machine).
    time.oversleep(4);
    Instant started = time.instant();

    ClientResult<Tokens> result = client().deviceLogin(SCOPES, prompt -> {});

    assertThat(result.error()).isInstanceOf(ClientError.ExpiredToken.class);
    // 600 s of device code at 20 s per wait: 30 waits by the clock, not the 120 that counting
    // 5 s ticks would make; and no poll after the code expired.
    assertThat(time.sleeps()).hasSize(30);
    assertThat(server.requests("/token")).hasSize(29);
    assertThat(time.instant()).isEqualTo(started.plusSeconds(600));
  }

  @Test
  void concurrentAccessTokenCalls_withAnExpiredToken_sendExactlyOneRefresh() throws Exception {
    store.save(key(), expired());
    CountDownLatch refreshArrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.token =
        r -> {
          refreshArrived.countDown();
          release.await(10, TimeUnit.SECONDS);
          return tokens("at-new", "rt-2", 3600);
        };
    TokenManager manager = TokenManager.of(client(), store, LoginStrategy.none());
    int callers = 20;
    CountDownLatch ready = new CountDownLatch(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<ClientResult<String>>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  return manager.accessToken();
                }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(refreshArrived.await(10, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      for (Future<ClientResult<String>> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS).value()).isEqualTo("at-new");
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(server.requests("/token")).hasSize(1);
    assertThat(store.load(key()).orElseThrow().refreshToken()).isEqualTo("rt-2");
  }

  @Test
  void forbidden403_neverTriggersANewLogin() {
    server.token = r -> tokens("at-" + server.requests("/token").size(), null, 3600);
    server.resource =
        r ->
            json(403, "{}")
                .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"x\"");
    OAuthClient client =
        OAuthClient.builder(server.issuer(), "svc")
            .clientSecret("s3cret")
            .clock(time)
            .build()
            .orElseThrow();
    TokenManager manager =
        TokenManager.of(client, CredentialStore.none(), LoginStrategy.clientCredentials(SCOPES));
    BearerHttp http = BearerHttp.of(HttpClient.newHttpClient(), manager);

    ClientResult<HttpResponse<String>> first =
        http.send(HttpRequest.newBuilder(server.uri("/api")), HttpResponse.BodyHandlers.ofString());
    ClientResult<HttpResponse<String>> second =
        http.send(HttpRequest.newBuilder(server.uri("/api")), HttpResponse.BodyHandlers.ofString());

    assertThat(first.value().statusCode()).isEqualTo(403);
    assertThat(second.value().statusCode()).isEqualTo(403);
    assertThat(server.requests("/token")).hasSize(1);
    assertThat(server.requests("/api")).hasSize(2);
  }

  @Test
  void serviceUnavailable_withRetryAfter_isHonoured() {
    server.device = r -> json(200, device("5"));
    AtomicInteger polls = new AtomicInteger();
    server.token =
        r ->
            polls.incrementAndGet() == 1
                ? error(503, "temporarily_unavailable").withHeader("Retry-After", "30")
                : tokens("at", "rt", 3600);

    client().deviceLogin(SCOPES, prompt -> {}).orElseThrow();

    assertThat(time.sleeps()).containsExactly(secs(5), secs(30));
    store.save(key(), expired());
    server.token = r -> error(503, "x").withHeader("Retry-After", "120");
    ClientError refused =
        TokenManager.of(client(), store, LoginStrategy.none()).accessToken().error();
    assertThat(refused)
        .isEqualTo(new ClientError.Retriable("/token answered HTTP 503", Optional.of(secs(120))));
  }

  @Test
  void connectionDroppedMidRefresh_keepsTheCredentials() {
    store.save(key(), expired());
    server.token = r -> drop();
    TokenManager manager = TokenManager.of(client(), store, LoginStrategy.none());

    ClientResult<String> result = manager.accessToken();

    assertThat(result.error()).isInstanceOf(ClientError.Retriable.class);
    assertThat(result.error().message()).doesNotContain("rt-1").doesNotContain("at-old");
    assertThat(store.load(key())).contains(expired());
  }

  @Test
  void invalidGrant_clearsOnlyTheRefreshToken() {
    StoredCredentials before = expired();
    store.save(key(), before);
    server.token = r -> error(400, "invalid_grant");
    TokenManager manager = TokenManager.of(client(), store, LoginStrategy.none());

    ClientResult<String> result = manager.accessToken();

    assertThat(result.error()).isInstanceOf(ClientError.AccessTokenNotFound.class);
    assertThat(store.load(key()))
        .contains(new StoredCredentials("at-old", before.expiresAt(), null, SCOPES));
    // Nothing to refresh any more: the next call does not ask the server again.
    assertThat(manager.accessToken().error()).isInstanceOf(ClientError.AccessTokenNotFound.class);
    assertThat(server.requests("/token")).hasSize(1);
  }

  @Test
  void issuerMismatch_isRefused() {
    server.metadataIssuer = "https://evil.example.com";

    ClientResult<OAuthClient> built = OAuthClient.builder(server.issuer(), "cli").build();

    assertThat(built.error()).isInstanceOf(ClientError.MetadataRejected.class);
    assertThat(built.error().message())
        .contains("https://evil.example.com")
        .contains(server.issuer().toString());
    assertThat(server.requests("/token")).isEmpty();
  }

  private static Duration secs(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
