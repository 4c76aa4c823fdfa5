package dev.portcullis.auth.core.mfa;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Enrolment;
import dev.portcullis.auth.api.model.MfaChallenge;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.login.ClientAddresses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second factors around the password login, and their management.
 *
 * <p>Login: {@link #begin} turns a right password into a session ({@link LoginStep.Done}) or, for a
 * user with an active factor, a pending challenge: a 256-bit single-use token, stored as its
 * SHA-256, bound to the user and the login, valid {@code auth.mfa.challenge-ttl}, dead after {@code
 * auth.mfa.max-challenge-failures} wrong codes. {@link #complete} takes the token and a TOTP or
 * recovery code and answers the login's {@link Authentication} with {@code amr} {@code ["pwd",
 * "otp"]}, for {@code TokenService.issue}.
 *
 * <p>Every expected failure is a {@code Result} error; a store that cannot answer throws {@code
 * ServiceUnavailableException} (callers fail closed). Thread-safe.
 */
public final class MfaService {
  private static final Logger log = LoggerFactory.getLogger(MfaService.class);

  /** The {@code amr} of a login completed with a second factor (RFC 8176). */
  public static final List<String> AMR = List.of("pwd", "otp");

  /** What a pending login may be answered with. */
  public static final List<String> METHODS = List.of(TotpFactor.TYPE, "recovery_code");

