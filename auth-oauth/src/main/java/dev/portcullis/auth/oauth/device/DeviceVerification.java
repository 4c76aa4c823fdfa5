package dev.portcullis.auth.oauth.device;

import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.core.login.ClientAddresses;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.oauth.authorize.ClientView;
import dev.portcullis.auth.oauth.authorize.ScopeView;
import dev.portcullis.auth.oauth.device.DeviceInteractions.Interaction;
import dev.portcullis.auth.oauth.device.DeviceInteractions.Stage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
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
 * confirmation names the client and the scopes; approving stores the user in the grant, which the
 * device's next poll turns into tokens. The interaction id changes at login (an id planted in a
 * victim's browser before it is of no use afterwards), so the pages set the cookie to every step's
 * {@code interactionId}. Thread-safe.
 */
final class DeviceVerification implements DeviceFlow {

  static final String INVALID_CODE =
      "That code is not valid or has expired. Check the code shown on your device and try again.";
  static final String SESSION_EXPIRED =
      "This page expired. Enter the code shown on your device again.";
  static final String BUSY = "The server is busy. Try again in a minute.";
  static final String SECOND_FACTOR_NOT_OFFERED =
      "This account signs in with a second factor, which this page does not offer yet. Ask your"
          + " administrator.";
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
  private final RateLimiter rateLimiter;
  private final int ipv6Prefix;
  private final Map<String, String> scopeDescriptions;
  private final DeviceSettings settings;
  private final DeviceInteractions interactions;
  private final FactorStore factors;
  private final MfaService mfa;
  private final Clock clock;
  private final SecureRandom random;

