package dev.portcullis.auth.testkit;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Portcullis wired for tests in one module: {@code AuthModule}, {@code MemoryStoreModule} and
 * {@code JwtModule} built from one test configuration, a {@link MutableClock} as the injected
 * {@link Clock}, and recorders for events and notifications. This is the Java form of {@code
 * AuthModule.stub()}: {@code auth-core} cannot offer that method without depending on the adapters,
 * so write {@code new StubAuthModule()} instead.
 *
 * <pre>{@code
 * Injector injector = StrictInjector.of(new StubAuthModule(), new MyServiceModule());
 * AuthTestKit kit = injector.getInstance(AuthTestKit.class);
 * }</pre>
 *
 * <p>What it sets (see {@link #STUB_SETTINGS}): {@code auth.environment = test}; argon2id at 256
 * KiB and one pass, so a hash takes about a millisecond; login, registration and reset rate limits
 * high enough that lockout tests hit the lockout first; the issuer {@value #ISSUER}, the audience
 * {@value #AUDIENCE} and a fixed HS256 secret. Everything else keeps its {@code reference.conf}
 * default (lockout: 5 failures in 5 minutes lock for 5 minutes; access tokens live 15 minutes).
 * Neither {@code application.conf}, system properties nor the process environment are read: an
 * {@code AUTH_*} variable on the machine running the tests changes nothing. No key file, socket or
 * thread is opened.
 *
 * <p>Bindings besides those of the three modules: {@link Clock} (through {@code
 * OptionalBinder.setBinding()}) and {@link MutableClock} to {@link #clock()}; {@link
 * NotificationSender} to a {@link RecordingNotificationSender}; a {@link RecordingEventListener}
 * added to the event listeners; {@link AuthTestKit}.
 *
 * <p>Settings are read once, and validated, when the module is constructed ({@link
 * PortcullisSettings#load}); each of the three modules takes its area: bad {@linkplain
 * #StubAuthModule(String) overrides} throw {@link ConfigurationException} there. Each instance has
 * its own clock; an injector made from it holds its own, empty stores. Install an instance in one
 * injector only, or the injectors share its clock.
 */
public final class StubAuthModule extends AbstractModule {

  /** The instant the clock starts at, unless {@link #startingAt} says otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

  /** The {@code iss} of every token the stub issues, and the only one it accepts. */
  public static final String ISSUER = "https://auth.portcullis.test";

  /** The audience written into access tokens and required when verifying them. */
  public static final String AUDIENCE = "https://api.portcullis.test";

  /** The key id ({@code kid}) of the stub's signing key. */
  public static final String KEY_ID = "portcullis-test";

  /** The stub's HS256 secret: 48 bytes, known to everyone, so only ever for tests. */
  public static final String SECRET = "portcullis-testkit-hs256-0f3a9c4e7b1d2f5a8c6e0b9d";

  /** The HOCON the stub puts over every {@code reference.conf}; overrides go over it. */
  public static final String STUB_SETTINGS =
      String.join(
          "\n",
          "auth.environment = test",
          "auth.hashing.algorithm = argon2id",
          "auth.hashing.argon2.memory-kib = 256",
          "auth.hashing.argon2.iterations = 1",
          "auth.hashing.argon2.parallelism = 1",
          "auth.rate-limit.login = \"1000/minute\"",
          "auth.rate-limit.login-failures = \"1000/hour\"",
          "auth.rate-limit.register = \"1000/hour\"",
          "auth.rate-limit.password-forgot = \"1000/hour\"",
          "auth.reset.link-template = \"https://app.portcullis.test/reset-password?token={token}\"",
          "auth.token.issuer = \"" + ISSUER + "\"",
          "auth.token.audiences = \"" + AUDIENCE + "\"",
          "auth.token.algorithm = HS256",
          "auth.token.secret-key = \"" + SECRET + "\"",
          "auth.token.key-id = \"" + KEY_ID + "\"",
          "");

  private final String overrides;
  private final Instant start;
  private final Config config;
  private final PortcullisSettings settings;
  private final MutableClock clock;
  private final AuthModule authModule;
  private final JwtModule jwtModule;
  private final MemoryStoreModule storeModule;

  /** The stub with its own settings and a clock at {@link #DEFAULT_START}. */
  public StubAuthModule() {
    this("", DEFAULT_START);
  }

  /**
   * The stub with {@code overrides} (HOCON) over its settings, for example {@code
   * "auth.lockout.max-attempts = 3"}.
   *
   * @throws ConfigurationException listing every invalid setting
   */
  public StubAuthModule(String overrides) {
    this(overrides, DEFAULT_START);
  }

  private StubAuthModule(String overrides, Instant start) {
    this.overrides = Objects.requireNonNull(overrides, "overrides");
    this.start = start;
    this.config = AuthConfig.load(STUB_SETTINGS + overrides, Map.of());
    this.clock = MutableClock.at(start);
    this.settings = PortcullisSettings.load(config);
    this.authModule = new AuthModule(settings);
    this.jwtModule = new JwtModule(settings);
    this.storeModule = new MemoryStoreModule(settings);
  }

  /**
   * A new stub with these settings too (HOCON, over this stub's overrides) and a new clock at the
   * same start.
   *
   * @throws ConfigurationException listing every invalid setting
   */
  public StubAuthModule withSettings(String moreOverrides) {
    Objects.requireNonNull(moreOverrides, "moreOverrides");
    return new StubAuthModule(overrides + "\n" + moreOverrides, start);
  }

  /** A new stub like this one whose clock starts at {@code start}. */
  public StubAuthModule startingAt(Instant start) {
    return new StubAuthModule(overrides, Objects.requireNonNull(start, "start"));
  }

  /** The clock bound as {@link Clock}: move it to expire locks and tokens. */
  public MutableClock clock() {
    return clock;
  }

  /** The resolved configuration the three modules were built from. */
  public Config config() {
    return config;
  }

  /** Every module's settings, read once. */
  public PortcullisSettings settings() {
    return settings;
  }

  /** The core settings, as {@code AuthModule} binds them. */
  public AuthSettings authSettings() {
    return authModule.settings();
  }

  /** The token settings, as {@code JwtModule} binds them. */
  public JwtSettings jwtSettings() {
    return jwtModule.settings();
  }

  @Override
  protected void configure() {
    install(authModule);
    install(storeModule);
    install(jwtModule);

    OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
    bind(MutableClock.class).toInstance(clock);

    RecordingNotificationSender notifications = new RecordingNotificationSender();
    bind(RecordingNotificationSender.class).toInstance(notifications);
    OptionalBinder.newOptionalBinder(binder(), NotificationSender.class)
        .setBinding()
        .toInstance(notifications);

    RecordingEventListener events = new RecordingEventListener();
    bind(RecordingEventListener.class).toInstance(events);
    Multibinder.newSetBinder(binder(), AuthEventListener.class).addBinding().toInstance(events);

    bind(AuthTestKit.class).in(Singleton.class);
  }

  @Override
  public String toString() {
    return "StubAuthModule[clock=" + clock.instant() + "]";
  }
}
