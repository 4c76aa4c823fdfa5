package dev.portcullis.auth.core.account;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.PasswordContext;
import dev.portcullis.auth.api.model.PasswordViolation;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.login.Identifiers;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Operators' and trusted back ends' account management: create with a password (command line),
 * upsert by e-mail without one (user sync after an external sign-in), list, enable and disable.
 * Disabling also revokes every token of the user through the {@link TokenService}, so it takes
 * effect at once. Every expected failure is a {@link Result} error; a store that cannot answer
 * gives {@code service_unavailable}. Thread-safe.
 */
public final class AccountAdmin {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Identifiers identifiers;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final TokenService tokens;
  private final Clock clock;
  private final AuthEvents events;
  private final AccountService accounts;

  /**
   * The outcome of an upsert.
   *
   * @param user the account
   * @param created whether this call created it
   * @param passwordRemoved whether the account existed with an unproven address, so its password
   *     (possibly set by a stranger who registered the address first) was removed
   */
  public record Synced(User user, boolean created, boolean passwordRemoved) {}

  /**
   * @param hasher the same (bounded) hasher as {@link AccountService}'s
   * @param policy the same hasher-aware policy as {@link AccountService}'s
   * @param accounts for the rule that proves an address ({@link AccountService#proveEmail})
   */
  public AccountAdmin(
      Identifiers identifiers,
      UserStore users,
      PasswordHasher hasher,
      PasswordPolicy policy,
      TokenService tokens,
      Clock clock,
      AuthEvents events,
      AccountService accounts) {
    this.identifiers = Objects.requireNonNull(identifiers);
    this.users = Objects.requireNonNull(users);
    this.hasher = Objects.requireNonNull(hasher);
    this.policy = Objects.requireNonNull(policy);
    this.tokens = Objects.requireNonNull(tokens);
    this.clock = Objects.requireNonNull(clock);
    this.events = Objects.requireNonNull(events);
    this.accounts = Objects.requireNonNull(accounts);
  }

  /**
   * Creates an account with a password checked against the policy. Errors: {@code invalid_request},
   * {@code password_policy}, {@code identifier_taken}, {@code service_unavailable}.
   */
  public Result<User> create(String email, String password, String name, Set<String> roles) {
    return guarded(
        () -> {
          Result<String> id = email(email);
          if (id.isErr()) {
            return Result.err(id.failure().orElseThrow());
          }
          List<PasswordViolation> violations =
              policy.check(password, new PasswordContext(id.unwrap(), id.unwrap(), name));
          if (!violations.isEmpty()) {
            return Result.err(new AuthError.PasswordPolicyViolated(violations));
          }
          // The operator vouches for the address.
          return insert(id.unwrap(), name, hasher.hash(password), roles, "command line");
        });
  }

  /**
   * Finds the account with this e-mail address or creates one without a usable password (the user
   * sets one through "forgot password"). The caller (a trusted back end after an external sign-in)
   * vouches that the address is proven: an existing account whose address was never proven loses
   * its password first ({@link AccountService#proveEmail}), so an account pre-registered by a
   * stranger is never handed over with the stranger's password. Errors: {@code invalid_request},
   * {@code service_unavailable}.
   */
  public Result<Synced> upsert(String email, String name, String clientAddress) {
    return guarded(
        () -> {
          Result<String> id = email(email);
          if (id.isErr()) {
            return Result.err(id.failure().orElseThrow());
          }
          Optional<StoredUser> found = users.findByIdentifier(id.unwrap());
          if (found.isPresent()) {
            return adopt(found.get().user());
          }
          // A random password nobody knows: the account cannot log in until a reset sets one.
          byte[] b = new byte[32];
          RANDOM.nextBytes(b);
          String unusable = Base64.getEncoder().encodeToString(b);
          Result<User> created =
              insert(id.unwrap(), name, hasher.hash(unusable), Set.of(), clientAddress);
          if (created.isOk()) {
            return Result.ok(new Synced(created.unwrap(), true, false));
          }
          if (created.failure().orElseThrow().kind() == ErrorKind.IDENTIFIER_TAKEN) {
            // A concurrent sync created it first.
            return users
                .findByIdentifier(id.unwrap())
                .map(u -> adopt(u.user()))
                .orElseGet(() -> Result.err(created.failure().orElseThrow()));
          }
          return Result.err(created.failure().orElseThrow());
        });
  }

  private Result<Synced> adopt(User existing) {
    return accounts
        .proveEmail(existing.id())
        .map(removed -> new Synced(existing.withEmailVerified(true), false, removed));
  }

  /** A page of accounts, oldest first. */
  public Result<List<User>> list(int offset, int limit) {
    return guarded(() -> Result.ok(users.list(offset, limit)));
  }

  /**
   * Enables or disables the account with this identifier; disabling revokes every token of it.
   * Errors: {@code invalid_request}, {@code not_found}, {@code service_unavailable}.
   */
  public Result<User> setEnabled(String identifier, boolean enabled) {
    return guarded(
        () -> {
          Result<String> id = identifiers.normalize(identifier);
          if (id.isErr()) {
            return Result.err(id.failure().orElseThrow());
          }
          Optional<StoredUser> found = users.findByIdentifier(id.unwrap());
          if (found.isEmpty() || !users.setEnabled(found.get().user().id(), enabled)) {
            return Result.err(new AuthError.NotFound("user"));
          }
          User user = found.get().user();
          if (!enabled) {
            Result<Void> revoked = tokens.revokeAll(user.id());
            if (revoked.isErr()) {
              return Result.err(revoked.failure().orElseThrow());
            }
          }
          return Result.ok(user.withEnabled(enabled));
        });
  }

  private Result<String> email(String email) {
    if (!Emails.plausible(email)) {
      return Result.err(
          new AuthError.InvalidRequest(
              "email", email == null ? "is missing" : "is not an e-mail address"));
    }
    return identifiers.normalize(email);
  }

  private Result<User> insert(
      String identifier, String name, String hash, Set<String> roles, String clientAddress) {
    Instant now = clock.instant();
    Result<User> created =
        users.create(
            new NewUser(
                UUID.randomUUID().toString(),
                identifier,
                identifier,
                name,
                hash,
                roles,
                now,
                true));
    created.ifOk(
        u -> events.publish(new AuthEvent.Registered(now, u.id(), u.identifier(), clientAddress)));
    return created;
  }

  private static <T> Result<T> guarded(java.util.function.Supplier<Result<T>> action) {
    return Result.catching(action);
  }
}
