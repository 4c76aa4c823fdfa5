package dev.portcullis.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.oauth.client.ClientAdmin;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.StrictInjector;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OAuthModule in a strict injector: its bindings, and declared clients written at start. */
final class OAuthModuleTest {

  private final ClientStore store = MemoryStores.clientStore();

  private Injector injector(String hocon, Map<String, String> env) {
    PortcullisSettings all = PortcullisSettings.load(AuthConfig.load(hocon, env), env);
    return StrictInjector.of(
        new OAuthModule(all),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(ClientStore.class).toInstance(store);
            bind(Clock.class).toInstance(MutableClock.at(Instant.parse("2030-01-01T00:00:00Z")));
          }
        });
  }

  private static final String ENABLED =
      "auth.token.issuer = \"https://auth.example.com\"\nauth.token.algorithm = RS256\n"
          + "auth.oauth.enabled = true\n"
          + "auth.oauth.clients = [{client-id = billing, client-secret-env = BILLING_SECRET}]\n";

  @Test
  void enabled_writesTheDeclaredClientsWhenTheInjectorIsBuilt() {
    Injector injector =
        injector(ENABLED, Map.of("BILLING_SECRET", "Xq3v9Lr2Tz8Kp1Wm7Nc4Bf6Hd0Gj5Sy2Ue8Ra3Vt"));

    assertThat(store.find("billing")).get().extracting(OAuthClient::enabled).isEqualTo(true);
    assertThat(injector.getInstance(ClientAdmin.class).show("billing").isOk()).isTrue();
  }

  @Test
  void disabled_writesNothing_butClientsCanStillBeManaged() {
    Injector injector =
        injector(
            ENABLED.replace("enabled = true", "enabled = false"),
            Map.of("BILLING_SECRET", "Xq3v9Lr2Tz8Kp1Wm7Nc4Bf6Hd0Gj5Sy2Ue8Ra3Vt"));

    assertThat(store.find("billing")).isEmpty();
    assertThat(injector.getInstance(ClientAdmin.class).list(0, 10).unwrap()).isEmpty();
  }
}
