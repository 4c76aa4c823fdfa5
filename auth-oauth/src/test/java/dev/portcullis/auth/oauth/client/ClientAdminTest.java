package dev.portcullis.auth.oauth.client;

import static dev.portcullis.auth.oauth.client.Clients.registration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.model.OAuthClient.AuthMethod;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Operators' client management: secrets shown once, invariants as errors, no user-id shapes. */
final class ClientAdminTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final MutableClock clock = MutableClock.at(START);
  private final ClientStore store = MemoryStores.clientStore();
  private final ClientAdmin admin =
      new ClientAdmin(
          store,
          Clients.settings(
              true,
              List.of(Clients.declared(Clients.confidential("declared", "D"), 0)),
              Map.of("orders:read", "Read orders", "orders:write", "Write orders")),
          clock);

  private static AuthError error(Result<?> r) {
    assertThat(r.isErr()).as("an error: %s", r).isTrue();
    return r.failure().orElseThrow();
  }

  @Test
  void create_aSecretClient_returnsItsSecretOnce_andStoresOnlyTheHash() {
    ClientAdmin.Issued issued =
        admin.create(registration("billing", AuthMethod.CLIENT_SECRET_BASIC)).unwrap();

    String secret = issued.secretIfIssued().orElseThrow();
    assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
    OAuthClient stored = store.find("billing").orElseThrow();
    assertThat(stored.secretHash()).isEqualTo(ClientSecrets.hash(secret));
    assertThat(stored.createdAt()).isEqualTo(START);
    assertThat(stored.enabled()).isTrue();
    assertThat(issued.toString()).doesNotContain(secret);
    assertThat(admin.show("billing").unwrap().toString()).doesNotContain(stored.secretHash());
  }

  @Test
  void create_clientsWithoutASecretMethod_getNoSecret() {
    assertThat(admin.create(registration("spa", AuthMethod.NONE)).unwrap().secret()).isNull();
    assertThat(admin.create(registration("signer", AuthMethod.PRIVATE_KEY_JWT)).unwrap().secret())
        .isNull();
    assertThat(store.find("signer").orElseThrow().secretHash()).isNull();
  }

  @Test
  void create_refusesAClientIdShapedLikeAUserId() {
    AuthError e =
        error(
            admin.create(
                registration(
                    "3F1C2A9E-8B7D-4C6E-9F0A-1B2C3D4E5F60", AuthMethod.CLIENT_SECRET_BASIC)));
    assertThat(e).isInstanceOf(AuthError.InvalidRequest.class);
    assertThat(e.message()).contains("client_id").contains("user id");
    assertThat(store.list(0, 10)).isEmpty();
  }

  @Test
  void create_refusesAScopeTheServerDoesNotDeclare() {
    ClientRegistration r = registration("billing", AuthMethod.CLIENT_SECRET_BASIC);
    ClientRegistration wide =
        new ClientRegistration(
            r.clientId(),
            r.displayName(),
            r.type(),
            r.authMethods(),
            r.jwksUri(),
            r.jwks(),
            r.redirectUris(),
            r.grantTypes(),
            Set.of("orders:read", "admin"),
            true,
            null);
    AuthError e = error(admin.create(wide));
    assertThat(e.message()).contains("does not declare admin").contains("declared: orders:read");
  }

  @Test
  void create_anInconsistentClient_isInvalidRequestNamingTheRule() {
    ClientRegistration r = registration("spa", AuthMethod.NONE);
    ClientRegistration withCredentials =
        new ClientRegistration(
            r.clientId(),
            r.displayName(),
            r.type(),
            r.authMethods(),
            null,
            null,
            r.redirectUris(),
            Set.of(OAuthClient.CLIENT_CREDENTIALS),
            r.scopes(),
            true,
            null);
    AuthError e = error(admin.create(withCredentials));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.message()).contains("client_credentials is for confidential clients only");
  }

  @Test
  void create_aTakenId_isIdentifierTaken() {
    admin.create(registration("billing", AuthMethod.CLIENT_SECRET_BASIC)).unwrap();
    AuthError e = error(admin.create(registration("billing", AuthMethod.CLIENT_SECRET_POST)));
    assertThat(e.kind()).isEqualTo(ErrorKind.IDENTIFIER_TAKEN);
    assertThat(e.message()).contains("billing");
  }

  @Test
  void listAndShow() {
    admin.create(registration("a", AuthMethod.CLIENT_SECRET_BASIC)).unwrap();
    clock.advance(Duration.ofSeconds(1));
    admin.create(registration("b", AuthMethod.NONE)).unwrap();

    assertThat(admin.list(0, 10).unwrap())
        .extracting(OAuthClient::clientId)
        .containsExactly("a", "b");
    assertThat(admin.show("b").unwrap().type()).isEqualTo(OAuthClient.Type.PUBLIC);
    assertThat(error(admin.show("nope"))).isInstanceOf(AuthError.NotFound.class);
    assertThat(error(admin.list(0, 0)).message()).contains("limit");
  }

  @Test
  void update_keepsSecretEnabledAndCreationTime() {
    String hash =
        admin
            .create(registration("billing", AuthMethod.CLIENT_SECRET_BASIC))
            .map(i -> i.client().secretHash())
            .unwrap();
    admin.disable("billing").unwrap();
    clock.advance(Duration.ofDays(1));
    ClientRegistration r = ClientRegistration.of(store.find("billing").orElseThrow());
    ClientRegistration renamed =
        new ClientRegistration(
            r.clientId(),
            "Billing v2",
            r.type(),
            Set.of(AuthMethod.CLIENT_SECRET_BASIC, AuthMethod.CLIENT_SECRET_POST),
            r.jwksUri(),
            r.jwks(),
            r.redirectUris(),
            r.grantTypes(),
            Set.of("orders:write"),
            false,
            "https://api");

    ClientAdmin.Issued issued = admin.update(renamed).unwrap();

    assertThat(issued.secret()).isNull();
    OAuthClient stored = store.find("billing").orElseThrow();
    assertThat(stored.displayName()).isEqualTo("Billing v2");
    assertThat(stored.secretHash()).isEqualTo(hash);
    assertThat(stored.enabled()).isFalse();
    assertThat(stored.createdAt()).isEqualTo(START);
    assertThat(stored.scopes()).containsExactly("orders:write");
    assertThat(stored.accessTokenAudience()).isEqualTo("https://api");
  }

  @Test
  void update_toASecretMethod_issuesASecret_andAwayFromOne_dropsTheHash() {
    admin.create(registration("signer", AuthMethod.PRIVATE_KEY_JWT)).unwrap();
    ClientRegistration r = ClientRegistration.of(store.find("signer").orElseThrow());
    ClientRegistration withSecret =
        new ClientRegistration(
            r.clientId(),
            r.displayName(),
            r.type(),
            Set.of(AuthMethod.PRIVATE_KEY_JWT, AuthMethod.CLIENT_SECRET_BASIC),
            r.jwksUri(),
            null,
            r.redirectUris(),
            r.grantTypes(),
            r.scopes(),
            true,
            null);

    String secret = admin.update(withSecret).unwrap().secretIfIssued().orElseThrow();
    assertThat(store.find("signer").orElseThrow().secretHash())
        .isEqualTo(ClientSecrets.hash(secret));

    admin.update(r).unwrap();
    assertThat(store.find("signer").orElseThrow().secretHash()).isNull();
  }

  @Test
  void update_ofAnUnknownClient_isNotFound() {
    assertThat(error(admin.update(registration("nope", AuthMethod.CLIENT_SECRET_BASIC))))
        .isInstanceOf(AuthError.NotFound.class);
  }

  @Test
  void disableAndEnable() {
    admin.create(registration("billing", AuthMethod.CLIENT_SECRET_BASIC)).unwrap();
    assertThat(admin.disable("billing").unwrap().enabled()).isFalse();
    assertThat(store.find("billing").orElseThrow().enabled()).isFalse();
    assertThat(admin.enable("billing").unwrap().enabled()).isTrue();
    assertThat(store.find("billing").orElseThrow().enabled()).isTrue();
    assertThat(error(admin.disable("nope"))).isInstanceOf(AuthError.NotFound.class);
  }

  @Test
  void rotateSecret_returnsANewSecretOnce_andTheOldStopsMatchingAtOnce() {
    String old =
        admin.create(registration("billing", AuthMethod.CLIENT_SECRET_BASIC)).unwrap().secret();

    ClientAdmin.Issued rotated = admin.rotateSecret("billing").unwrap();

    String stored = store.find("billing").orElseThrow().secretHash();
    assertThat(rotated.secret()).isNotEqualTo(old);
    assertThat(stored).isEqualTo(ClientSecrets.hash(rotated.secret()));
    assertThat(stored).isNotEqualTo(ClientSecrets.hash(old));
    assertThat(rotated.toString()).doesNotContain(rotated.secret());
  }

  @Test
  void rotateSecret_ofAClientWithoutASecret_isInvalidRequest() {
    admin.create(registration("spa", AuthMethod.NONE)).unwrap();
    assertThat(error(admin.rotateSecret("spa")).message())
        .contains("does not authenticate with a secret");
    assertThat(error(admin.rotateSecret("nope"))).isInstanceOf(AuthError.NotFound.class);
  }

  @Test
  void scopesAndDeclarations_comeFromTheSettings() {
    assertThat(admin.scopes()).containsOnlyKeys("orders:read", "orders:write");
    assertThat(admin.declaredAt("declared")).contains("auth.oauth.clients[0]");
    assertThat(admin.declaredAt("billing")).isEmpty();
  }
}
