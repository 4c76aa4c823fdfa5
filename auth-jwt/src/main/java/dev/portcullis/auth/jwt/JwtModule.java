package dev.portcullis.auth.jwt;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.jwt.internal.JwtTokenService;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds {@link TokenService} on signed JWTs, with {@link JwtVerifier}, {@link TokenInspector},
 * {@link JwtSettings} and the current {@link Jwks} document (inject {@code Provider<Jwks>} to serve
 * it; it drops retired keys as time passes).
 *
 * <p>Install it next to {@code AuthModule} and a store module: it uses {@link Clock}, {@link
 * AuthSettings}, {@link AuthEvents}, {@link SessionStore}, {@link TokenBlacklist} and {@link
 * UserStore} from the injector. Extra access-token claims come from {@link TokenClaims} (default:
 * none; replace with {@code OptionalBinder.setBinding()}).
 *
 * <p>Settings are read and validated when the module is constructed ({@code ConfigurationException}
 * lists every problem); {@link #configure()} starts nothing, and the module works in strict
 * injectors. When {@code auth.token.remote-jwks.url} is set the service only verifies: tokens come
 * from the issuer's published keys, and issuing answers {@code service_unavailable}.
 */
public final class JwtModule extends AbstractModule {
  private static final Logger log = LoggerFactory.getLogger(JwtModule.class);

  private final JwtSettings settings;

  /** Settings from the standard stack (application.conf, reference.conf, environment). */
  public JwtModule() {
    this(AuthConfig.load());
  }

  /**
   * Settings from {@code config}.
   *
   * @throws ConfigurationException listing every invalid or insecure {@code auth.token} setting
   */
  public JwtModule(Config config) {
    this(JwtSettings.load(config));
  }

  /** Settings already read (or built in code, for example with {@link JwtSettings#withKeyRing}). */
  public JwtModule(JwtSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings this module binds. */
  public JwtSettings settings() {
    return settings;
  }

  @Override
  protected void configure() {
    bind(JwtSettings.class).toInstance(settings);
    OptionalBinder.newOptionalBinder(binder(), TokenClaims.class)
        .setDefault()
        .toInstance(TokenClaims.none());
    for (String warning : settings.warnings()) {
      log.warn("Portcullis token settings: {}", warning);
    }
  }

  @Provides
  @Singleton
  KeySource keySource(Clock clock) {
    if (settings.keyRing() != null) {
      return settings.keyRing();
    }
    JwtSettings.RemoteJwksSettings remote = settings.remoteJwks();
    return RemoteJwks.builder(remote.url())
        .clock(clock)
        .cacheTtl(remote.cacheTtl())
        .refetchInterval(remote.refetchInterval())
        .timeout(remote.timeout())
        .build();
  }

  @Provides
  @Singleton
  JwtVerifier verifier(KeySource keys, TokenBlacklist blacklist, Clock clock) {
    return JwtVerifier.fromSettings(settings, keys, blacklist, clock);
  }

  @Provides
  @Singleton
  TokenInspector inspector(JwtVerifier verifier) {
    return new TokenInspector(verifier);
  }

  @Provides
  Jwks jwks(Clock clock) {
    return settings.keyRing() == null
        ? Jwks.of(List.of())
        : settings.keyRing().jwks(clock.instant());
  }

  @Provides
  @Singleton
  TokenService tokenService(
      AuthSettings authSettings,
      JwtVerifier verifier,
      SessionStore sessions,
      TokenBlacklist blacklist,
      UserStore users,
      AuthEvents events,
      TokenClaims extraClaims,
      Clock clock) {
    if (authSettings.environment() != settings.environment()) {
      throw new ConfigurationException(
          List.of(
              new ConfigProblem(
                  "auth.environment",
                  "AUTH_ENVIRONMENT",
                  "is "
                      + authSettings.environment().value()
                      + " for AuthModule but "
                      + settings.environment().value()
                      + " for JwtModule, whose settings were read from another configuration.",
                  "build both modules from the same Config")));
    }
    return new JwtTokenService(
        settings, verifier, sessions, blacklist, users, events, extraClaims, clock);
  }
}
