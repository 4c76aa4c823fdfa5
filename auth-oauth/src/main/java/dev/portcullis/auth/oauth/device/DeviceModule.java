package dev.portcullis.auth.oauth.device;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.oauth.OAuthSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The device authorization grant's use cases (RFC 8628): {@link DeviceAuthorization}, {@link
 * DevicePolling} and the {@link DeviceFlow} of the verification pages. Installed by {@code
 * OAuthModule} when OAuth is enabled, with the {@link DeviceSettings} read from {@code
 * auth.oauth.device.*}.
 */
public final class DeviceModule extends AbstractModule {

  private final DeviceSettings settings;

  /** The use cases with {@code settings} (those of {@code OAuthSettings#device()}). */
  public DeviceModule(DeviceSettings settings) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    bind(DeviceSettings.class).toInstance(settings);
    // The verification page asks for a second factor when MfaModule is installed.
    OptionalBinder.newOptionalBinder(binder(), MfaService.class);
    bind(DeviceAuthorization.class).in(Singleton.class);
    bind(DevicePolling.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  DeviceFlow deviceFlow(
      DeviceGrantStore grants,
      InteractionStore interactions,
      ClientStore clients,
      Authenticator authenticator,
      FactorStore factors,
      RateLimiter rateLimiter,
      AuthSettings auth,
      OAuthSettings oauth,
      DeviceSettings settings,
      Optional<MfaService> mfa,
      Clock clock) {
    return new DeviceVerification(
        grants,
        clients,
        authenticator,
        factors,
        rateLimiter,
        auth.rateLimits().ipv6Prefix(),
        oauth.scopes(),
        settings,
        interactions,
        mfa.orElse(null),
        clock,
        new SecureRandom());
  }
}
