package dev.portcullis.auth.oauth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client cache of the OAuth endpoints: one read per client per TTL, local writes seen at once,
 * changes made elsewhere (another instance, the command line) seen within the TTL, failures never
 * remembered. Time moves only through the clock.
 */
final class CachingClientStoreTest {

  private static final Duration TTL = Duration.ofSeconds(2);
  private static final Duration JUST_BEFORE = TTL.minusMillis(1);

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));

  /** The store of record, shared with "another instance" that writes to it directly. */
  private final ClientStore shared = MemoryStores.clientStore();

  private final AtomicInteger reads = new AtomicInteger();
  private volatile boolean storeDown;
  private final ClientStore counting =
      new ClientStore() {
        @Override
        public Result<OAuthClient> create(OAuthClient client) {
          return shared.create(client);
        }

        @Override
        public Optional<OAuthClient> find(String clientId) {
          reads.incrementAndGet();
          if (storeDown) {
            throw new IllegalStateException("the store cannot answer");
          }
          return shared.find(clientId);
        }

        @Override
        public boolean update(OAuthClient client) {
          return shared.update(client);
        }

        @Override
        public boolean setSecretHash(String clientId, String newHash) {
          return shared.setSecretHash(clientId, newHash);
        }

        @Override
        public boolean setEnabled(String clientId, boolean enabled) {
          return shared.setEnabled(clientId, enabled);
        }

        @Override
        public List<OAuthClient> list(int offset, int limit) {
          return shared.list(offset, limit);
        }
      };

  private final CachingClientStore cached = new CachingClientStore(counting, TTL, clock);

  private final TokenEndpointAuthenticator authenticator =
      new TokenEndpointAuthenticator(
          cached,
          MemoryStores.singleUseStore(clock),
          new ClientSecrets(TokenEndpointAuthenticatorTest.NO_SLOW_HASHES),
          new TokenEndpointAuthenticator.Policy(
              "https://as.example",
              "https://as.example/oauth2/token",
              false,
              Duration.ofMinutes(5),
              Duration.ZERO),
          TokenEndpointAuthenticatorTest.NO_REMOTE,
          clock);

  private final ClientAdmin admin =
      new ClientAdmin(
          cached, Clients.settings(true, List.of(), Map.of("orders:read", "Read orders")), clock);

  private static ClientCredentials basic(String id, String secret) {
    return new ClientCredentials(
        "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes()),
        null,
        null,
        null,
        null);
  }

  private boolean authenticates(String id, String secret) {
    return authenticator.authenticate(basic(id, secret)).isOk();
  }

  @Test
  void lookups_within_the_ttl_read_the_store_once() {
    shared.create(Clients.confidential("billing", "Billing")).unwrap();

    for (int i = 0; i < 5; i++) {
      assertThat(authenticates("billing", Clients.SECRET)).isTrue();
      clock.advance(Duration.ofMillis(300));
    }
    assertThat(reads).hasValue(1);

    clock.advance(TTL);
    assertThat(cached.find("billing")).isPresent();
    assertThat(reads).hasValue(2);
  }

  @Test
  void a_client_disabled_elsewhere_is_refused_within_the_ttl() {
    shared.create(Clients.confidential("billing", "Billing")).unwrap();
    assertThat(authenticates("billing", Clients.SECRET)).isTrue();

    shared.setEnabled("billing", false); // another instance, or 'oauth client disable'

    clock.advance(JUST_BEFORE);
    assertThat(authenticates("billing", Clients.SECRET)).as("within the bound").isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(authenticates("billing", Clients.SECRET)).as("at the bound").isFalse();
  }

  @Test
  void a_secret_rotated_elsewhere_replaces_the_old_one_within_the_ttl() {
    shared.create(Clients.confidential("billing", "Billing")).unwrap();
    assertThat(authenticates("billing", Clients.SECRET)).isTrue();
    String rotated = ClientSecrets.generate();

    shared.setSecretHash("billing", ClientSecrets.hash(rotated));

    clock.advance(TTL);
    assertThat(authenticates("billing", Clients.SECRET)).isFalse();
    assertThat(authenticates("billing", rotated)).isTrue();
  }

  @Test
  void changes_made_through_this_instance_take_effect_at_once() {
    String secret =
        admin
            .create(Clients.registration("billing", OAuthClient.AuthMethod.CLIENT_SECRET_BASIC))
            .unwrap()
            .secret();
    assertThat(authenticates("billing", secret)).isTrue();

    String rotated = admin.rotateSecret("billing").unwrap().secret();
    assertThat(authenticates("billing", secret)).isFalse();
    assertThat(authenticates("billing", rotated)).isTrue();

    admin.disable("billing").unwrap();
    assertThat(authenticates("billing", rotated)).isFalse();
  }

  @Test
  void an_unknown_client_is_remembered_until_it_is_created_here_or_the_ttl_passes() {
    assertThat(cached.find("later")).isEmpty();
    assertThat(cached.find("later")).isEmpty();
    assertThat(reads).hasValue(1);

    cached.create(Clients.confidential("later", "Later")).unwrap();
    assertThat(cached.find("later")).isPresent();

    shared.create(Clients.confidential("elsewhere", "Elsewhere")).unwrap();
    assertThat(cached.find("unknown-then-elsewhere")).isEmpty();
    shared.create(Clients.confidential("unknown-then-elsewhere", "U")).unwrap();
    clock.advance(TTL);
    assertThat(cached.find("unknown-then-elsewhere")).isPresent();
  }

  @Test
  void a_store_that_cannot_answer_is_not_remembered() {
    shared.create(Clients.confidential("billing", "Billing")).unwrap();
    storeDown = true;

    assertThatThrownBy(() -> cached.find("billing")).hasMessageContaining("cannot answer");
    storeDown = false;

    assertThat(cached.find("billing")).isPresent();
  }

  @Test
  void a_zero_ttl_reads_the_store_every_time() {
    CachingClientStore uncached = new CachingClientStore(counting, Duration.ZERO, clock);
    shared.create(Clients.confidential("billing", "Billing")).unwrap();

    uncached.find("billing");
    uncached.find("billing");

    assertThat(reads).hasValue(2);
  }

  @Test
  void a_clock_set_back_reads_again() {
    Instant start = clock.instant();
    shared.create(Clients.confidential("billing", "Billing")).unwrap();
    cached.find("billing");
    MutableClock earlier = clock;
    earlier.set(start.minusSeconds(60));

    cached.find("billing");

    assertThat(reads).hasValue(2);
  }
}
