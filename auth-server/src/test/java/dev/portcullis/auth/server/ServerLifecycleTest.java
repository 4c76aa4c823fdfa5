package dev.portcullis.auth.server;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.http.RequestLog;
import dev.portcullis.auth.store.memory.MemoryStoreSettings;
import dev.portcullis.auth.store.memory.MemoryStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health when a dependency is down, and a graceful shutdown that finishes requests in flight. */
final class ServerLifecycleTest {

  @TempDir Path dataDir;

  /** A user store that can be made to fail, or to wait inside a lookup. */
  static final class ControllableUserStore implements UserStore {
    final UserStore delegate = MemoryStores.userStore(MemoryStoreSettings.defaults());
    final AtomicBoolean down = new AtomicBoolean();
    final java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    private void check() {
      calls.incrementAndGet();
      if (down.get()) {
        throw new ServiceUnavailableException(
            new AuthError.ServiceUnavailable("test user store", "secret-internal-detail"));
      }
    }

    @Override
    public Result<User> create(NewUser user) {
      check();
      return delegate.create(user);
    }

    @Override
    public Optional<StoredUser> findById(String userId) {
      check();
      return delegate.findById(userId);
    }

    @Override
    public Optional<StoredUser> findByIdentifier(String identifier) {
      check();
      if (identifier.startsWith("slow")) {
        entered.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delegate.findByIdentifier(identifier);
    }

    @Override
    public boolean setPassword(
        String userId, long expectedVersion, String newHash, Instant changedAt) {
      return delegate.setPassword(userId, expectedVersion, newHash, changedAt);
    }

    @Override
    public boolean markEmailVerified(String userId) {
      return delegate.markEmailVerified(userId);
    }

    @Override
    public boolean replaceHash(String userId, String expectedHash, String newHash) {
      return delegate.replaceHash(userId, expectedHash, newHash);
    }

    @Override
    public boolean setEnabled(String userId, boolean enabled) {
      return delegate.setEnabled(userId, enabled);
    }

    @Override
    public boolean setRoles(String userId, Set<String> roles) {
      return delegate.setRoles(userId, roles);
    }

    @Override
    public List<User> list(int offset, int limit) {
      return delegate.list(offset, limit);
    }
  }

  private PortcullisServer server(ControllableUserStore store) {
    return PortcullisServer.builder()
        .config(TestConfigs.config("auth.server.store = memory"))
        .dataDir(dataDir)
        .requestLog(RequestLog.none())
        .overrides(
            new AbstractModule() {
              @Provides
              @Singleton
              UserStore users() {
                return store;
              }
            })
        .build()
        .start();
  }

  @Test
  void health_answers503WhenTheStoreIsDown_andLoginFailsClosedWithoutInternals() {
    ControllableUserStore store = new ControllableUserStore();
    PortcullisServer server = server(store);
    try {
      Api api = new Api(server.uri());
      assertThat(api.get("/health").send().status()).isEqualTo(200);
      store.down.set(true);

      Res health = api.get("/health").send();
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.text("status")).isEqualTo("DOWN");
      assertThat(health.json().path("checks").path("store").path("status").asText())
          .isEqualTo("DOWN");
      assertThat(health.json().path("checks").path("store").path("code").asText())
          .isEqualTo("service_unavailable");
      assertThat(health.json().path("checks").path("keys").path("status").asText()).isEqualTo("UP");

      Res login =
          api.post("/auth/login")
              .json(obj("email", "a@example.com", "password", "whatever it is"))
              .send();
      assertThat(login.status()).isEqualTo(503);
      assertThat(login.text("code")).isEqualTo("service_unavailable");
      assertThat(login.body()).doesNotContain("secret-internal-detail");

      store.down.set(false);
      assertThat(api.get("/health").send().status()).isEqualTo(200);
    } finally {
      server.stop();
    }
  }

  @Test
  void whileTheStoreIsDown_readinessAnswers503NamingIt_andLivenessStays200() {
    ControllableUserStore store = new ControllableUserStore();
    PortcullisServer server = server(store);
    try {
      Api api = new Api(server.uri());
      assertThat(api.get("/health/ready").send().status()).isEqualTo(200);
      assertThat(api.get("/health/live").send().status()).isEqualTo(200);
      store.down.set(true);

      Res ready = api.get("/health/ready").send();
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.text("status")).isEqualTo("DOWN");
      assertThat(ready.json().path("failing").toString()).isEqualTo("[\"store\"]");
      assertThat(ready.json().path("checks").path("store").path("code").asText())
          .isEqualTo("service_unavailable");
      assertThat(ready.body()).doesNotContain("secret-internal-detail");
      // The alias answers as readiness does.
      assertThat(api.get("/health").send().status()).isEqualTo(503);

      int before = store.calls.get();
      Res live = api.get("/health/live").send();
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.text("status")).isEqualTo("UP");
      assertThat(live.json().has("checks")).isFalse();
      assertThat(api.head("/health/live").send().status()).isEqualTo(200);
      assertThat(store.calls.get()).as("liveness asked the store").isEqualTo(before);

      store.down.set(false);
      assertThat(api.get("/health/ready").send().status()).isEqualTo(200);
    } finally {
      server.stop();
    }
  }

  @Test
  void headHealth_whileTheStoreIsDown_answers503_likeGet() {
    ControllableUserStore store = new ControllableUserStore();
    PortcullisServer server = server(store);
    try {
      Api api = new Api(server.uri());
      assertThat(api.head("/health").send().status()).isEqualTo(200);
      store.down.set(true);
      // Javalin's automatic HEAD answered 200 without running the check.
      Res head = api.head("/health").send();
      assertThat(head.status()).isEqualTo(503);
      assertThat(head.body()).isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void stop_refusesNewConnections_butFinishesTheRequestInFlight() throws Exception {
    ControllableUserStore store = new ControllableUserStore();
    PortcullisServer server = server(store);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(
            HttpRequest.newBuilder(server.uri().resolve("/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"slow@example.com\",\"password\":\"whatever it is\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(store.entered.await(20, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
    // New connections are refused while the old request is still running.
    boolean refused = false;
    for (int i = 0; i < 200 && !refused; i++) {
      try {
        new Api(server.uri()).get("/health").send();
        Thread.onSpinWait();
      } catch (UncheckedIOException e) {
        refused = e.getCause() instanceof ConnectException || e.getCause() instanceof IOException;
      }
    }
    assertThat(refused).as("new connections refused during shutdown").isTrue();
    assertThat(inFlight).isNotDone();
    assertThat(stopping).isNotDone();

    store.release.countDown();
    HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("invalid_credentials");
    stopping.get(20, TimeUnit.SECONDS);
  }

  @Test
  void start_onATakenPort_failsInOneClearLine() {
    PortcullisServer running = server(new ControllableUserStore());
    PortcullisServer second =
        PortcullisServer.builder()
            .config(TestConfigs.config("auth.server.store = memory"))
            .dataDir(dataDir)
            .requestLog(RequestLog.none())
            .build();
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.start(running.port()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + running.port());
    } finally {
      second.stop();
      running.stop();
    }
  }

  @Test
  void stop_isIdempotent_andStartTwiceIsRefused() {
    PortcullisServer server = server(new ControllableUserStore());
    server.stop();
    server.stop();
    org.assertj.core.api.Assertions.assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class);
  }
}
