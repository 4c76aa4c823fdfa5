package dev.portcullis.auth.testkit;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.LockoutAdmin;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.login.Identifiers;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.core.settings.ResetSettings;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.KeySource;
import dev.portcullis.auth.jwt.TokenInspector;
import dev.portcullis.auth.jwt.TokenReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Test helpers over an injector built with {@link StubAuthModule}: create users, log in, lock an
 * identifier, mint tokens in every state, move time, read what was published. Every helper goes
 * through the real ports of the injector, so what it sets up is what production would see.
 *
 * <p>Inject it ({@code @Inject AuthTestKit kit}, or a parameter with {@link PortcullisExtension}),
 * or {@code injector.getInstance(AuthTestKit.class)}. Helpers that set something up throw when it
 * cannot be done (the {@code AuthException} of {@code Result.unwrap()}, or {@link
 * IllegalStateException}), so a broken setup fails the test at its cause; helpers named after an
 * operation ({@link #login}, {@link #authenticate}, {@link #verify}) return its {@code Result}.
 * Thread-safe.
 */
public final class AuthTestKit {

  /**
   * The password of users made by {@link #createUser(String, String...)}: passes the default
   * policy.
   */
  public static final String PASSWORD = "correct horse battery staple";

  private final Authenticator authenticator;
  private final TokenService tokenService;
  private final AccountService accounts;
  private final LockoutAdmin lockouts;
  private final LoginAttemptTracker tracker;
  private final LockoutPolicy lockoutPolicy;
  private final Identifiers identifiers;
  private final UserStore users;
  private final TokenInspector inspector;
  private final AuthSettings authSettings;
  private final Clock clock;
  private final MutableClock mutableClock;
  private final RecordingEventListener events;
  private final RecordingNotificationSender notifications;
  private final TestTokens tokens;

  @Inject
  AuthTestKit(
      Authenticator authenticator,
      TokenService tokenService,
      AccountService accounts,
      LockoutAdmin lockouts,
      LoginAttemptTracker tracker,
      LockoutPolicy lockoutPolicy,
      Identifiers identifiers,
      UserStore users,
      TokenInspector inspector,
      AuthSettings authSettings,
      JwtSettings jwtSettings,
      KeySource keys,
      Clock clock,
      MutableClock mutableClock,
      RecordingEventListener events,
      RecordingNotificationSender notifications) {
    this.authenticator = authenticator;
    this.tokenService = tokenService;
    this.accounts = accounts;
    this.lockouts = lockouts;
    this.tracker = tracker;
    this.lockoutPolicy = lockoutPolicy;
    this.identifiers = identifiers;
    this.users = users;
    this.inspector = inspector;
    this.authSettings = authSettings;
    this.clock = clock;
    this.mutableClock = mutableClock;
    this.events = events;
    this.notifications = notifications;
    this.tokens =
        new TestTokens(
            tokenService, users, jwtSettings, keys instanceof KeyRing ring ? ring : null, clock);
  }

  // ---- time

  /** The stub's clock; move it instead of sleeping. */
  public MutableClock clock() {
    return mutableClock;
  }

  /** The injected clock's instant. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Moves the stub's clock forward by {@code by}.
   *
   * @return the new instant
   */
  public Instant advance(Duration by) {
    return mutableClock.advance(by);
  }

  // ---- users

  /**
   * Registers a user with {@link #PASSWORD} and {@code roles}, through {@code
   * AccountService.register} (identifier normalised, password policy applied, hash stored).
   *
   * @throws dev.portcullis.auth.api.error.AuthException if registration fails, for example {@code
   *     IdentifierTakenException}
   */
  public User createUser(String identifier, String... roles) {
    return createUser(identifier, PASSWORD, Set.of(roles));
  }

  /**
   * Registers a user with this password and these roles.
   *
   * @throws dev.portcullis.auth.api.error.AuthException if registration fails, for example {@code
   *     PasswordPolicyException}
   */
  public User createUser(String identifier, String password, Set<String> roles) {
    return accounts.register(new Registration(identifier, password, null, roles, null)).unwrap();
  }

  /** The user as stored now (roles and enabled flag included). */
  public User reload(User user) {
    return users
        .findById(user.id())
        .orElseThrow(() -> new IllegalStateException("no user with id " + user.id()))
        .user();
  }

  /** Disables a user: logins answer {@code invalid_credentials}, refreshes too. */
  public void disable(User user) {
    require(users.setEnabled(user.id(), false), user);
  }

  /** Replaces a user's roles; tokens issued from now on carry them. */
  public void setRoles(User user, String... roles) {
    require(users.setRoles(user.id(), Set.of(roles)), user);
  }

  private static void require(boolean done, User user) {
    if (!done) {
      throw new IllegalStateException("no user with id " + user.id());
    }
  }

  // ---- login

  /**
   * One password check through the real {@code Authenticator}, lockout and rate limits included.
   */
  public Result<Authentication> authenticate(String identifier, String password) {
    return authenticator.authenticate(LoginRequest.of(identifier, password));
  }

  /** A full login: the password check, then tokens from the real {@code TokenService}. */
  public Result<TokenPair> login(String identifier, String password) {
    return authenticate(identifier, password).flatMap(tokenService::issue);
  }

  /**
   * Requests a password reset for {@code identifier} through {@code AccountService} and returns the
   * one-time token from the link the user was sent.
   *
   * @throws IllegalStateException if no link was sent (no such enabled account, or a test replaced
   *     the {@code NotificationSender})
   */
  public String requestPasswordReset(String identifier) {
    int before = notifications.sent().size();
    accounts.requestPasswordReset(identifier, null).unwrap();
    List<Notification> sent = notifications.sent();
    for (int i = sent.size() - 1; i >= before; i--) {
      if (sent.get(i) instanceof Notification.PasswordReset reset) {
        return tokenOf(reset.link());
      }
    }
    throw new IllegalStateException(
        "no password-reset link was sent for '"
            + identifier
            + "': no enabled account has it, or the NotificationSender was replaced");
  }

  private String tokenOf(String link) {
    String template = authSettings.reset().linkTemplate();
    int at = template.indexOf(ResetSettings.TOKEN_PLACEHOLDER);
    String prefix = template.substring(0, at);
    String suffix = template.substring(at + ResetSettings.TOKEN_PLACEHOLDER.length());
    return link.substring(prefix.length(), link.length() - suffix.length());
  }

  // ---- lockout

  /**
   * Locks {@code identifier} as that many failed logins would, through the real {@link
   * LoginAttemptTracker} (no password is checked, no rate limit is spent, no event is published).
   *
   * @return the lock, whose {@code lockedUntil} says when it ends
   * @throws IllegalStateException if the identifier is invalid or the tracker never locks it (for
   *     example {@code LoginAttemptTracker.disabled()})
   */
  public LockStatus lock(String identifier) {
    String key = identifiers.normalize(identifier).unwrap();
    for (int i = 0; i <= lockoutPolicy.maxAttempts(); i++) {
      AttemptReservation reservation = tracker.reserve(key);
      if (reservation instanceof AttemptReservation.Denied denied && denied.status().locked()) {
        return denied.status();
      }
      if (reservation instanceof AttemptReservation.Granted granted) {
        LockStatus status = tracker.recordFailure(granted);
        if (status.locked()) {
          return status;
        }
      }
    }
    throw new IllegalStateException(
        "the LoginAttemptTracker did not lock '"
            + key
            + "' after "
            + (lockoutPolicy.maxAttempts() + 1)
            + " failures; is lockout disabled?");
  }

  /** The failures and lock of {@code identifier} now. */
  public LockStatus lockStatus(String identifier) {
    return tracker.status(identifiers.normalize(identifier).unwrap());
  }

  /**
   * Clears the lock of {@code identifier}, as an operator would ({@code LockoutAdmin.clear}).
   *
   * @throws dev.portcullis.auth.api.error.NotFoundException if it was not locked
   */
  public void unlock(String identifier) {
    lockouts.clear(identifier).unwrap();
  }

  // ---- tokens

  /** Tokens in every state: valid, expired, not yet valid, revoked, for another audience... */
  public TestTokens tokens() {
    return tokens;
  }

  /** The token service's verdict on {@code accessToken}. */
  public Result<Principal> verify(String accessToken) {
    return tokenService.verify(accessToken);
  }

  /**
   * Everything the inspector finds in {@code token}: header, claims, and every reason it fails (not
   * only the first), without throwing.
   */
  public TokenReport inspect(String token) {
    return inspector.inspect(token);
  }

  // ---- what was published

  /** The events published so far, oldest first. */
  public List<AuthEvent> events() {
    return events.all();
  }

  /** The events of one type, for example {@code events(AuthEvent.LockedOut.class)}. */
  public <E extends AuthEvent> List<E> events(Class<E> type) {
    return events.ofType(type);
  }

  /**
   * The notifications sent so far (password-reset links, password-changed notices), oldest first.
   * Empty when a test replaced the {@code NotificationSender}.
   */
  public List<Notification> notifications() {
    return notifications.sent();
  }

  @Override
  public String toString() {
    return "AuthTestKit[now=" + Objects.toString(clock.instant()) + "]";
  }
}
