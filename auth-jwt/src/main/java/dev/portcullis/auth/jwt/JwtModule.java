package dev.portcullis.auth.jwt;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.internal.JwtOAuthTokens;
import dev.portcullis.auth.jwt.internal.JwtTokenService;
import dev.portcullis.auth.jwt.internal.KeyLoader;
import dev.portcullis.auth.jwt.internal.SessionTokens;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds {@link TokenService} on signed JWTs, with {@link JwtVerifier}, {@link TokenInspector},
 * {@link JwtSettings}, {@link KeySource} and the current {@link Jwks} document (inject {@code
 * Provider<Jwks>} to serve it; it drops retired keys as time passes).
 *
 * <p>Install it next to {@code AuthModule} and a store module, built from the same {@link
 * PortcullisSettings}: it uses {@link Clock}, {@link AuthEvents}, {@link SessionStore}, {@link
 * TokenBlacklist} and {@link UserStore} from the injector. Extra access-token claims come from
 * {@link TokenClaims} (default: none); key files are read through {@link KeyFiles} (default: the
 * file system). Replace either with {@code OptionalBinder.setBinding()}.
 *
 * <p>Building the module reads nothing and {@link #configure()} starts nothing; the signing keys
 * are loaded once, when the injector is built (in every stage), and a key file that cannot be read
 * or used fails that with a {@link ConfigurationException} naming the setting. When {@code
 * auth.token.remote-jwks.url} is set the service only verifies: tokens come from the issuer's
 * published keys, and issuing answers {@code service_unavailable}. Works in strict injectors.
 */
public final class JwtModule extends AbstractModule {
  private static final Logger log = LoggerFactory.getLogger(JwtModule.class);

  private final JwtSettings settings;

  /**
   * Settings from the standard stack (application.conf, reference.conf, environment), read once.
   *
   * @throws ConfigurationException listing every invalid or insecure setting of every module
   */
  public JwtModule() {
    this(AuthConfig.load());
  }

  /**
   * Settings read once from {@code config}: a convenience for {@code new
   * JwtModule(PortcullisSettings.load(config))}. With other modules, load the settings once and
   * give each module the same {@link PortcullisSettings}.
   *
   * @throws ConfigurationException listing every invalid or insecure setting of every module
   */
  public JwtModule(Config config) {
    this(PortcullisSettings.load(config));
  }

  /** The {@code auth.token} area of settings read once for every module. */
  public JwtModule(PortcullisSettings settings) {
    this(settings.get(JwtSettings.class));
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
    OptionalBinder.newOptionalBinder(binder(), KeyFiles.class)
        .setDefault()
        .toInstance(KeyFiles.system());
    bind(KeysLoaded.class).asEagerSingleton();
    for (String warning : settings.warnings()) {
      log.warn("Portcullis token settings: {}", warning);
    }
  }

  /** Loads the keys when the injector is built, in every stage, so a bad key file fails it. */
  static final class KeysLoaded {
    @Inject
    KeysLoaded(KeySource keys) {}
  }

  /** The signing keys, loaded once (key files read through {@link KeyFiles}), or a remote JWKS. */
  @Provides
  @Singleton
  KeySource keySource(KeyFiles files, Clock clock) {
    if (settings.signingKeys() != null) {
      return KeyLoader.load(settings.signingKeys(), files);
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
  Jwks jwks(KeySource keys, Clock clock) {
    return keys instanceof KeyRing ring ? ring.jwks(clock.instant()) : Jwks.of(List.of());
  }

  @Provides
  @Singleton
  TokenService tokenService(
      KeySource keys,
      JwtVerifier verifier,
      SessionStore sessions,
      TokenBlacklist blacklist,
      UserStore users,
      AuthEvents events,
      TokenClaims extraClaims,
      Clock clock) {
    return new JwtTokenService(
        settings,
        keys instanceof KeyRing ring ? ring : null,
        verifier,
        sessions,
        blacklist,
        users,
        events,
        extraClaims,
        clock);
  }

  /**
   * Tokens for OAuth clients (RFC 9068), on the same keys, sessions and revocations as {@link
   * TokenService}. In a service that only verifies every call answers {@code service_unavailable},
   * as issuing does.
   */
  @Provides
  @Singleton
  OAuthTokens oauthTokens(
      KeySource keys,
      SessionStore sessions,
      TokenBlacklist blacklist,
      UserStore users,
      AuthEvents events,
      TokenClaims extraClaims,
      Clock clock) {
    if (!(keys instanceof KeyRing ring)) {
      return JwtOAuthTokens.verifyOnly();
    }
    return new JwtOAuthTokens(
        settings,
        ring,
        new SessionTokens(settings, ring, sessions, blacklist, users, events, extraClaims, clock),
        sessions,
        blacklist,
        users,
        clock);
  }
}
