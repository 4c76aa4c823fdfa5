package dev.portcullis.auth.core.account;

import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.PasswordContext;
import dev.portcullis.auth.api.model.PasswordViolation;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.model.ResetToken;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.login.ClientAddresses;
import dev.portcullis.auth.core.login.Identifiers;
import dev.portcullis.auth.core.settings.AuthSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, password change and password reset. Every expected failure is a {@link Result}
 * error; a store that cannot answer gives {@code service_unavailable}. Thread-safe.
 */
public final class AccountService {
  private static final Logger log = LoggerFactory.getLogger(AccountService.class);

  private final Identifiers identifiers;
  private final UserStore users;
  private final SessionStore sessions;
  private final TokenBlacklist blacklist;
  private final ResetTokenStore resetTokens;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final NotificationSender notifications;
  private final RateLimiter rateLimiter;
  private final LoginAttemptTracker tracker;
  private final AuthSettings settings;
  private final Clock clock;
  private final AuthEvents events;
  private final SecureRandom random = new SecureRandom();
  private final CredentialReplacement replacement;

  public AccountService(
      Identifiers identifiers,
      UserStore users,
      SessionStore sessions,
      TokenBlacklist blacklist,
      ResetTokenStore resetTokens,
      PasswordHasher hasher,
      PasswordPolicy policy,
      NotificationSender notifications,
      RateLimiter rateLimiter,
      LoginAttemptTracker tracker,
      AuthSettings settings,
      Clock clock,
      AuthEvents events) {
    this.identifiers = Objects.requireNonNull(identifiers);
    this.users = Objects.requireNonNull(users);
    this.sessions = Objects.requireNonNull(sessions);
    this.blacklist = Objects.requireNonNull(blacklist);
    this.resetTokens = Objects.requireNonNull(resetTokens);
    this.hasher = Objects.requireNonNull(hasher);
    this.policy = Objects.requireNonNull(policy);
    this.notifications = Objects.requireNonNull(notifications);
    this.rateLimiter = Objects.requireNonNull(rateLimiter);
    this.tracker = Objects.requireNonNull(tracker);
    this.settings = Objects.requireNonNull(settings);
    this.clock = Objects.requireNonNull(clock);
    this.events = Objects.requireNonNull(events);
    this.replacement =
        new CredentialReplacement(users, sessions, blacklist, resetTokens, notifications, clock);
  }

  /**
   * Creates an account. Errors: {@code invalid_request} (bad identifier), {@code rate_limited},
   * {@code password_policy} with every violation, {@code identifier_taken}, {@code
   * service_unavailable}. Nothing is stored on error.
   */
  public Result<User> register(Registration registration) {
    Objects.requireNonNull(registration, "registration");
    return guarded(
        () -> {
          Result<String> id = identifiers.normalize(registration.identifier());
          if (id.isErr()) {
            return Result.err(id.failure().orElseThrow());
          }
          String identifier = id.unwrap();
          Result<Void> allowed =
              limit("register", registration.clientAddress(), settings.rateLimits().register());
          if (allowed.isErr()) {
            return Result.err(allowed.failure().orElseThrow());
          }
          String email = identifier.indexOf('@') > 0 ? identifier : null;
          List<PasswordViolation> violations =
              policy.check(
                  registration.password(),
                  new PasswordContext(identifier, email, registration.name()));
          if (!violations.isEmpty()) {
            return Result.err(new AuthError.PasswordPolicyViolated(violations));
          }
          Instant now = clock.instant();
          NewUser user =
              new NewUser(
                  UUID.randomUUID().toString(),
                  identifier,
                  email,
                  registration.name(),
                  hasher.hash(registration.password()),
                  registration.roles(),
                  now,
                  false);
          Result<User> created = users.create(user);
          created.ifOk(
              u ->
                  events.publish(
                      new AuthEvent.Registered(
                          now, u.id(), u.identifier(), registration.clientAddress())));
          return created;
        });
  }

  /**
   * Changes a password, knowing the current one, and ends the user's other sessions (their tokens
   * stop working at once). A wrong current password counts towards the lockout of the user's
   * identifier exactly like a failed login, so this is no unlimited password oracle for whoever
   * holds a session. Errors: {@code invalid_credentials} (wrong current password or
   * unknown/disabled user), {@code account_locked}, {@code password_policy}, {@code
   * service_unavailable}.
   *
   * @param keepSessionId the session making the change, kept alive; null ends every session
   */
  public Result<Void> changePassword(
      String userId, String currentPassword, String newPassword, String keepSessionId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(currentPassword, "currentPassword");
    Objects.requireNonNull(newPassword, "newPassword");
    return guarded(
        () -> {
          Optional<StoredUser> found = users.findById(userId);
          if (found.isEmpty() || !found.get().user().enabled()) {
            return Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
          }
          Result<Void> checked = checkCurrentPassword(found.get(), currentPassword);
          if (checked.isErr()) {
            return checked;
          }
          // Bound to the version whose password was just checked: if a reset or another change
          // landed during the check, this one loses instead of overwriting it.
          Result<Void> set = setPassword(found.get(), newPassword, keepSessionId);
          set.ifOk(v -> events.publish(new AuthEvent.PasswordChanged(clock.instant(), userId)));
          return set;
        });
  }

