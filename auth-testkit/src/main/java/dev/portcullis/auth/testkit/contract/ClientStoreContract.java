package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.model.OAuthClient.AuthMethod;
import dev.portcullis.auth.api.model.OAuthClient.Type;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ClientStore}: a client comes back exactly as stored (every component, the
 * order of its redirect URIs included); one id is registered once, also when 20 threads race;
 * updates replace whole, rotations and disabling touch one component; pages are ordered; bad input
 * is rejected and changes nothing.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty store from
 * {@link #createClientStore}:
 *
 * <pre>{@code
 * final class MemoryClientStoreTest extends ClientStoreContract {
 *   @Override
 *   protected ClientStore createClientStore(MutableClock clock) {
 *     return MemoryStores.clientStore(); // a new, empty one each time
 *   }
 * }
 * }</pre>
 */
public abstract class ClientStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** A self-describing secret hash. */
  protected static final String HASH = "sha256:" + "ab".repeat(32);

  private static final String ARGON =
      "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private ClientStore store;

  /** A new store with no clients. */
  protected abstract ClientStore createClientStore(MutableClock clock);

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createClientStore(clock);
  }

  /** A confidential client with every optional component set, created now. */
  protected OAuthClient confidential(String id) {
    return new OAuthClient(
        id,
        "Client " + id,
        Type.CONFIDENTIAL,
        Set.of(AuthMethod.CLIENT_SECRET_BASIC, AuthMethod.CLIENT_SECRET_POST),
        HASH,
        null,
        null,
        List.of("https://z.example/cb", "https://a.example/cb?x=1"),
        Set.of(OAuthClient.AUTHORIZATION_CODE, OAuthClient.REFRESH_TOKEN),
        Set.of("openid", "orders:read"),
        true,
        "https://api.example",
        true,
        clock.instant());
  }

  /** A public client, created now. */
  protected OAuthClient publicClient(String id) {
    return new OAuthClient(
        id,
        "Public app",
        Type.PUBLIC,
        Set.of(AuthMethod.NONE),
        null,
        null,
        null,
        List.of("http://127.0.0.1/cb"),
        Set.of(OAuthClient.AUTHORIZATION_CODE),
        Set.of(),
        false,
        null,
        true,
        clock.instant());
  }

  /** A private_key_jwt client with inline keys, created now. */
  protected OAuthClient keyClient(String id) {
    return new OAuthClient(
        id,
        "Batch service",
        Type.CONFIDENTIAL,
        Set.of(AuthMethod.PRIVATE_KEY_JWT),
        null,
        null,
        "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83O\",\"y\":\"x_FE\"}]}",
        List.of(),
        Set.of(OAuthClient.CLIENT_CREDENTIALS, OAuthClient.DEVICE_CODE),
        Set.of("reports:write"),
        false,
        null,
        true,
        clock.instant());
  }

  // ---- create and find

  @Test
  void create_thenFind_returnsEveryComponentAsStored() {
    for (OAuthClient client :
        List.of(confidential("shop"), publicClient("spa"), keyClient("batch"))) {
      assertThat(store.create(client).toOptional()).contains(client);
      assertThat(store.find(client.clientId())).contains(client);
    }
    assertThat(store.find("shop").orElseThrow().redirectUris())
        .containsExactly("https://z.example/cb", "https://a.example/cb?x=1");
  }

  @Test
  void find_anUnknownId_findsNothing() {
    assertThat(store.find("nobody")).isEmpty();
  }

  @Test
  void create_anExistingId_isIdentifierTaken_andKeepsTheFirst() {
    OAuthClient first = confidential("shop");
    store.create(first);
    clock.advance(Duration.ofMinutes(1));

    Result<OAuthClient> second = store.create(keyClient("shop"));

    assertThat(second.failure().orElseThrow().code()).isEqualTo("identifier_taken");
    assertThat(store.find("shop")).contains(first);
  }

  @Test
  void create_concurrentlyWithOneId_createsExactlyOneClient() {
    List<Result<OAuthClient>> results =
        Concurrently.run(20, i -> store.create(confidential("shop").withEnabled(i % 2 == 0)));

    List<OAuthClient> created = results.stream().flatMap(r -> r.toOptional().stream()).toList();
    assertThat(created).hasSize(1);
    assertThat(results)
        .filteredOn(Result::isErr)
        .hasSize(19)
        .allSatisfy(
            r -> assertThat(r.failure().orElseThrow().code()).isEqualTo("identifier_taken"));
    assertThat(store.find("shop")).contains(created.get(0));
    assertThat(store.list(0, 1000)).containsExactly(created.get(0));
  }

  @Test
  void ids_areCaseSensitive_andUpTo255Characters() {
    OAuthClient lower = confidential("shop");
    OAuthClient upper = confidential("SHOP");
    OAuthClient longest = publicClient("c".repeat(255));

    assertThat(store.create(lower).isOk()).isTrue();
    assertThat(store.create(upper).isOk()).isTrue();
    assertThat(store.create(longest).isOk()).isTrue();
    assertThat(store.find("SHOP")).contains(upper);
    assertThat(store.find("c".repeat(255))).contains(longest);
  }

  // ---- update, rotate, enable

  @Test
  void update_replacesTheWholeClient() {
    store.create(confidential("shop"));
    OAuthClient replacement =
        new OAuthClient(
            "shop",
            "Shop, renamed",
            Type.CONFIDENTIAL,
            Set.of(AuthMethod.PRIVATE_KEY_JWT),
            null,
            "https://shop.example/jwks.json",
            null,
            List.of(),
            Set.of(OAuthClient.CLIENT_CREDENTIALS),
            Set.of("a"),
            false,
            null,
            false,
            START);

    assertThat(store.update(replacement)).isTrue();
    assertThat(store.find("shop")).contains(replacement);
  }

  @Test
  void update_anUnknownClient_isFalse_andCreatesNothing() {
    assertThat(store.update(confidential("ghost"))).isFalse();
    assertThat(store.find("ghost")).isEmpty();
  }

  @Test
  void setSecretHash_replacesOnlyTheHash() {
    OAuthClient shop = confidential("shop");
    store.create(shop);

    assertThat(store.setSecretHash("shop", ARGON)).isTrue();
    assertThat(store.find("shop")).contains(shop.withSecretHash(ARGON));
    assertThat(store.setSecretHash("ghost", ARGON)).isFalse();
    assertThat(store.find("ghost")).isEmpty();
  }

  @Test
  void setSecretHash_onAPublicClient_isRejected_andChangesNothing() {
    OAuthClient spa = publicClient("spa");
    store.create(spa);

    assertRejected(() -> store.setSecretHash("spa", HASH));
    assertThat(store.find("spa")).contains(spa);
  }

  @Test
  void setEnabled_togglesOnlyEnabled() {
    OAuthClient shop = confidential("shop");
    store.create(shop);

    assertThat(store.setEnabled("shop", false)).isTrue();
    assertThat(store.find("shop")).contains(shop.withEnabled(false));
    assertThat(store.setEnabled("shop", true)).isTrue();
    assertThat(store.find("shop")).contains(shop);
    assertThat(store.setEnabled("ghost", false)).isFalse();
  }

  // ---- list

  @Test
  void list_ordersByCreationThenId_andPages() {
    OAuthClient b = confidential("b");
    OAuthClient a = confidential("a");
    store.create(b);
    store.create(a);
    clock.advance(Duration.ofSeconds(1));
    OAuthClient first = publicClient("0-later");
    store.create(first);

    assertThat(store.list(0, 1000)).containsExactly(a, b, first);
    assertThat(store.list(1, 1)).containsExactly(b);
    assertThat(store.list(3, 10)).isEmpty();
  }

  // ---- bad input

  @Test
  void badInput_isRejected_andChangesNothing() {
    OAuthClient shop = confidential("shop");
    store.create(shop);

    assertRejected(() -> store.create(null));
    assertRejected(() -> store.find(null));
    assertRejected(() -> store.find(" "));
    assertRejected(() -> store.update(null));
    assertRejected(() -> store.setSecretHash(null, HASH));
    assertRejected(() -> store.setSecretHash("shop", null));
    assertRejected(() -> store.setSecretHash("shop", "plain-secret"));
    assertRejected(() -> store.setSecretHash("shop", " "));
    assertRejected(() -> store.setEnabled("", false));
    assertRejected(() -> store.list(-1, 10));
    assertRejected(() -> store.list(0, 0));
    assertRejected(() -> store.list(0, 1001));

    assertThat(store.find("shop")).contains(shop);
    assertThat(store.list(0, 1000)).containsExactly(shop);
  }
}
