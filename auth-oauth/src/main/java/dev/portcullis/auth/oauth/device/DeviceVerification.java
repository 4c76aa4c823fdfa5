package dev.portcullis.auth.oauth.device;

import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.Interaction;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.core.login.ClientAddresses;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.oauth.authorize.ClientView;
import dev.portcullis.auth.oauth.authorize.ScopeView;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@link DeviceFlow} over the {@link DeviceGrantStore}: a user code entered on the page (rate
 * limited per client address) finds its pending grant; the user logs in with the core {@link
 * Authenticator} and, with an active second factor, a TOTP or recovery code ({@link
 * MfaService#verifyCode}: lockout, single use; the interaction ends after {@link
 * MfaService#maxChallengeFailures} wrong codes or {@link MfaService#challengeTtl}); the
 * confirmation names the client and the scopes; approving stores the user and how they
 * authenticated in the grant, which the device's next poll turns into tokens. The interaction id
 * changes at login (an id planted in a victim's browser before it is of no use afterwards), so the
 * pages set the cookie to every step's {@code interactionId}.
 *
 * <p>The interactions live in the {@link InteractionStore} (kind {@value #KIND}, by the SHA-256 of
 * their id; each step a compare-and-set on the version), so any instance sharing the store
 * continues a page another one served. Starting one is rate limited per client address ({@link
 * DeviceSettings#interactionStart()}). Thread-safe.
 */
final class DeviceVerification implements DeviceFlow {

  static final String INVALID_CODE =
      "That code is not valid or has expired. Check the code shown on your device and try again.";
  static final String SESSION_EXPIRED =
      "This page expired. Enter the code shown on your device again.";

  /** {@link Interaction#kind()} of the verification page's interactions. */
  static final String KIND = "device";

  private static final String STEP = "step";
  private static final String ENTER_CODE = "enter_code";
  private static final String LOGIN = "login";
  private static final String MFA = "mfa";
  private static final String CONFIRM = "confirm";
  private static final String MFA_FAILURES = "mfa_failures";
  private static final String MFA_EXPIRES_AT = "mfa_expires_at";
  private static final String USER_CODE = "user_code";
  private static final String USER_ID = "user_id";
  private static final String AUTH_TIME = "auth_time";
  private static final String CREDENTIALS_VERSION = "credentials_version";
  private static final String AMR = "amr";

  /** What the Login step says to a user with an active second factor without MfaModule. */
  static final String SECOND_FACTOR_NOT_OFFERED =
      "This account signs in with a second factor, which this page does not offer yet."
          + " Ask your administrator.";

  static final String TOO_MANY_CODES =
      "Too many wrong codes: that sign-in has ended. Enter the code shown on your device again to"
          + " start over.";
  static final String CODE_TOO_LATE =
      "The time to enter the sign-in code has run out. Enter the code shown on your device again to"
          + " start over.";

  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final DeviceGrantStore grants;
  private final ClientStore clients;
  private final Authenticator authenticator;
  private final FactorStore factors;
  private final RateLimiter rateLimiter;
  private final int ipv6Prefix;
  private final Map<String, String> scopeDescriptions;
  private final DeviceSettings settings;
  private final InteractionStore interactions;
  private final MfaService mfa;
  private final Clock clock;
  private final SecureRandom random;

  DeviceVerification(
      DeviceGrantStore grants,
      ClientStore clients,
      Authenticator authenticator,
      FactorStore factors,
      RateLimiter rateLimiter,
      int ipv6Prefix,
      Map<String, String> scopeDescriptions,
      DeviceSettings settings,
      InteractionStore interactions,
      MfaService mfa,
      Clock clock,
      SecureRandom random) {
    this.grants = Objects.requireNonNull(grants, "grants");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.factors = Objects.requireNonNull(factors, "factors");
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    this.ipv6Prefix = ipv6Prefix;
    this.scopeDescriptions = Map.copyOf(scopeDescriptions);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.interactions = Objects.requireNonNull(interactions, "interactions");
    this.mfa = mfa; // null without MfaModule: users with an active factor are refused
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public Result<DeviceStep> begin(String userCodeOrNull, String clientAddress) {
    return Result.catching(
        () -> {
          Result<Started> started = start(clientAddress);
          if (started instanceof Result.Err<Started> err) {
            return Result.err(err.error());
          }
          Started page = started.unwrap();
          if (userCodeOrNull == null || userCodeOrNull.isBlank()) {
            return Result.ok(enterCode(page, null));
          }
          return enter(page, userCodeOrNull, clientAddress);
        });
  }

  @Override
  public Optional<String> csrfToken(String interactionId) {
    return find(interactionId).map(Interaction::csrfToken);
  }

  @Override
  public Result<DeviceStep> enterCode(String interactionId, String userCode, String clientAddress) {
    return Result.catching(
        () -> {
          Optional<Interaction> found = find(interactionId);
          if (found.isEmpty()) {
            return restart(SESSION_EXPIRED, clientAddress);
          }
          return enter(new Started(interactionId, found.get()), userCode, clientAddress);
        });
  }

  @Override
  public Result<DeviceStep> login(
      String interactionId,
      String identifier,
      String password,
      String clientAddress,
      String userAgent) {
    return Result.catching(
        () -> {
          Optional<Interaction> found = find(interactionId);
          if (found.isEmpty() || !LOGIN.equals(found.get().get(STEP))) {
            return restart(SESSION_EXPIRED, clientAddress);
          }
          Interaction interaction = found.get();
          Optional<DeviceGrant> grant = pending(interaction.get(USER_CODE));
          if (grant.isEmpty()) {
            interactions.delete(interaction.idHash());
            return restart(INVALID_CODE, clientAddress);
          }
          Result<Authentication> login =
              authenticator.authenticate(
                  new LoginRequest(
                      identifier == null ? "" : identifier,
                      password == null ? "" : password,
                      clientAddress,
                      userAgent));
          if (login instanceof Result.Err<Authentication> err) {
            AuthError error = err.error();
            if (error.kind() == ErrorKind.SERVICE_UNAVAILABLE) {
              return Result.err(error);
            }
            return Result.ok(
                new DeviceStep.Login(
                    interactionId, interaction.csrfToken(), plainWords(error), identifier));
          }
          Authentication user = login.unwrap();
          String userId = user.user().id();
          boolean secondFactor =
              mfa != null
                  ? mfa.required(userId)
                  : factors.list(userId).stream().anyMatch(FactorCredential::active);
          if (secondFactor && mfa == null) {
            // Fail closed without the MFA step: a password alone must not approve.
            return Result.ok(
                new DeviceStep.Login(
                    interactionId, interaction.csrfToken(), SECOND_FACTOR_NOT_OFFERED, identifier));
          }
          // A new id and CSRF token once a user is signed in (session fixation): the old
          // interaction goes (one concurrent login wins), a new one (MFA or CONFIRM) takes its
          // place.
          if (!interactions.delete(interaction.idHash())) {
            return restart(SESSION_EXPIRED, clientAddress);
          }
          Map<String, String> state = new LinkedHashMap<>();
          state.put(STEP, secondFactor ? MFA : CONFIRM);
          state.put(USER_CODE, interaction.get(USER_CODE));
          state.put(USER_ID, userId);
          state.put(AUTH_TIME, user.authenticatedAt().toString());
          state.put(CREDENTIALS_VERSION, Long.toString(user.credentialsVersion()));
          // How the user authenticated, for the tokens of the device's poll (RFC 8176).
          state.put(AMR, String.join(" ", user.amr()));
          if (secondFactor) {
            state.put(MFA_FAILURES, "0");
            state.put(MFA_EXPIRES_AT, clock.instant().plus(mfa.challengeTtl()).toString());
          }
          Started signedIn = create(state, interaction.createdAt(), interaction.expiresAt());
          if (secondFactor) {
            return Result.ok(
                new DeviceStep.Mfa(signedIn.id(), signedIn.interaction().csrfToken(), null));
          }
          return Result.ok(confirm(signedIn, grant.get()));
        });
  }

  @Override
  public Result<DeviceStep> mfa(String interactionId, String code) {
    return Result.catching(
        () -> {
          Instant now = clock.instant();
          Optional<Interaction> found = find(interactionId);
          if (found.isEmpty() || !MFA.equals(found.get().get(STEP)) || mfa == null) {
            return restart(SESSION_EXPIRED, null);
          }
          Interaction interaction = found.get();
          Optional<DeviceGrant> grant = pending(interaction.get(USER_CODE));
          if (grant.isEmpty()) {
            interactions.delete(interaction.idHash());
            return restart(INVALID_CODE, null);
          }
          if (!now.isBefore(Instant.parse(interaction.get(MFA_EXPIRES_AT)))) {
            interactions.delete(interaction.idHash());
            return restart(CODE_TOO_LATE, null);
          }
          Result<Void> checked = mfa.verifyCode(interaction.get(USER_ID), code);
          if (checked.isOk()) {
            Interaction confirming =
                interaction.next(Map.of(STEP, CONFIRM, AMR, String.join(" ", MfaService.AMR)));
            if (!interactions.update(confirming, now)) {
              return restart(SESSION_EXPIRED, null);
            }
            return Result.ok(confirm(new Started(interactionId, confirming), grant.get()));
          }
          AuthError error = checked.failure().orElseThrow();
          if (error.kind() == ErrorKind.SERVICE_UNAVAILABLE) {
            return Result.err(error);
          }
          if (error.kind() == ErrorKind.MFA_NOT_ENROLLED) {
            interactions.delete(interaction.idHash()); // the factor was removed meanwhile
            return restart(SESSION_EXPIRED, null);
          }
          if (error instanceof AuthError.AccountLocked) {
            return Result.ok(
                new DeviceStep.Mfa(interactionId, interaction.csrfToken(), plainWords(error)));
          }
          if (error.kind() != ErrorKind.INVALID_MFA_CODE) {
            return Result.err(error); // mfa_seed_unreadable: the operator's problem, a 500 page
          }
          int failures = Integer.parseInt(interaction.get(MFA_FAILURES)) + 1;
          if (failures >= mfa.maxChallengeFailures()) {
            interactions.delete(interaction.idHash());
            return restart(TOO_MANY_CODES, null);
          }
          Interaction next = interaction.next(Map.of(MFA_FAILURES, Integer.toString(failures)));
          if (!interactions.update(next, now)) {
            return restart(SESSION_EXPIRED, null);
          }
          int left = mfa.maxChallengeFailures() - failures;
          return Result.ok(
              new DeviceStep.Mfa(
                  interactionId,
                  next.csrfToken(),
                  "That code is wrong or was already used. "
                      + left
                      + (left == 1 ? " attempt" : " attempts")
                      + " left."));
        });
  }

  @Override
  public Result<DeviceStep> confirm(String interactionId, boolean approve) {
    return Result.catching(
        () -> {
          Instant now = clock.instant();
          Optional<Interaction> found = find(interactionId);
          if (found.isEmpty() || !CONFIRM.equals(found.get().get(STEP))) {
            return restart(SESSION_EXPIRED, null);
          }
          Interaction interaction = found.get();
          if (!interactions.delete(interaction.idHash())) {
            return restart(SESSION_EXPIRED, null); // a concurrent confirmation took it
          }
          String hash = UserCodes.hash(interaction.get(USER_CODE));
          boolean done =
              approve
                  ? grants.approve(
                      hash,
                      interaction.get(USER_ID),
                      // The browser interaction of the approval, by the SHA-256 of its id (the
                      // id is a cookie value): the session itself starts at the device's poll.
                      interaction.idHash(),
                      Instant.parse(interaction.get(AUTH_TIME)),
                      Long.parseLong(interaction.get(CREDENTIALS_VERSION)),
                      List.of(interaction.get(AMR).split(" ")),
                      now)
                  : grants.deny(hash, now);
          if (!done) {
            return restart(INVALID_CODE, null);
          }
          return Result.ok(new DeviceStep.Done(approve));
        });
  }

  private Result<DeviceStep> enter(Started page, String typed, String clientAddress) {
    String key = "device-code:" + ClientAddresses.key(clientAddress, ipv6Prefix);
    RateLimitDecision decision = rateLimiter.tryAcquire(key, settings.codeEntry());
    if (!decision.allowed()) {
      return Result.ok(
          enterCode(
              page,
              "Too many codes were entered from your network. Try again in "
                  + seconds(decision.retryAfter())
                  + "."));
    }
    Optional<String> code = UserCodes.normalize(typed);
    Optional<DeviceGrant> grant = code.flatMap(this::pending);
    if (grant.isEmpty()) {
      return Result.ok(enterCode(page, INVALID_CODE));
    }
    Interaction next = page.interaction().next(Map.of(STEP, LOGIN, USER_CODE, code.get()));
    if (!interactions.update(next, clock.instant())) {
      return restart(SESSION_EXPIRED, clientAddress);
    }
    return Result.ok(new DeviceStep.Login(page.id(), next.csrfToken(), null, null));
  }

  private Optional<DeviceGrant> pending(String normalizedCode) {
    return grants.findByUserCode(UserCodes.hash(normalizedCode), clock.instant());
  }

  private DeviceStep confirm(Started page, DeviceGrant grant) {
    Optional<OAuthClient> client = clients.find(grant.clientId());
    String name = client.map(OAuthClient::displayName).orElse(grant.clientId());
    List<ScopeView> scopes =
        new TreeSet<>(grant.scope())
            .stream().map(s -> new ScopeView(s, scopeDescriptions.getOrDefault(s, s))).toList();
    return new DeviceStep.Confirm(
        page.id(),
        page.interaction().csrfToken(),
        new ClientView(grant.clientId(), name),
        scopes,
        UserCodes.display(page.interaction().get(USER_CODE)));
  }

  /** An interaction with its id, which only the browser's cookie holds otherwise. */
  private record Started(String id, Interaction interaction) {}

  private Optional<Interaction> find(String interactionId) {
    if (interactionId == null || interactionId.isEmpty() || interactionId.length() > 128) {
      return Optional.empty();
    }
    return interactions
        .find(UserCodes.sha256(interactionId), clock.instant())
        .filter(i -> KIND.equals(i.kind()));
  }

  private Result<DeviceStep> restart(String error, String clientAddress) {
    Result<Started> started = start(clientAddress);
    if (started instanceof Result.Err<Started> err) {
      return Result.err(err.error());
    }
    return Result.ok(enterCode(started.unwrap(), error));
  }

  /**
   * A new interaction at the code entry, unless {@code clientAddress} (null: not counted, a restart
   * after a step that needed a live interaction) started too many.
   */
  private Result<Started> start(String clientAddress) {
    if (clientAddress != null) {
      String key = "device-start:" + ClientAddresses.key(clientAddress, ipv6Prefix);
      RateLimitDecision decision = rateLimiter.tryAcquire(key, settings.interactionStart());
      if (!decision.allowed()) {
        return Result.err(
            new AuthError.RateLimited("device verification pages", decision.retryAfter()));
      }
    }
    Instant now = clock.instant();
    return Result.ok(
        create(Map.of(STEP, ENTER_CODE), now, now.plus(settings.interactionLifetime())));
  }

  private Started create(Map<String, String> state, Instant createdAt, Instant expiresAt) {
    String id = newId();
    Interaction interaction =
        new Interaction(UserCodes.sha256(id), KIND, newId(), state, 0, createdAt, expiresAt);
    interactions.create(interaction);
    return new Started(id, interaction);
  }

  private static DeviceStep enterCode(Started page, String error) {
    return new DeviceStep.EnterCode(page.id(), page.interaction().csrfToken(), error);
  }

  /** A login refusal as the page shows it. */
  private static String plainWords(AuthError error) {
    if (error instanceof AuthError.AccountLocked locked) {
      return "Too many failed attempts: this account is locked until "
          + UTC_TIME.format(locked.lockedUntil())
          + ".";
    }
    if (error instanceof AuthError.RateLimited limited) {
      return "Too many attempts from your network. Try again in "
          + seconds(limited.retryIn())
          + ".";
    }
    if (error instanceof AuthError.InvalidRequest) {
      return "Enter your identifier and your password.";
    }
    return "The identifier or the password is wrong.";
  }

  private static String seconds(Duration d) {
    long s = Math.max(1, (d.toMillis() + 999) / 1000);
    return s == 1 ? "1 second" : s + " seconds";
  }

  private String newId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