  /** Checks the current password under the login lockout of the user's identifier. */
  private Result<Void> checkCurrentPassword(StoredUser stored, String password) {
    String key = stored.user().identifier();
    AttemptReservation reservation = tracker.reserve(key);
    if (reservation instanceof AttemptReservation.Denied denied) {
      Instant now = clock.instant();
      Instant until = denied.status().lockEnd().orElse(now);
      return Result.err(new AuthError.AccountLocked(until, Duration.between(now, until)));
    }
    AttemptReservation.Granted slot = (AttemptReservation.Granted) reservation;
    boolean settled = false;
    try {
      boolean matches =
          hasher.supports(stored.passwordHash()) && hasher.verify(password, stored.passwordHash());
      if (matches) {
        tracker.recordSuccess(slot);
        settled = true;
        return Result.ok();
      }
      LockStatus status = tracker.recordFailure(slot);
      settled = true;
      if (status.locked()) {
        events.publish(
            new AuthEvent.LockedOut(clock.instant(), key, status.lockedUntil(), status.failures()));
      }
      return Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
    } finally {
      if (!settled) {
        try {
          tracker.release(slot);
        } catch (RuntimeException e) {
          log.warn("could not release a password-check reservation; it expires on its own");
        }
      }
    }
  }

  /**
   * Starts a password reset. Answers the same whether or not the identifier has an account, so it
   * reveals nothing; when it has one, a single-use link valid for {@code auth.reset.token-ttl} is
   * sent through the {@link NotificationSender}. Errors: {@code rate_limited}, {@code
   * invalid_request} for a malformed identifier, {@code service_unavailable}.
   */
  public Result<Void> requestPasswordReset(String rawIdentifier, String clientAddress) {
    return guarded(
        () -> {
          Result<String> id = identifiers.normalize(rawIdentifier);
          if (id.isErr()) {
            return Result.err(id.failure().orElseThrow());
          }
          Result<Void> allowed =
              limit("password-forgot", clientAddress, settings.rateLimits().passwordForgot());
          if (allowed.isErr()) {
            return allowed;
          }
          String identifier = id.unwrap();
          Instant now = clock.instant();
          Optional<StoredUser> found = users.findByIdentifier(identifier);
          if (found.isEmpty() || !found.get().user().enabled()) {
            log.debug("password reset requested for an identifier with no active account");
            events.publish(
                new AuthEvent.PasswordResetRequested(now, identifier, null, clientAddress));
            return Result.ok();
          }
          User user = found.get().user();
          String token = newResetToken();
          Instant expires = now.plus(settings.reset().tokenTtl());
          resetTokens.save(
              new ResetToken(
                  ResetLinks.sha256Hex(token),
                  user.id(),
                  now,
                  expires,
                  found.get().credentialsVersion()));
          events.publish(
              new AuthEvent.PasswordResetRequested(now, identifier, user.id(), clientAddress));
          Result<Void> sent =
              notifications.send(
                  new Notification.PasswordReset(user, settings.reset().link(token), expires));
          sent.ifErr(e -> log.warn("could not deliver a password-reset link: {}", e.code()));
          // The caller learns nothing about delivery either: the answer must not depend on it.
          return Result.ok();
        });
  }

