package dev.portcullis.auth.oauth.device;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.FactorStore;
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
 * OAuthModule} when OAuth is enabled. {@link DeviceSettings#defaults()} unless a module sets
 * another value with {@code OptionalBinder.newOptionalBinder(binder(),
 * DeviceSettings.class).setBinding()}.
 */
public final class DeviceModule extends AbstractModule {

  /** Open verification pages one instance keeps at most. */
  static final int INTERACTION_CAPACITY = 100_000;

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), DeviceSettings.class)
        .setDefault()
        .toInstance(DeviceSettings.defaults());
    // The verification page asks for a second factor when MfaModule is installed.
    OptionalBinder.newOptionalBinder(binder(), MfaService.class);
    bind(DeviceAuthorization.class).in(Singleton.class);
    bind(DevicePolling.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  DeviceFlow deviceFlow(
      DeviceGrantStore grants,
      ClientStore clients,
      Authenticator authenticator,
      RateLimiter rateLimiter,
      AuthSettings auth,
      OAuthSettings oauth,
      DeviceSettings settings,
      FactorStore factors,
      Optional<MfaService> mfa,
      Clock clock) {
    return new DeviceVerification(
        grants,
        clients,
        authenticator,
        rateLimiter,
        auth.rateLimits().ipv6Prefix(),
        oauth.scopes(),
        settings,
        new DeviceInteractions(INTERACTION_CAPACITY),
        factors,
        mfa.orElse(null),
        clock,
        new SecureRandom());
  }
}
