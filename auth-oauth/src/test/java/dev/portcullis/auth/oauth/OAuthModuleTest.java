package dev.portcullis.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.oauth.client.ClientAdmin;
import dev.portcullis.auth.oauth.client.ClientAuthenticator;
import dev.portcullis.auth.oauth.token.TokenEndpoint;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import dev.portcullis.auth.testkit.StrictInjector;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OAuthModule with the modules a service installs, in a strict injector: its bindings, declared
 * clients written at start, and no endpoint use case while OAuth is off.
 */
final class OAuthModuleTest {

  private ClientStore store;
  private final dev.portcullis.auth.testkit.MutableClock clock =
      dev.portcullis.auth.testkit.MutableClock.at(java.time.Instant.parse("2030-01-01T00:00:00Z"));

  /** The modules a service installs, in a strict injector. */
  private Injector injector(String hocon, Map<String, String> env) {
    PortcullisSettings all =
        PortcullisSettings.load(AuthConfig.load("auth.environment = test\n" + hocon, env), env);
    Injector injector =
        StrictInjector.of(
            new AuthModule(all),
            new MemoryStoreModule(all),
            new JwtModule(all),
            new OAuthModule(all),
            new com.google.inject.AbstractModule() {
              @Override
              protected void configure() {
                com.google.inject.multibindings.OptionalBinder.newOptionalBinder(
                        binder(), java.time.Clock.class)
                    .setBinding()
                    .toInstance(clock);
              }
            });
    store = injector.getInstance(ClientStore.class);
    return injector;
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
    assertThat(injector.getInstance(TokenEndpoint.class)).isNotNull();
    assertThat(injector.getInstance(ClientAuthenticator.class)).isNotNull();
  }

  @Test
  void enabled_theEndpointsAndTheAdminShareOneClientCache() {
    String secret = "Xq3v9Lr2Tz8Kp1Wm7Nc4Bf6Hd0Gj5Sy2Ue8Ra3Vt";
    Injector injector = injector(ENABLED, Map.of("BILLING_SECRET", secret));
    ClientAuthenticator endpoints = injector.getInstance(ClientAuthenticator.class);
    dev.portcullis.auth.oauth.client.ClientCredentials basic =
        new dev.portcullis.auth.oauth.client.ClientCredentials(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(("billing:" + secret).getBytes(StandardCharsets.UTF_8)),
            null,
            null,
            null,
            null);
    assertThat(endpoints.authenticate(basic).isOk()).isTrue();

    // Through this server's admin: at once.
    injector.getInstance(ClientAdmin.class).disable("billing").unwrap();
    assertThat(endpoints.authenticate(basic).isOk()).isFalse();

    // Elsewhere (another instance writes the shared store): within auth.oauth.client-cache-ttl.
    store.setEnabled("billing", true);
    assertThat(endpoints.authenticate(basic).isOk()).as("still remembered").isFalse();
    clock.advance(OAuthSettings.DEFAULT_CLIENT_CACHE_TTL);
    assertThat(endpoints.authenticate(basic).isOk()).isTrue();
  }

  @Test
  void disabled_writesNothing_butClientsCanStillBeManaged() {
    Injector injector =
        injector(
            ENABLED.replace("enabled = true", "enabled = false"),
            Map.of("BILLING_SECRET", "Xq3v9Lr2Tz8Kp1Wm7Nc4Bf6Hd0Gj5Sy2Ue8Ra3Vt"));

    assertThat(store.find("billing")).isEmpty();
    assertThat(injector.getInstance(ClientAdmin.class).list(0, 10).unwrap()).isEmpty();
    // Off: no endpoint use case is bound, so nothing needs the issuer to be a URL.
    assertThat(injector.getExistingBinding(Key.get(TokenEndpoint.class))).isNull();
  }
}