  /**
   * Completes a reset: a valid, unused, unexpired link sets the new password, ends every session of
   * the user and proves control of the address. A link works only under the credentials version it
   * was issued for, so a password change or another reset kills it, whatever interleaves. The new
   * password is checked and hashed before the link is used, so a refused password leaves the link
   * as it was and nothing is ever given back. Errors: {@code reset_token_invalid}, {@code
   * password_policy} (the link stays usable then), {@code service_unavailable}.
   */
  public Result<Void> resetPassword(String token, String newPassword) {
    Objects.requireNonNull(newPassword, "newPassword");
    return guarded(
        () -> {
          if (token == null || token.isBlank() || token.length() > 128) {
            return Result.err(AuthError.of(ErrorKind.RESET_TOKEN_INVALID));
          }
          String hash = ResetLinks.sha256Hex(token);
          Optional<ResetToken> link = resetTokens.find(hash, clock.instant());
          if (link.isEmpty()) {
            return Result.err(AuthError.of(ErrorKind.RESET_TOKEN_INVALID));
          }
          Optional<StoredUser> found = users.findById(link.get().userId());
          if (found.isEmpty()
              || !found.get().user().enabled()
              || found.get().credentialsVersion() != link.get().credentialsVersion()) {
            return Result.err(AuthError.of(ErrorKind.RESET_TOKEN_INVALID));
          }
          StoredUser account = found.get();
          List<PasswordViolation> violations =
              policy.check(newPassword, PasswordContext.of(account.user()));
          if (!violations.isEmpty()) {
            return Result.err(new AuthError.PasswordPolicyViolated(violations));
          }
          String newHash = hasher.hash(newPassword);
          if (resetTokens.consume(hash, clock.instant()).isEmpty()) {
            return Result.err(AuthError.of(ErrorKind.RESET_TOKEN_INVALID));
          }
          // The compare-and-set on the version the link was issued under: a change that landed
          // since the look-up wins and this reset fails.
          if (!replacePassword(account, newHash, null)) {
            return Result.err(AuthError.of(ErrorKind.RESET_TOKEN_INVALID));
          }
          // The link reached the mailbox, so whoever used it controls the address.
          users.markEmailVerified(account.user().id());
          events.publish(
              new AuthEvent.PasswordResetCompleted(clock.instant(), account.user().id()));
          return Result.ok();
        });
  }

  /**
   * Records that an identity provider proved control of this account's address (user sync after an
   * external sign-in). An account whose address was never proven may have been registered by
   * someone else before its owner arrived (account pre-hijacking): its password, chosen by whoever
   * registered it, is removed first, every session and token of it ends and outstanding reset links
   * die, so the owner's external identity is never linked to a stranger's password. The owner sets
   * a password through "forgot password" if they want one. Errors: {@code not_found}, {@code
   * service_unavailable}.
   *
   * @return whether a password had to be removed
   */
  public Result<Boolean> proveEmail(String userId) {
    Objects.requireNonNull(userId, "userId");
    return guarded(
        () -> {
          for (int attempt = 0; attempt < 3; attempt++) {
            Optional<StoredUser> found = users.findById(userId);
            if (found.isEmpty()) {
              return Result.err(new AuthError.NotFound("user"));
            }
            if (found.get().user().emailVerified()) {
              return Result.ok(false);
            }
            // Compare-and-set on the version read: a concurrent change makes us read again, so a
            // password set meanwhile by the stranger is removed too.
            if (replacePassword(found.get(), hasher.hash(unguessablePassword()), null)) {
              users.markEmailVerified(userId);
              log.warn(
                  "user {} was linked to an external identity before its address was proven: its"
                      + " password was removed and its sessions ended",
                  userId);
              return Result.ok(true);
            }
          }
          return Result.err(
              new AuthError.ServiceUnavailable(
                  "user sync", "the account's password kept changing; try again"));
        });
  }

  private Result<Void> setPassword(StoredUser account, String newPassword, String keepSessionId) {
    List<PasswordViolation> violations =
        policy.check(newPassword, PasswordContext.of(account.user()));
    if (!violations.isEmpty()) {
      return Result.err(new AuthError.PasswordPolicyViolated(violations));
    }
    return replacePassword(account, hasher.hash(newPassword), keepSessionId)
        ? Result.ok()
        : Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
  }

  private boolean replacePassword(StoredUser account, String newHash, String keepSessionId) {
    return replacement.replace(account, newHash, keepSessionId);
  }

  private Result<Void> limit(String operation, String clientAddress, RateLimitRule rule) {
    // The same address key as the login's: IPv6 clients are counted per network prefix.
    String key = ClientAddresses.key(clientAddress, settings.rateLimits().ipv6Prefix());
    RateLimitDecision d = rateLimiter.tryAcquire(operation + ":" + key, rule);
    return d.allowed()
        ? Result.ok()
        : Result.err(new AuthError.RateLimited(rule.toString(), d.retryAfter()));
  }

  private <T> Result<T> guarded(Supplier<Result<T>> action) {
    return Result.catching(
        action,
        e -> {
          log.warn("account operation failed closed: {}: {}", e.code(), e.message());
          return Result.err(e);
        });
  }

  private String newResetToken() {
    return ResetLinks.newToken(random);
  }

  /** A password nobody knows or is told: 256 random bits. */
  private String unguessablePassword() {
    return ResetLinks.newToken(random);
  }
}