  private final MfaSettings settings;
  private final TotpFactor totp;
  private final RecoveryCodes recoveryCodes;
  private final MfaAttempts attempts;
  private final FactorStore factors;
  private final MfaChallengeStore challenges;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final RateLimiter rateLimiter;
  private final int ipv6Prefix;
  private final AuthEvents events;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param rateLimiter counts {@link #complete(String, String, String)} per client address ({@code
   *     auth.mfa.verify-rate-limit})
   * @param ipv6Prefix IPv6 clients are counted per network of this prefix length ({@code
   *     auth.rate-limit.ipv6-prefix})
   * @param events where {@link AuthEvent.SecondFactorChanged} events go (the audit trail)
   */
  public MfaService(
      MfaSettings settings,
      TotpFactor totp,
      RecoveryCodes recoveryCodes,
      MfaAttempts attempts,
      FactorStore factors,
      MfaChallengeStore challenges,
      UserStore users,
      PasswordHasher hasher,
      RateLimiter rateLimiter,
      int ipv6Prefix,
      AuthEvents events,
      Clock clock,
      SecureRandom random) {
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    this.ipv6Prefix = ipv6Prefix;
    this.events = Objects.requireNonNull(events, "events");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.totp = Objects.requireNonNull(totp, "totp");
    this.recoveryCodes = Objects.requireNonNull(recoveryCodes, "recoveryCodes");
    this.attempts = Objects.requireNonNull(attempts, "attempts");
    this.factors = Objects.requireNonNull(factors, "factors");
    this.challenges = Objects.requireNonNull(challenges, "challenges");
    this.users = Objects.requireNonNull(users, "users");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Whether {@code auth.mfa.enabled} is on. */
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Whether a login of this user waits for a second factor: MFA is on and the user has an active
   * factor. For login flows that keep their own pending state (the sign-in pages).
   */
  public boolean required(String userId) {
    return settings.enabled() && totp.active(userId);
  }

  /** How long a login waits for its second factor ({@code auth.mfa.challenge-ttl}). */
  public Duration challengeTtl() {
    return settings.challengeTtl();
  }

  /** Wrong codes after which a pending login dies ({@code auth.mfa.max-challenge-failures}). */
  public int maxChallengeFailures() {
    return settings.maxChallengeFailures();
  }

  // ---- login

  /** After a right password: a session now, or a challenge when the user has an active factor. */
  public LoginStep begin(Authentication password) {
    Objects.requireNonNull(password, "password");
    String userId = password.user().id();
    if (!settings.enabled() || !totp.active(userId)) {
      return new LoginStep.Done(password);
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant expiresAt = clock.instant().plus(settings.challengeTtl());
    challenges.create(
        new MfaChallenge(
            hash(token),
            userId,
            password.credentialsVersion(),
            password.authenticatedAt(),
            password.clientAddress(),
            password.userAgent(),
            expiresAt,
            0));
    log.debug("login of user {} waits for a second factor", userId);
    return new LoginStep.ChallengeRequired(token, METHODS, expiresAt);
  }

  /**
   * Completes a pending login with a TOTP code or a recovery code. Errors: {@code
   * mfa_challenge_invalid} (unknown, expired, completed, or dead after too many wrong codes),
   * {@code invalid_mfa_code} (counted against the challenge and the user's lockout key), {@code
   * account_locked}, {@code invalid_credentials} (the user was disabled meanwhile).
   */
  public Result<Authentication> complete(String token, String code) {
    return complete(token, code, null);
  }

  /**
   * {@link #complete(String, String)} for a client at {@code clientAddress} (null: unknown, counted
   * together), first taking a permit of {@code auth.mfa.verify-rate-limit} for the address, as a
   * password login does: {@code rate_limited} (with when to retry) when there is none, before any
   * check.
   */
  public Result<Authentication> complete(String token, String code, String clientAddress) {
    RateLimitDecision rate =
        rateLimiter.tryAcquire(
            "mfa-verify:" + ClientAddresses.key(clientAddress, ipv6Prefix),
            settings.verifyRateLimit());
    if (!rate.allowed()) {
      log.debug("MFA verification refused: rate limit for address {}", clientAddress);
      return Result.err(
          new AuthError.RateLimited(settings.verifyRateLimit().toString(), rate.retryAfter()));
    }
    if (token == null || token.isBlank() || token.length() > 100) {
      return Result.err(AuthError.of(ErrorKind.MFA_CHALLENGE_INVALID));
    }
    String tokenHash = hash(token);
    Instant now = clock.instant();
    Optional<MfaChallenge> found = challenges.find(tokenHash, now);
    if (found.isEmpty()) {
      return Result.err(AuthError.of(ErrorKind.MFA_CHALLENGE_INVALID));
    }
    MfaChallenge challenge = found.get();
    Result<Void> checked =
        check(
            challenge.userId(),
            code,
            clientAddress != null ? clientAddress : challenge.clientAddress());
    if (checked.isErr()) {
      if (checked.failure().orElseThrow().kind() == ErrorKind.INVALID_MFA_CODE) {
        int failures = challenges.recordFailure(tokenHash, settings.maxChallengeFailures(), now);
        if (failures >= settings.maxChallengeFailures()) {
          log.info(
              "pending login of user {} ended after {} wrong codes", challenge.userId(), failures);
        }
      }
      return Result.err(checked.failure().orElseThrow());
    }
    if (!challenges.complete(tokenHash, now)) {
      // Another request completed (or killed) this challenge first.
      return Result.err(AuthError.of(ErrorKind.MFA_CHALLENGE_INVALID));
    }
    Optional<StoredUser> user = users.findById(challenge.userId());
    if (user.isEmpty() || !user.get().user().enabled()) {
      return Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
    }
    return Result.ok(
        new Authentication(
            user.get().user(),
            challenge.credentialsVersion(),
            challenge.authenticatedAt(),
            challenge.clientAddress(),
            challenge.userAgent(),
            AMR));
  }

  /**
   * Checks a TOTP code or, by its shape, a recovery code of an account with an active factor; a
   * code is accepted once. Counted by the lockout.
   */
  public Result<Void> verifyCode(String userId, String code) {
    return check(userId, code, null);
  }

  private Result<Void> check(String userId, String code, String clientAddress) {
    boolean recovery = RecoveryCodes.looksLikeRecoveryCode(code);
    Result<Void> checked;
    if (recovery) {
      if (!totp.active(userId)) {
        return Result.err(AuthError.of(ErrorKind.MFA_NOT_ENROLLED));
      }
      checked = attempts.check(userId, () -> recoveryCodes.use(userId, code));
    } else {
      checked = totp.verify(userId, code);
    }
    String type = recovery ? "recovery_code" : TotpFactor.TYPE;
    if (checked.isOk()) {
      publish(
          userId,
          recovery
              ? AuthEvent.SecondFactorAction.RECOVERY_CODE_USED
              : AuthEvent.SecondFactorAction.VERIFIED,
          type,
          clientAddress);
    } else if (checked.failure().orElseThrow().kind() == ErrorKind.INVALID_MFA_CODE) {
      publish(userId, AuthEvent.SecondFactorAction.FAILED, type, clientAddress);
    }
    return checked;
  }

  /** {@code result}, after an {@code mfa_failed} event when it is a wrong code. */
  private <T> Result<T> failedIfWrong(String userId, Result<T> result) {
    if (result.isErr() && result.failure().orElseThrow().kind() == ErrorKind.INVALID_MFA_CODE) {
      publish(userId, AuthEvent.SecondFactorAction.FAILED, TotpFactor.TYPE, null);
    }
    return result;
  }

  private void publish(
      String userId, AuthEvent.SecondFactorAction action, String type, String clientAddress) {
    events.publish(
        new AuthEvent.SecondFactorChanged(clock.instant(), userId, action, type, clientAddress));
  }

  // ---- management

  /** Starts TOTP enrolment (see {@link TotpFactor#enrol}). */
  public Result<Enrolment> enrolTotp(User user) {
    Result<Enrolment> enrolled = totp.enrol(user);
    if (enrolled.isOk()) {
      publish(user.id(), AuthEvent.SecondFactorAction.ENROLLED, TotpFactor.TYPE, null);
    }
    return enrolled;
  }

  /**
   * Activates the pending TOTP seed with its first code and answers the user's new recovery codes,
   * shown this once.
   */
  public Result<List<String>> confirmTotp(String userId, String code) {
    return failedIfWrong(userId, totp.confirm(userId, code))
        .map(
            ignored -> {
              publish(userId, AuthEvent.SecondFactorAction.CONFIRMED, TotpFactor.TYPE, null);
              return recoveryCodes.regenerate(userId);
            });
  }

  /**
   * New recovery codes for a user with an active factor, proven by a current code; the old ones
   * stop working.
   */
  public Result<List<String>> regenerateRecoveryCodes(String userId, String code) {
    if (!totp.active(userId)) {
      return Result.err(AuthError.of(ErrorKind.MFA_NOT_ENROLLED));
    }
    return failedIfWrong(userId, totp.verify(userId, code))
        .map(
            ignored -> {
              List<String> codes = recoveryCodes.regenerate(userId);
              publish(
                  userId,
                  AuthEvent.SecondFactorAction.RECOVERY_CODES_REGENERATED,
                  "recovery_code",
                  null);
              return codes;
            });
  }

  /** How many unused recovery codes the user has. */
  public int remainingRecoveryCodes(String userId) {
    return recoveryCodes.remaining(userId);
  }

  /**
   * Removes the user's TOTP factor and recovery codes, proven by a fresh password or a code (TOTP
   * or recovery). A wrong password counts in the user's second-factor lockout like a wrong code.
   * Errors: {@code mfa_not_enrolled}, {@code invalid_credentials} (wrong password), {@code
   * invalid_mfa_code}, {@code account_locked}.
   */
  public Result<Void> removeTotp(String userId, String password, String code) {
    if (factors.find(userId, TotpFactor.TYPE).isEmpty()) {
      return Result.err(AuthError.of(ErrorKind.MFA_NOT_ENROLLED));
    }
    Result<Void> proof;
    if (!totp.active(userId)) {
      // A pending enrolment guards nothing yet: dropping it needs no proof.
      proof = Result.ok();
    } else if (code != null && !code.isBlank()) {
      proof = verifyCode(userId, code);
    } else if (password != null && !password.isEmpty()) {
      // Counted like a wrong code (the holder of a stolen access token must not get unlimited
      // password guesses here), and answered as a wrong password.
      Optional<StoredUser> user = users.findById(userId);
      proof =
          attempts.check(
              userId, () -> user.isPresent() && hasher.verify(password, user.get().passwordHash()));
      if (proof.isErr() && proof.failure().orElseThrow().kind() == ErrorKind.INVALID_MFA_CODE) {
        proof = Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
      }
    } else {
      proof = Result.err(new AuthError.InvalidRequest("password", "or code is required"));
    }
    return proof.flatMap(
        ignored -> {
          removeAll(userId);
          publish(userId, AuthEvent.SecondFactorAction.REMOVED, TotpFactor.TYPE, null);
          return Result.ok();
        });
  }

  /**
   * Removes every factor, recovery code and pending login of the user and clears its second-factor
   * lockout: an operator's reset ({@code user mfa-reset}).
   *
   * @return how many factors were removed
   */
  public int reset(String userId) {
    int removed = removeAll(userId);
    publish(userId, AuthEvent.SecondFactorAction.RESET_BY_ADMIN, "all", null);
    return removed;
  }

  private int removeAll(String userId) {
    int removed = factors.deleteAll(userId);
    recoveryCodes.deleteAll(userId);
    challenges.deleteAll(userId);
    attempts.clear(userId);
    log.info("second factors of user {} removed ({})", userId, removed);
    return removed;
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
