package dev.portcullis.auth.oauth.client;

import static dev.portcullis.auth.oauth.client.Clients.confidential;
import static dev.portcullis.auth.oauth.client.Clients.declared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Declared clients into the store at start: idempotent, and safe when instances race. */
final class ClientBootstrapTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final MutableClock clock = MutableClock.at(START);
  private final ClientStore store = MemoryStores.clientStore();

  private ClientBootstrap bootstrap(ClientStore store, OAuthClient... clients) {
    List<DeclaredClient> declared =
        java.util.stream.IntStream.range(0, clients.length)
            .mapToObj(i -> declared(clients[i], i))
            .toList();
    return new ClientBootstrap(store, declared, clock);
  }

  @Test
  void firstStart_createsEveryDeclaredClient_createdNow() {
    ClientBootstrap.Outcome outcome =
        bootstrap(store, confidential("billing", "Billing"), confidential("shop", "Shop")).run();

    assertThat(outcome.created()).containsExactly("billing", "shop");
    assertThat(store.find("billing")).get().extracting(OAuthClient::createdAt).isEqualTo(START);
    assertThat(store.find("billing").orElseThrow().secretHash())
        .isEqualTo(ClientSecrets.hash(Clients.SECRET));
  }

  @Test
  void secondStart_changesNothing() {
    bootstrap(store, confidential("billing", "Billing")).run();
    OAuthClient before = store.find("billing").orElseThrow();
    clock.advance(Duration.ofDays(1));

    ClientBootstrap.Outcome again = bootstrap(store, confidential("billing", "Billing")).run();

    assertThat(again.created()).isEmpty();
    assertThat(again.updated()).isEmpty();
    assertThat(again.unchanged()).containsExactly("billing");
    assertThat(store.find("billing")).contains(before);
  }

  @Test
  void aClientChangedInConfiguration_isUpdated_keepingItsCreationTime() {
    bootstrap(store, confidential("billing", "Billing")).run();
    clock.advance(Duration.ofDays(1));

    ClientBootstrap.Outcome outcome =
        bootstrap(store, confidential("billing", "Billing v2").withEnabled(false)).run();

    assertThat(outcome.updated()).containsExactly("billing");
    OAuthClient stored = store.find("billing").orElseThrow();
    assertThat(stored.displayName()).isEqualTo("Billing v2");
    assertThat(stored.enabled()).isFalse();
    assertThat(stored.createdAt()).isEqualTo(START);
  }

  @Test
  void aClientCreatedByTheCommandLine_andNotDeclared_isLeftAlone() {
    OAuthClient cli =
        confidential("cli-made", "Made by hand").withSecretHash(ClientSecrets.hash("x".repeat(43)));
    store.create(cli).unwrap();

    bootstrap(store, confidential("billing", "Billing")).run();

    assertThat(store.find("cli-made")).contains(cli);
  }

  @Test
  void twoInstancesStartingAtOnce_bothSucceed_andOneCreates() throws Exception {
    // Both look the client up before either creates it: the loser's create is identifier_taken.
    CountDownLatch bothLookedUp = new CountDownLatch(2);
    ClientStore racing =
        new ForwardingClientStore(store) {
          @Override
          public Optional<OAuthClient> find(String clientId) {
            bothLookedUp.countDown();
            try {
              assertThat(bothLookedUp.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
            return super.find(clientId);
          }
        };
    ExecutorService two = Executors.newFixedThreadPool(2);
    List<ClientBootstrap.Outcome> outcomes;
    try {
      Future<ClientBootstrap.Outcome> a =
          two.submit(() -> bootstrap(racing, confidential("billing", "B")).run());
      Future<ClientBootstrap.Outcome> b =
          two.submit(() -> bootstrap(racing, confidential("billing", "B")).run());
      outcomes = List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS));
    } finally {
      two.shutdownNow();
    }

    assertThat(outcomes).filteredOn(o -> o.created().equals(List.of("billing"))).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o.unchanged().equals(List.of("billing"))).hasSize(1);
    assertThat(store.find("billing")).isPresent();
  }

  @Test
  void aRaceWithADifferentDeclaration_endsWithAnUpdate() {
    ClientStore racing =
        new ForwardingClientStore(store) {
          private boolean first = true;

          @Override
          public Optional<OAuthClient> find(String clientId) {
            if (first) {
              first = false;
              // Another instance, with an older declaration, creates it right after our lookup.
              store.create(confidential("billing", "Old name")).unwrap();
              return Optional.empty();
            }
            return super.find(clientId);
          }
        };

    ClientBootstrap.Outcome outcome = bootstrap(racing, confidential("billing", "New name")).run();

    assertThat(outcome.updated()).containsExactly("billing");
    assertThat(store.find("billing").orElseThrow().displayName()).isEqualTo("New name");
  }

  @Test
  void aStoreThatCannotAnswer_failsTheStart() {
    ClientStore down =
        new ForwardingClientStore(store) {
          @Override
          public Optional<OAuthClient> find(String clientId) {
            throw new ServiceUnavailableException(
                new dev.portcullis.auth.api.error.AuthError.ServiceUnavailable(
                    "client store", "down"));
          }
        };
    assertThatThrownBy(() -> bootstrap(down, confidential("billing", "B")).run())
        .isInstanceOf(ServiceUnavailableException.class);
  }

  /** A store that forwards every call, for tests that intercept one. */
  static class ForwardingClientStore implements ClientStore {
    private final ClientStore delegate;

    ForwardingClientStore(ClientStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Result<OAuthClient> create(OAuthClient client) {
      return delegate.create(client);
    }

    @Override
    public Optional<OAuthClient> find(String clientId) {
      return delegate.find(clientId);
    }

    @Override
    public boolean update(OAuthClient client) {
      return delegate.update(client);
    }

    @Override
    public boolean setSecretHash(String clientId, String newHash) {
      return delegate.setSecretHash(clientId, newHash);
    }

    @Override
    public boolean setEnabled(String clientId, boolean enabled) {
      return delegate.setEnabled(clientId, enabled);
    }

    @Override
    public List<OAuthClient> list(int offset, int limit) {
      return delegate.list(offset, limit);
    }
  }
}