  DeviceVerification(
      DeviceGrantStore grants,
      ClientStore clients,
      Authenticator authenticator,
      RateLimiter rateLimiter,
      int ipv6Prefix,
      Map<String, String> scopeDescriptions,
      DeviceSettings settings,
      DeviceInteractions interactions,
      FactorStore factors,
      MfaService mfa,
      Clock clock,
      SecureRandom random) {
    this.factors = Objects.requireNonNull(factors, "factors");
    this.mfa = mfa;
    this.grants = Objects.requireNonNull(grants, "grants");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    this.ipv6Prefix = ipv6Prefix;
    this.scopeDescriptions = Map.copyOf(scopeDescriptions);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.interactions = Objects.requireNonNull(interactions, "interactions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public Result<DeviceStep> begin(String userCodeOrNull, String clientAddress) {
    return Result.catching(
        () -> {
          Optional<Interaction> started = start();
          if (started.isEmpty()) {
            return Result.err(busy());
          }
          if (userCodeOrNull == null || userCodeOrNull.isBlank()) {
            return Result.ok(enterCode(started.get(), null));
          }
          return enter(started.get(), userCodeOrNull, clientAddress);
        });
  }

  @Override
  public Optional<String> csrfToken(String interactionId) {
    return interactions.find(interactionId, clock.instant()).map(Interaction::csrfToken);
  }

  @Override
  public Result<DeviceStep> enterCode(String interactionId, String userCode, String clientAddress) {
    return Result.catching(
        () -> {
          Optional<Interaction> found = interactions.find(interactionId, clock.instant());
          if (found.isEmpty()) {
            return restart(SESSION_EXPIRED);
          }
          return enter(found.get(), userCode, clientAddress);
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
          Optional<Interaction> found = interactions.find(interactionId, clock.instant());
          if (found.isEmpty() || found.get().stage() != Stage.LOGIN) {
            return restart(SESSION_EXPIRED);
          }
          Interaction interaction = found.get();
          Optional<DeviceGrant> grant = pending(interaction.userCode());
          if (grant.isEmpty()) {
            interactions.remove(interaction);
            return restart(INVALID_CODE);
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
                    interaction.id(), interaction.csrfToken(), plainWords(error), identifier));
          }
          Authentication user = login.unwrap();
          String userId = user.user().id();
          boolean secondFactor =
              mfa != null
                  ? mfa.required(userId)
                  : factors.list(userId).stream().anyMatch(FactorCredential::active);
          if (secondFactor && mfa == null) {
            // Fail closed without the MFA step: a password alone must not pass.
            return Result.ok(
                new DeviceStep.Login(
                    interaction.id(),
                    interaction.csrfToken(),
                    SECOND_FACTOR_NOT_OFFERED,
                    identifier));
          }
          // A new id and CSRF token once a user is signed in (session fixation).
          Instant now = clock.instant();
          Interaction signedIn =
              new Interaction(
                  newId(),
                  newId(),
                  interaction.expiresAt(),
                  secondFactor ? Stage.MFA : Stage.CONFIRM,
                  interaction.userCode(),
                  userId,
                  user.credentialsVersion(),
                  user.authenticatedAt(),
                  0,
                  secondFactor ? now.plus(mfa.challengeTtl()) : null);
          interactions.remove(interaction);
          if (!interactions.put(signedIn, now)) {
            return Result.err(busy());
          }
          if (secondFactor) {
            return Result.ok(new DeviceStep.Mfa(signedIn.id(), signedIn.csrfToken(), null));
          }
          return Result.ok(confirm(signedIn, grant.get()));
        });
  }

  @Override
  public Result<DeviceStep> mfa(String interactionId, String code) {
    return Result.catching(
        () -> {
          Instant now = clock.instant();
          Optional<Interaction> found = interactions.find(interactionId, now);
          if (found.isEmpty() || found.get().stage() != Stage.MFA || mfa == null) {
            return restart(SESSION_EXPIRED);
          }
          Interaction interaction = found.get();
          Optional<DeviceGrant> grant = pending(interaction.userCode());
          if (grant.isEmpty()) {
            interactions.remove(interaction);
            return restart(INVALID_CODE);
          }
          if (!now.isBefore(interaction.mfaExpiresAt())) {
            interactions.remove(interaction);
            return restart(CODE_TOO_LATE);
          }
          Result<Void> checked = mfa.verifyCode(interaction.userId(), code);
          if (checked.isOk()) {
            Interaction confirming =
                new Interaction(
                    interaction.id(),
                    interaction.csrfToken(),
                    interaction.expiresAt(),
                    Stage.CONFIRM,
                    interaction.userCode(),
                    interaction.userId(),
                    interaction.credentialsVersion(),
                    interaction.authTime(),
                    0,
                    null);
            if (!interactions.replace(interaction, confirming)) {
              return restart(SESSION_EXPIRED);
            }
            return Result.ok(confirm(confirming, grant.get()));
          }
          AuthError error = checked.failure().orElseThrow();
          if (error.kind() == ErrorKind.SERVICE_UNAVAILABLE) {
            return Result.err(error);
          }
          if (error.kind() == ErrorKind.MFA_NOT_ENROLLED) {
            interactions.remove(interaction); // the factor was removed meanwhile: start again
            return restart(SESSION_EXPIRED);
          }
          if (error instanceof AuthError.AccountLocked) {
            return Result.ok(
                new DeviceStep.Mfa(interaction.id(), interaction.csrfToken(), plainWords(error)));
          }
          if (error.kind() != ErrorKind.INVALID_MFA_CODE) {
            return Result.err(error); // mfa_seed_unreadable: the operator's problem, a 500 page
          }
          int failures = interaction.mfaFailures() + 1;
          if (failures >= mfa.maxChallengeFailures()) {
            interactions.remove(interaction);
            return restart(TOO_MANY_CODES);
          }
          Interaction next =
              new Interaction(
                  interaction.id(),
                  interaction.csrfToken(),
                  interaction.expiresAt(),
                  Stage.MFA,
                  interaction.userCode(),
                  interaction.userId(),
                  interaction.credentialsVersion(),
                  interaction.authTime(),
                  failures,
                  interaction.mfaExpiresAt());
          if (!interactions.replace(interaction, next)) {
            return restart(SESSION_EXPIRED);
          }
          int left = mfa.maxChallengeFailures() - failures;
          return Result.ok(
              new DeviceStep.Mfa(
                  next.id(),
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
          Optional<Interaction> found = interactions.find(interactionId, now);
          if (found.isEmpty() || found.get().stage() != Stage.CONFIRM) {
            return restart(SESSION_EXPIRED);
          }
          Interaction interaction = found.get();
          if (!interactions.remove(interaction)) {
            return restart(SESSION_EXPIRED); // a concurrent confirmation took it
          }
          String hash = UserCodes.hash(interaction.userCode());
          boolean done =
              approve
                  ? grants.approve(
                      hash,
                      interaction.userId(),
                      // The browser interaction of the approval, by the SHA-256 of its id (the
                      // id is a cookie value): the session itself starts at the device's poll.
                      UserCodes.sha256(interaction.id()),
                      interaction.authTime(),
                      interaction.credentialsVersion(),
                      now)
                  : grants.deny(hash, now);
          if (!done) {
            return restart(INVALID_CODE);
          }
          return Result.ok(new DeviceStep.Done(approve));
        });
  }

  private Result<DeviceStep> enter(Interaction interaction, String typed, String clientAddress) {
    String key = "device-code:" + ClientAddresses.key(clientAddress, ipv6Prefix);
    RateLimitDecision decision = rateLimiter.tryAcquire(key, settings.codeEntry());
    if (!decision.allowed()) {
      return Result.ok(
          enterCode(
              interaction,
              "Too many codes were entered from your network. Try again in "
                  + seconds(decision.retryAfter())
                  + "."));
    }
    Optional<String> code = UserCodes.normalize(typed);
    Optional<DeviceGrant> grant = code.flatMap(this::pending);
    if (grant.isEmpty()) {
      return Result.ok(enterCode(interaction, INVALID_CODE));
    }
    Interaction next =
        new Interaction(
            interaction.id(),
            interaction.csrfToken(),
            interaction.expiresAt(),
            Stage.LOGIN,
            code.get(),
            null,
            0,
            null,
            0,
            null);
    if (!interactions.replace(interaction, next)) {
      return restart(SESSION_EXPIRED);
    }
    return Result.ok(new DeviceStep.Login(next.id(), next.csrfToken(), null, null));
  }

  private Optional<DeviceGrant> pending(String normalizedCode) {
    return grants.findByUserCode(UserCodes.hash(normalizedCode), clock.instant());
  }

  private DeviceStep confirm(Interaction interaction, DeviceGrant grant) {
    Optional<OAuthClient> client = clients.find(grant.clientId());
    String name = client.map(OAuthClient::displayName).orElse(grant.clientId());
    List<ScopeView> scopes =
        new TreeSet<>(grant.scope())
            .stream().map(s -> new ScopeView(s, scopeDescriptions.getOrDefault(s, s))).toList();
    return new DeviceStep.Confirm(
        interaction.id(),
        interaction.csrfToken(),
        new ClientView(grant.clientId(), name),
        scopes,
        UserCodes.display(interaction.userCode()));
  }

  private Result<DeviceStep> restart(String error) {
    Optional<Interaction> started = start();
    return started.isEmpty() ? Result.err(busy()) : Result.ok(enterCode(started.get(), error));
  }

  private Optional<Interaction> start() {
    Instant now = clock.instant();
    Interaction interaction =
        new Interaction(
            newId(),
            newId(),
            now.plus(settings.interactionLifetime()),
            Stage.ENTER_CODE,
            null,
            null,
            0,
            null,
            0,
            null);
    return interactions.put(interaction, now) ? Optional.of(interaction) : Optional.empty();
  }

  private static DeviceStep enterCode(Interaction interaction, String error) {
    return new DeviceStep.EnterCode(interaction.id(), interaction.csrfToken(), error);
  }

  private static AuthError busy() {
    return new AuthError.ServiceUnavailable(
        "device verification", "too many open verification pages", Duration.ofMinutes(1));
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
