package dev.portcullis.auth.server.account;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Enrolment;
import dev.portcullis.auth.api.model.Interaction;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.core.login.ClientAddresses;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.core.mfa.MfaSettings;
import dev.portcullis.auth.core.mfa.QrCodes;
import dev.portcullis.auth.core.mfa.SeedCipher;
import dev.portcullis.auth.core.settings.AuthSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TOTP enrolment page's steps ({@code /account/mfa}, issue 16) over {@link MfaService}: sign in
 * with the password (and, for a user who already has an active factor, a code: then the page only
 * says so), then the pending enrolment's QR code and secret, confirmed with a first code, then the
 * recovery codes, shown once. The interactions live in the {@link InteractionStore} (kind {@value
 * #KIND}, by the SHA-256 of their id, each step a compare-and-set), so any instance sharing the
 * store continues the page; the id changes at sign-in (session fixation). Starting one is rate
 * limited per client address ({@link #START_RATE}, IPv6 per {@code auth.rate-limit.ipv6-prefix}
 * network), as the device page's are.
 *
 * <p>To draw the QR code again after a wrong code without a new seed, the interaction keeps the
 * pending enrolment's {@code otpauth://} URI encrypted under the factor store's key ({@link
 * MfaSettings#cipher}, AES-GCM bound to the user id), never in clear; it goes with the interaction
 * (at confirmation or expiry). Thread-safe.
 */
public final class AccountMfaFlow {
  /** {@link Interaction#kind()} of the enrolment page's interactions. */
  static final String KIND = "account";

  /** How long the page's interaction lives: time to sign in, scan and type a first code. */
  static final Duration LIFETIME = Duration.ofMinutes(15);

  /** How many page interactions one client address may start (the device page's default). */
  static final RateLimitRule START_RATE = RateLimitRule.parse("30/minute");

  static final String SESSION_EXPIRED = "This page expired. Sign in again.";
  static final String TOO_MANY_CODES = "Too many wrong codes: sign in again to start over.";
  static final String CODE_TOO_LATE =
      "The time to enter the code has run out: sign in again to start over.";
  static final String WRONG_ENROLMENT_CODE =
      "That code is not right. Check the time on your phone, scan the code again if needed, and"
          + " enter the code your app shows now.";

  private static final String STEP = "step";
  private static final String LOGIN = "login";
  private static final String CODE = "code";
  private static final String ENROL = "enrol";
  private static final String USER_ID = "user_id";
  private static final String FAILURES = "failures";
  private static final String CODE_EXPIRES_AT = "code_expires_at";
  private static final String ENROLMENT = "enrolment";
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** What the page shows next. */
  public sealed interface Step {
    String interactionId();

    /** The password form. */
    record Login(String interactionId, String csrfToken, String error, String identifier)
        implements Step {}

    /** The code form of a user who already has an active factor. */
    record Code(String interactionId, String csrfToken, String error) implements Step {}

    /** The QR code, the secret in groups of four, and the first-code form. */
    record Enrol(
        String interactionId,
        String csrfToken,
        String qrSvg,
        String secretGroups,
        String account,
        String error)
        implements Step {}

    /** Enrolment confirmed: the recovery codes, shown this once; the interaction is gone. */
    record RecoveryCodes(List<String> codes) implements Step {
      @Override
      public String interactionId() {
        return null;
      }
    }

    /** The user already has an active factor (proven with a code); the interaction is gone. */
    record AlreadyEnrolled() implements Step {
      @Override
      public String interactionId() {
        return null;
      }
    }
  }

  private final MfaService mfa;
  private final MfaSettings settings;
  private final Authenticator authenticator;
  private final InteractionStore interactions;
  private final RateLimiter rateLimiter;
  private final int ipv6Prefix;
  private final Clock clock;
  private final SecureRandom random;
  private volatile SeedCipher cipher;

  @Inject
  public AccountMfaFlow(
      MfaService mfa,
      MfaSettings settings,
      Authenticator authenticator,
      InteractionStore interactions,
      RateLimiter rateLimiter,
      AuthSettings auth,
      Clock clock,
      SecureRandom random) {
    this.mfa = mfa;
    this.settings = settings;
    this.authenticator = authenticator;
    this.interactions = interactions;
    this.rateLimiter = rateLimiter;
    this.ipv6Prefix = auth.rateLimits().ipv6Prefix();
    this.clock = clock;
    this.random = random;
  }

  /** Whether {@code auth.mfa.enabled} is on: without it the page answers an error page. */
  public boolean enabled() {
    return mfa.enabled();
  }

  /** A new interaction at the password form, unless this client address started too many. */
  public Result<Step> begin(String clientAddress) {
    return Result.catching(
        () -> {
          String key = "account-start:" + ClientAddresses.key(clientAddress, ipv6Prefix);
          RateLimitDecision decision = rateLimiter.tryAcquire(key, START_RATE);
          if (!decision.allowed()) {
            return Result.err(
                new AuthError.RateLimited("two-step sign-in pages", decision.retryAfter()));
          }
          return Result.ok(login(create(Map.of(STEP, LOGIN), clock.instant()), null, null));
        });
  }

  public Optional<String> csrfToken(String interactionId) {
    return find(interactionId).map(Interaction::csrfToken);
  }

  public Result<Step> login(
      String interactionId,
      String identifier,
      String password,
      String clientAddress,
      String userAgent) {
    return Result.catching(
        () -> {
          Optional<Interaction> found = find(interactionId).filter(i -> LOGIN.equals(i.get(STEP)));
          if (found.isEmpty()) {
            return Result.ok(restart());
          }
          Interaction interaction = found.get();
          Result<Authentication> login =
              authenticator.authenticate(
                  new LoginRequest(
                      identifier == null ? "" : identifier,
                      password == null ? "" : password,
                      clientAddress,
                      userAgent));
          if (login instanceof Result.Err<Authentication> err) {
            if (err.error().kind() == ErrorKind.SERVICE_UNAVAILABLE) {
              return Result.err(err.error());
            }
            return Result.ok(
                new Step.Login(
                    interactionId, interaction.csrfToken(), plainWords(err.error()), identifier));
          }
          User user = login.unwrap().user();
          // A new id and CSRF token once signed in (session fixation); one concurrent login wins.
          if (!interactions.delete(interaction.idHash())) {
            return Result.ok(restart());
          }
          if (mfa.required(user.id())) {
            Started started =
                create(
                    Map.of(
                        STEP,
                        CODE,
                        USER_ID,
                        user.id(),
                        FAILURES,
                        "0",
                        CODE_EXPIRES_AT,
                        clock.instant().plus(mfa.challengeTtl()).toString()),
                    interaction.createdAt());
            return Result.ok(new Step.Code(started.id(), started.interaction().csrfToken(), null));
          }
          Result<Enrolment> enrolled = mfa.enrolTotp(user);
          if (enrolled instanceof Result.Err<Enrolment> err) {
            return Result.err(err.error());
          }
          Map<String, String> details = enrolled.unwrap().details();
          String uri = details.get("otpauth_uri");
          Started started =
              create(
                  Map.of(
                      STEP,
                      ENROL,
                      USER_ID,
                      user.id(),
                      ENROLMENT,
                      cipher().encrypt(user.id(), uri.getBytes(StandardCharsets.UTF_8))),
                  interaction.createdAt());
          return Result.ok(enrol(started.id(), started.interaction(), uri, null));
        });
  }

  /** The first code of the pending enrolment, or the code of an already enrolled user. */
  public Result<Step> code(String interactionId, String code) {
    return Result.catching(
        () -> {
          Optional<Interaction> found = find(interactionId);
          if (found.isEmpty()) {
            return Result.ok(restart());
          }
          Interaction interaction = found.get();
          if (ENROL.equals(interaction.get(STEP))) {
            return confirm(interactionId, interaction, code);
          }
          if (CODE.equals(interaction.get(STEP))) {
            return enrolled(interactionId, interaction, code);
          }
          return Result.ok(restart());
        });
  }

  private Result<Step> confirm(String interactionId, Interaction interaction, String code) {
    String userId = interaction.get(USER_ID);
    Result<List<String>> confirmed = mfa.confirmTotp(userId, code == null ? "" : code);
    if (confirmed.isOk()) {
      interactions.delete(interaction.idHash());
      return Result.ok(new Step.RecoveryCodes(confirmed.unwrap()));
    }
    AuthError error = confirmed.failure().orElseThrow();
    if (error.kind() == ErrorKind.SERVICE_UNAVAILABLE) {
      return Result.err(error);
    }
    if (error.kind() == ErrorKind.MFA_NOT_ENROLLED) {
      // The pending seed went meanwhile (another enrolment replaced it, or it became active).
      interactions.delete(interaction.idHash());
      return Result.ok(restart());
    }
    String message;
    if (error instanceof AuthError.AccountLocked) {
      message = plainWords(error);
    } else if (error.kind() == ErrorKind.INVALID_MFA_CODE) {
      message = WRONG_ENROLMENT_CODE;
    } else {
      return Result.err(error); // mfa_seed_unreadable: the operator's problem
    }
    Optional<byte[]> uri = cipher().decrypt(userId, interaction.get(ENROLMENT));
    if (uri.isEmpty()) {
      interactions.delete(interaction.idHash());
      return Result.ok(restart());
    }
    return Result.ok(
        enrol(interactionId, interaction, new String(uri.get(), StandardCharsets.UTF_8), message));
  }

  private Result<Step> enrolled(String interactionId, Interaction interaction, String code) {
    Instant now = clock.instant();
    // As long as a sign-in waits for its code anywhere else (auth.mfa.challenge-ttl).
    if (!now.isBefore(Instant.parse(interaction.get(CODE_EXPIRES_AT)))) {
      interactions.delete(interaction.idHash());
      return Result.ok(restart(CODE_TOO_LATE));
    }
    Result<Void> checked = mfa.verifyCode(interaction.get(USER_ID), code == null ? "" : code);
    if (checked.isOk()) {
      interactions.delete(interaction.idHash());
      return Result.ok(new Step.AlreadyEnrolled());
    }
    AuthError error = checked.failure().orElseThrow();
    if (error.kind() == ErrorKind.SERVICE_UNAVAILABLE) {
      return Result.err(error);
    }
    if (error.kind() == ErrorKind.MFA_NOT_ENROLLED) {
      interactions.delete(interaction.idHash());
      return Result.ok(restart());
    }
    if (error instanceof AuthError.AccountLocked) {
      return Result.ok(new Step.Code(interactionId, interaction.csrfToken(), plainWords(error)));
    }
    if (error.kind() != ErrorKind.INVALID_MFA_CODE) {
      return Result.err(error);
    }
    int failures = Integer.parseInt(interaction.get(FAILURES)) + 1;
    if (failures >= mfa.maxChallengeFailures()) {
      interactions.delete(interaction.idHash());
      return Result.ok(restart(TOO_MANY_CODES));
    }
    Interaction next = interaction.next(Map.of(FAILURES, Integer.toString(failures)));
    if (!interactions.update(next, now)) {
      return Result.ok(restart());
    }
    int left = mfa.maxChallengeFailures() - failures;
    return Result.ok(
        new Step.Code(
            interactionId,
            next.csrfToken(),
            "That code is wrong or was already used. "
                + left
                + (left == 1 ? " attempt" : " attempts")
                + " left."));
  }

  private static Step enrol(String id, Interaction interaction, String uri, String error) {
    String secret = parameter(uri, "secret");
    StringBuilder groups = new StringBuilder();
    for (int i = 0; i < secret.length(); i += 4) {
      if (i > 0) {
        groups.append(' ');
      }
      groups.append(secret, i, Math.min(secret.length(), i + 4));
    }
    String label = uri.substring("otpauth://totp/".length(), uri.indexOf('?'));
    String account =
        URLDecoder.decode(label.substring(label.indexOf(':') + 1), StandardCharsets.UTF_8);
    return new Step.Enrol(
        id, interaction.csrfToken(), QrCodes.svg(uri), groups.toString(), account, error);
  }

  private static String parameter(String uri, String name) {
    for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new IllegalStateException("an otpauth URI without " + name);
  }

  private SeedCipher cipher() {
    SeedCipher c = cipher;
    if (c == null) {
      c = settings.cipher(random);
      cipher = c;
    }
    return c;
  }

  private Step restart() {
    return restart(SESSION_EXPIRED);
  }

  private Step restart(String error) {
    return login(create(Map.of(STEP, LOGIN), clock.instant()), error, null);
  }

  private static Step login(Started page, String error, String identifier) {
    return new Step.Login(page.id(), page.interaction().csrfToken(), error, identifier);
  }

  private record Started(String id, Interaction interaction) {}

  private Optional<Interaction> find(String interactionId) {
    if (interactionId == null || interactionId.isEmpty() || interactionId.length() > 128) {
      return Optional.empty();
    }
    return interactions
        .find(sha256(interactionId), clock.instant())
        .filter(i -> KIND.equals(i.kind()));
  }

  private Started create(Map<String, String> state, Instant createdAt) {
    String id = newId();
    Interaction interaction =
        new Interaction(sha256(id), KIND, newId(), state, 0, createdAt, createdAt.plus(LIFETIME));
    interactions.create(interaction);
    return new Started(id, interaction);
  }

  private String newId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String plainWords(AuthError error) {
    if (error instanceof AuthError.AccountLocked locked) {
      return "Too many failed attempts: this account is locked until "
          + UTC_TIME.format(locked.lockedUntil())
          + ".";
    }
    if (error instanceof AuthError.RateLimited) {
      return "Too many attempts from your network. Try again in a minute.";
    }
    if (error instanceof AuthError.InvalidRequest) {
      return "Enter your identifier and your password.";
    }
    return "The identifier or the password is wrong.";
  }
}
