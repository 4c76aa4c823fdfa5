package dev.portcullis.auth.core.mfa;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.portcullis.auth.api.SecondFactor;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.hash.BoundedPasswordHasher;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * Second factors ({@code auth.mfa}): binds {@link MfaService}, {@link TotpFactor} (also as the
 * {@link SecondFactor} SPI) and {@link RecoveryCodes}. Install it next to {@code AuthModule} and a
 * store module that binds {@link FactorStore}, {@link RecoveryCodeStore} and {@link
 * MfaChallengeStore} ({@code MemoryStoreModule}, {@code JdbcStoreModule}). Recovery codes are
 * hashed with the bound {@code PasswordHasher}. Does no work in {@link #configure()}.
 */
public final class MfaModule extends AbstractModule {
  private final MfaSettings settings;

  /** The module with {@code auth.mfa} from the settings read once. */
  public MfaModule(PortcullisSettings settings) {
    this(settings.get(MfaSettings.class));
  }

  public MfaModule(MfaSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    bind(MfaSettings.class).toInstance(settings);
    bind(SecondFactor.class).to(TotpFactor.class);
  }

  @Provides
  @Singleton
  SecureRandom secureRandom() {
    return new SecureRandom();
  }

  @Provides
  @Singleton
  MfaAttempts mfaAttempts(LoginAttemptTracker tracker, Clock clock) {
    return new MfaAttempts(tracker, clock);
  }

  @Provides
  @Singleton
  TotpFactor totpFactor(
      FactorStore factors, MfaAttempts attempts, Clock clock, SecureRandom random) {
    return new TotpFactor(
        factors,
        settings.cipher(random),
        attempts,
        settings.issuer(),
        clock,
        random,
        settings.totpWindow());
  }

  @Provides
  @Singleton
  RecoveryCodes recoveryCodes(
      RecoveryCodeStore store, BoundedPasswordHasher hasher, SecureRandom random) {
    return new RecoveryCodes(store, hasher, random, settings.recoveryCodes());
  }

  @Provides
  @Singleton
  MfaService mfaService(
      TotpFactor totp,
      RecoveryCodes codes,
      MfaAttempts attempts,
      FactorStore factors,
      MfaChallengeStore challenges,
      UserStore users,
      BoundedPasswordHasher hasher,
      RateLimiter rateLimiter,
      AuthSettings auth,
      AuthEvents events,
      Clock clock,
      SecureRandom random) {
    return new MfaService(
        settings,
        totp,
        codes,
        attempts,
        factors,
        challenges,
        users,
        hasher,
        rateLimiter,
        auth.rateLimits().ipv6Prefix(),
        events,
        clock,
        random);
  }
}
