package dev.portcullis.auth.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.account.AccountAdmin;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.LockoutAdmin;
import dev.portcullis.auth.core.account.ProfileService;
import dev.portcullis.auth.core.account.imports.UserImporter;
import dev.portcullis.auth.core.event.AuditTrail;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.hash.BoundedPasswordHasher;
import dev.portcullis.auth.core.hash.PasswordHashers;
import dev.portcullis.auth.core.login.Identifiers;
import dev.portcullis.auth.core.login.PasswordAuthenticator;
import dev.portcullis.auth.core.notify.LoggingNotificationSender;
import dev.portcullis.auth.core.policy.PasswordPolicies;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core of Portcullis: validated settings, login with lockout and rate limits, password hashing
 * and policy, registration, password change and reset, account administration, profile, events.
 *
 * <p>Install it with one store module ({@code MemoryStoreModule}, {@code JdbcStoreModule} or your
 * own adapters of the {@code dev.portcullis.auth.api.store} ports) and, for tokens, {@code
 * JwtModule}. Read the settings of every module once with {@link PortcullisSettings#load} and give
 * each module its area: invalid settings throw one {@link ConfigurationException} listing every
 * problem, before any module exists. Building the module reads nothing.
 *
 * <p>Replaceable defaults, through {@link OptionalBinder#setBinding()}: {@link Clock} (system UTC),
 * {@link PasswordHasher} (from {@code auth.hashing}), {@link PasswordPolicy} (from {@code
 * auth.password}), {@link NotificationSender} (logs, development only). Whichever hasher is bound,
 * login and account operations use it through a {@link BoundedPasswordHasher} ({@code
 * auth.hashing.max-concurrent}), and whichever policy is bound, passwords that hasher cannot take
 * are refused as policy violations ({@link PasswordPolicies#forHasher}). Listeners: {@code
 * Multibinder.newSetBinder(binder(), AuthEventListener.class)}; the {@link AuditTrail}, which
 * writes every event to the {@code AuditStore}, is registered by default: synchronously, or through
 * a queue with {@code auth.audit.mode = queued}, whose writer thread the application stops with
 * {@code injector.getInstance(AuditTrail.class).close()} before it closes the store.
 *
 * <p>The module does no work in {@link #configure()}; it works in strict injectors ({@code
 * Stage.PRODUCTION}, {@code requireExplicitBindings()}).
 */
public final class AuthModule extends AbstractModule {
  private static final Logger log = LoggerFactory.getLogger(AuthModule.class);

  private final AuthSettings settings;

  /**
   * Settings from the standard stack (application.conf, reference.conf, environment), read once.
   *
   * @throws ConfigurationException listing every invalid or insecure setting of every module
   */
  public AuthModule() {
    this(AuthConfig.load());
  }

  /**
   * Settings read once from {@code config}: a convenience for {@code new
   * AuthModule(PortcullisSettings.load(config))}. With other modules, load the settings once and
   * give each module the same {@link PortcullisSettings}.
   *
   * @throws ConfigurationException listing every invalid or insecure setting of every module
   */
  public AuthModule(Config config) {
    this(PortcullisSettings.load(config));
  }

  /** The core's area of settings read once for every module. */
  public AuthModule(PortcullisSettings settings) {
    this(settings.core());
  }

  /** Settings already read. */
  public AuthModule(AuthSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The validated settings this module binds. */
  public AuthSettings settings() {
    return settings;
  }

  @Override
  protected void configure() {
    bind(AuthSettings.class).toInstance(settings);
    bind(LockoutPolicy.class).toInstance(settings.lockout());

    OptionalBinder.newOptionalBinder(binder(), Clock.class)
        .setDefault()
        .toInstance(Clock.systemUTC());
    OptionalBinder.newOptionalBinder(binder(), PasswordHasher.class)
        .setDefault()
        .toInstance(PasswordHashers.create(settings.hashing()));
    OptionalBinder.newOptionalBinder(binder(), PasswordPolicy.class)
        .setDefault()
        .toInstance(PasswordPolicies.configured(settings.passwordPolicy()));
    OptionalBinder.newOptionalBinder(binder(), NotificationSender.class)
        .setDefault()
        .to(LoggingNotificationSender.class);
    bind(LoggingNotificationSender.class).toInstance(new LoggingNotificationSender());

    Multibinder.newSetBinder(binder(), AuthEventListener.class).addBinding().to(AuditTrail.class);
    bind(AuthEvents.class);

    // Store ports come from a store module; declaring them optional lets the check below name the
    // modules to install instead of Guice's bare "no implementation bound".
    OptionalBinder.newOptionalBinder(binder(), UserStore.class);
    OptionalBinder.newOptionalBinder(binder(), SessionStore.class);
    OptionalBinder.newOptionalBinder(binder(), LoginAttemptTracker.class);
    OptionalBinder.newOptionalBinder(binder(), TokenBlacklist.class);
    OptionalBinder.newOptionalBinder(binder(), RateLimiter.class);
    OptionalBinder.newOptionalBinder(binder(), ResetTokenStore.class);
    OptionalBinder.newOptionalBinder(binder(), AuditStore.class);
    // From a token module (JwtModule); only AccountAdmin needs it.
    OptionalBinder.newOptionalBinder(binder(), TokenService.class);

    bind(StartupCheck.class).asEagerSingleton();
    for (String warning : settings.warnings()) {
      log.warn("Portcullis settings: {}", warning);
    }
  }

  @Provides
  @Singleton
  AuditTrail auditTrail(Optional<AuditStore> audit) {
    // Queued only when auth.audit.mode says so (auto is synchronous here; auth-server makes it
    // queued and closes the trail before the store).
    return AuditTrail.of(required(audit, AuditStore.class), settings.audit());
  }

  /**
   * The bound {@link PasswordHasher}, whichever it is, limited to {@code
   * auth.hashing.max-concurrent} hashes at once: everything that hashes a password for a request
   * goes through this one.
   */
  @Provides
  @Singleton
  BoundedPasswordHasher boundedPasswordHasher(PasswordHasher hasher) {
    return new BoundedPasswordHasher(hasher, settings.hashingLimits());
  }

  @Provides
  @Singleton
  Identifiers identifiers() {
    return new Identifiers(settings.maxIdentifierLength());
  }

  @Provides
  @Singleton
  Authenticator authenticator(
      Identifiers identifiers,
      Optional<RateLimiter> rateLimiter,
      Optional<LoginAttemptTracker> tracker,
      Optional<UserStore> users,
      BoundedPasswordHasher hasher,
      Clock clock,
      AuthEvents events) {
    return new PasswordAuthenticator(
        identifiers,
        required(rateLimiter, RateLimiter.class),
        settings.rateLimits(),
        required(tracker, LoginAttemptTracker.class),
        required(users, UserStore.class),
        hasher,
        clock,
        events);
  }

  @Provides
  @Singleton
  AccountService accountService(
      Identifiers identifiers,
      Optional<UserStore> users,
      Optional<SessionStore> sessions,
      Optional<TokenBlacklist> blacklist,
      Optional<ResetTokenStore> resetTokens,
      BoundedPasswordHasher hasher,
      PasswordPolicy policy,
      NotificationSender notifications,
      Optional<RateLimiter> rateLimiter,
      Optional<LoginAttemptTracker> tracker,
      Clock clock,
      AuthEvents events) {
    return new AccountService(
        identifiers,
        required(users, UserStore.class),
        required(sessions, SessionStore.class),
        required(blacklist, TokenBlacklist.class),
        required(resetTokens, ResetTokenStore.class),
        hasher,
        // Whatever policy is bound, passwords the hasher cannot take are policy violations.
        PasswordPolicies.forHasher(policy, settings.hashing()),
        notifications,
        required(rateLimiter, RateLimiter.class),
        required(tracker, LoginAttemptTracker.class),
        settings,
        clock,
        events);
  }

  /**
   * Not a singleton, so that an injector without a token module still starts (in {@code
   * Stage.PRODUCTION} singletons are built eagerly); asking for it there fails naming the module.
   */
  @Provides
  AccountAdmin accountAdmin(
      Identifiers identifiers,
      Optional<UserStore> users,
      Optional<TokenService> tokens,
      BoundedPasswordHasher hasher,
      PasswordPolicy policy,
      Clock clock,
      AuthEvents events,
      AccountService accounts) {
    return new AccountAdmin(
        identifiers,
        required(users, UserStore.class),
        hasher,
        PasswordPolicies.forHasher(policy, settings.hashing()),
        tokens.orElseThrow(
            () ->
                new ConfigurationException(
                    java.util.List.of(
                        new ConfigProblem(
                            "binding TokenService",
                            null,
                            "nothing implements "
                                + TokenService.class.getName()
                                + ", which AccountAdmin needs to revoke the tokens of a disabled"
                                + " account.",
                            "install a token module next to AuthModule: new JwtModule(...)"
                                + " (auth-jwt)")))),
        clock,
        events,
        accounts);
  }

  @Provides
  @Singleton
  UserImporter userImporter(
      Identifiers identifiers,
      Optional<UserStore> users,
      PasswordHasher hasher,
      Clock clock,
      AuthEvents events) {
    return new UserImporter(identifiers, required(users, UserStore.class), hasher, clock, events);
  }

  @Provides
  @Singleton
  ProfileService profileService(
      Optional<UserStore> users, Optional<SessionStore> sessions, Clock clock) {
    return new ProfileService(
        required(users, UserStore.class), required(sessions, SessionStore.class), clock);
  }

  @Provides
  @Singleton
  LockoutAdmin lockoutAdmin(
      Optional<LoginAttemptTracker> tracker,
      Identifiers identifiers,
      Clock clock,
      AuthEvents events) {
    return new LockoutAdmin(
        required(tracker, LoginAttemptTracker.class), identifiers, clock, events);
  }

  /** Fails injector creation with every wiring problem named, in every stage. */
  static final class StartupCheck {
    @com.google.inject.Inject
    StartupCheck(
        AuthSettings settings,
        NotificationSender notifications,
        Optional<UserStore> users,
        Optional<SessionStore> sessions,
        Optional<LoginAttemptTracker> tracker,
        Optional<TokenBlacklist> blacklist,
        Optional<RateLimiter> rateLimiter,
        Optional<ResetTokenStore> resetTokens,
        Optional<AuditStore> audit) {
      java.util.List<ConfigProblem> problems = new java.util.ArrayList<>();
      missing(problems, users, UserStore.class);
      missing(problems, sessions, SessionStore.class);
      missing(problems, tracker, LoginAttemptTracker.class);
      missing(problems, blacklist, TokenBlacklist.class);
      missing(problems, rateLimiter, RateLimiter.class);
      missing(problems, resetTokens, ResetTokenStore.class);
      missing(problems, audit, AuditStore.class);
      if (settings.environment().strict() && notifications instanceof LoggingNotificationSender) {
        problems.add(
            new ConfigProblem(
                "binding NotificationSender",
                null,
                "is the development default, which writes reset links to the log; refused in "
                    + settings.environment().value()
                    + ".",
                "bind a real sender: OptionalBinder.newOptionalBinder(binder(),"
                    + " NotificationSender.class).setBinding().to(YourMailSender.class)"));
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
    }
  }

  private static void missing(
      java.util.List<ConfigProblem> problems, Optional<?> binding, Class<?> port) {
    if (binding.isEmpty()) {
      problems.add(missingStore(port));
    }
  }

  private static <T> T required(Optional<T> binding, Class<T> port) {
    return binding.orElseThrow(
        () -> new ConfigurationException(java.util.List.of(missingStore(port))));
  }

  private static ConfigProblem missingStore(Class<?> port) {
    return new ConfigProblem(
        "binding " + port.getSimpleName(),
        null,
        "nothing implements " + port.getName() + ".",
        "install a store module next to AuthModule: new MemoryStoreModule(settings) (auth-store-memory),"
            + " new JdbcStoreModule(...) (auth-store-jdbc), or your own module binding every port"
            + " of dev.portcullis.auth.api.store");
  }
}
