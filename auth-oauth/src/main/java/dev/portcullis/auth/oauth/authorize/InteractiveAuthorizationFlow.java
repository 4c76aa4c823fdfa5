package dev.portcullis.auth.oauth.authorize;

import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.AuthorizationCode;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.Interaction;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.oauth.token.Scopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authorization code flow as a server-side interaction in an {@link InteractionStore} (shared
 * by the fleet): {@code begin} checks the request ({@link AuthorizationRequests}) and stores it
 * with a 256-bit interaction id and CSRF token for {@link #INTERACTION_LIFETIME}; {@code login}
 * checks the password through the core's {@link Authenticator} (lockout and rate limits included)
 * and shows its refusals in plain words; consent is skipped when the client does not require it or
 * the user's {@link ConsentStore} consent already covers every requested scope, and recorded on
 * approval. A user with an active second factor ({@link MfaService#required}) is asked for a TOTP
 * or recovery code between the password and the consent: the code is checked by {@link
 * MfaService#verifyCode} (lockout, single use), wrong codes are counted in the interaction, which
 * ends after {@link MfaService#maxChallengeFailures} of them or {@link MfaService#challengeTtl}
 * after the password; the code then carries {@code amr ["pwd","otp"]}. Without an {@link
 * MfaService} such a user is refused (fail closed). The last step deletes the interaction (exactly
 * one caller succeeds) and issues a 256-bit code, stored hashed for {@link #CODE_LIFETIME}; the
 * session starts only when the code is redeemed. Thread-safe.
 */
public final class InteractiveAuthorizationFlow implements AuthorizationFlow {

  /** How long an interaction lives. */
  public static final Duration INTERACTION_LIFETIME = Duration.ofMinutes(10);

  /** How long an authorization code lives. */
  public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

  /** {@link Interaction#kind()} of this flow's interactions. */
  public static final String KIND = "authorize";

  private static final String STEP = "step";
  private static final String LOGIN = "login";
  private static final String CONSENT = "consent";
  private static final String MFA = "mfa";
  private static final String MFA_FAILURES = "mfa_failures";
  private static final String MFA_EXPIRES = "mfa_expires";
  private static final String AMR = "amr";

  /** What the Login step says to a user with an active second factor when MFA is not wired. */
  static final String SECOND_FACTOR_NOT_OFFERED =
      "This account signs in with a second factor, which this sign-in page does not offer yet."
          + " Ask your administrator.";

  /** The error page after too many wrong codes. */
  static final String TOO_MANY_CODES =
      "Too many wrong codes: this sign-in has ended. Go back to the application and start again.";

  /** The error page when the code came after the challenge's lifetime. */
  static final String CODE_TOO_LATE =
      "The time to enter the code has run out: this sign-in has ended. Go back to the application"
          + " and start again.";

  private static final DateTimeFormatter LOCK_TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final AuthorizationRequests requests;
  private final InteractionStore interactions;
  private final ClientStore clients;
  private final Authenticator authenticator;
  private final ConsentStore consents;
  private final AuthorizationCodeStore codes;
  private final FactorStore factors;
  private final MfaService mfa;
  private final Map<String, String> scopeDescriptions;
  private final String issuer;
  private final Clock clock;

  public InteractiveAuthorizationFlow(
      ClientStore clients,
      InteractionStore interactions,
      Authenticator authenticator,
      ConsentStore consents,
      AuthorizationCodeStore codes,
      FactorStore factors,
      Map<String, String> scopeDescriptions,
      String issuer,
      Clock clock) {
    this(
        clients,
        interactions,
        authenticator,
        consents,
        codes,
        factors,
        null,
        scopeDescriptions,
        issuer,
        clock);
  }

  /**
   * The flow with a second-factor step.
   *
   * @param mfa the second factors, or null when {@code MfaModule} is not installed (a user with an
   *     active factor is then refused)
   */
  public InteractiveAuthorizationFlow(
      ClientStore clients,
      InteractionStore interactions,
      Authenticator authenticator,
      ConsentStore consents,
      AuthorizationCodeStore codes,
      FactorStore factors,
      MfaService mfa,
      Map<String, String> scopeDescriptions,
      String issuer,
      Clock clock) {
    this.mfa = mfa;
    this.clients = Objects.requireNonNull(clients, "clients");
    this.interactions = Objects.requireNonNull(interactions, "interactions");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.consents = Objects.requireNonNull(consents, "consents");
    this.codes = Objects.requireNonNull(codes, "codes");
    this.factors = Objects.requireNonNull(factors, "factors");
    this.scopeDescriptions = Map.copyOf(scopeDescriptions);
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requests = new AuthorizationRequests(clients, issuer);
  }

  @Override
  public Result<AuthorizationStep> begin(
      Map<String, String> query, String clientAddress, String userAgent) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    query.forEach((k, v) -> all.put(k, List.of(v)));
    return beginWithAllValues(all, clientAddress, userAgent);
  }

  @Override
  public Result<AuthorizationStep> beginWithAllValues(
      Map<String, List<String>> query, String clientAddress, String userAgent) {
    Objects.requireNonNull(query, "query");
    return Result.catching(
        () -> {
          AuthorizationRequests.Checked checked = requests.check(query);
          if (checked instanceof AuthorizationRequests.Checked.Refused refused) {
            return Result.ok(refused.step());
          }
          AuthorizationRequest request = ((AuthorizationRequests.Checked.Valid) checked).request();
          String id = Randoms.token();
          String csrf = Randoms.token();
          Map<String, String> state = new LinkedHashMap<>(request.toState());
          state.put(STEP, LOGIN);
          Instant now = clock.instant();
          interactions.create(
              new Interaction(
                  Randoms.sha256Hex(id),
                  KIND,
                  csrf,
                  state,
                  0,
                  now,
                  now.plus(INTERACTION_LIFETIME)));
          return Result.ok(
              new AuthorizationStep.Login(id, csrf, view(request.client()), null, null));
        });
  }

  @Override
  public Optional<String> csrfToken(String interactionId) {
    return find(interactionId).map(Interaction::csrfToken);
  }

  @Override
  public Result<AuthorizationStep> login(
      String interactionId,
      String identifier,
      String password,
      String clientAddress,
      String userAgent) {
    return Result.catching(
        () -> {
          Optional<Interaction> found = find(interactionId);
          if (found.isEmpty()) {
            return Result.ok(expired());
          }
          Interaction interaction = found.get();
          Optional<OAuthClient> client = client(interaction);
          if (client.isEmpty()) {
            return Result.ok(clientGone());
          }
          if (CONSENT.equals(interaction.get(STEP))) {
            // A repeated POST of the login form: the user is signed in already.
            return Result.ok(consentStep(interactionId, interaction, client.get()));
          }
          if (MFA.equals(interaction.get(STEP))) {
            // A repeated POST of the login form: the password was checked, the code is due.
            return Result.ok(mfaStep(interactionId, interaction, client.get(), null));
          }
          String typed = identifier == null ? "" : identifier;
          Result<Authentication> auth =
              authenticator.authenticate(
                  new LoginRequest(
                      typed, password == null ? "" : password, clientAddress, userAgent));
          if (auth instanceof Result.Err<Authentication> err) {
            if (err.error() instanceof AuthError.ServiceUnavailable) {
              return Result.err(err.error());
            }
            return Result.ok(
                new AuthorizationStep.Login(
                    interactionId,
                    interaction.csrfToken(),
                    view(client.get()),
                    plainWords(err.error()),
                    typed));
          }
          Authentication authentication = auth.orElse(null);
          if (mfa != null && mfa.required(authentication.user().id())) {
            Instant now = clock.instant();
            Map<String, String> pending = signedIn(authentication, MFA);
            pending.put(MFA_FAILURES, "0");
            pending.put(MFA_EXPIRES, now.plus(mfa.challengeTtl()).toString());
            Interaction next = interaction.next(pending);
            if (!interactions.update(next, now)) {
              return Result.ok(expired());
            }
            return Result.ok(mfaStep(interactionId, next, client.get(), null));
          }
          if (mfa == null
              && factors.list(authentication.user().id()).stream()
                  .anyMatch(FactorCredential::active)) {
            // Fail closed without the MFA step: a password alone must not pass.
            return Result.ok(
                new AuthorizationStep.Login(
                    interactionId,
                    interaction.csrfToken(),
                    view(client.get()),
                    SECOND_FACTOR_NOT_OFFERED,
                    typed));
          }
          Map<String, String> signedIn = signedIn(authentication, CONSENT);
          signedIn.put(AMR, String.join(" ", AuthorizationCode.PASSWORD_AMR));
          return Result.ok(toConsent(interactionId, interaction.next(signedIn), client.get()));
        });
  }

  @Override
  public Result<AuthorizationStep> mfa(String interactionId, String code) {
    return Result.catching(
        () -> {
          Optional<Interaction> found = find(interactionId);
          if (found.isEmpty()) {
            return Result.ok(expired());
          }
          Interaction interaction = found.get();
          Optional<OAuthClient> client = client(interaction);
          if (client.isEmpty()) {
            return Result.ok(clientGone());
          }
          if (CONSENT.equals(interaction.get(STEP))) {
            // A repeated POST of the code form: the code was accepted already.
            return Result.ok(consentStep(interactionId, interaction, client.get()));
          }
          if (!MFA.equals(interaction.get(STEP)) || mfa == null) {
            return Result.ok(expired());
          }
          Instant now = clock.instant();
          if (!now.isBefore(Instant.parse(interaction.get(MFA_EXPIRES)))) {
            interactions.delete(interaction.idHash());
            return Result.ok(new AuthorizationStep.ErrorPage("access_denied", CODE_TOO_LATE));
          }
          Result<Void> checked = mfa.verifyCode(interaction.get("user_id"), code);
          if (checked.isOk()) {
            Map<String, String> verified = new LinkedHashMap<>();
            verified.put(STEP, CONSENT);
            verified.put(AMR, String.join(" ", MfaService.AMR));
            verified.put(MFA_FAILURES, "0");
            return Result.ok(toConsent(interactionId, interaction.next(verified), client.get()));
          }
          AuthError error = checked.failure().orElseThrow();
          if (error instanceof AuthError.ServiceUnavailable) {
            return Result.err(error);
          }
          if (error.kind() == ErrorKind.MFA_NOT_ENROLLED) {
            // The factor was removed or reset since the password: start again.
            interactions.delete(interaction.idHash());
            return Result.ok(expired());
          }
          if (error instanceof AuthError.AccountLocked) {
            return Result.ok(mfaStep(interactionId, interaction, client.get(), plainWords(error)));
          }
          if (error.kind() != ErrorKind.INVALID_MFA_CODE) {
            return Result.err(error); // mfa_seed_unreadable: the operator's problem, a 500 page
          }
          int failures = Integer.parseInt(interaction.get(MFA_FAILURES)) + 1;
          if (failures >= mfa.maxChallengeFailures()) {
            interactions.delete(interaction.idHash());
            return Result.ok(new AuthorizationStep.ErrorPage("access_denied", TOO_MANY_CODES));
          }
          Interaction next = interaction.next(Map.of(MFA_FAILURES, Integer.toString(failures)));
          if (!interactions.update(next, now)) {
            return Result.ok(expired());
          }
          int left = mfa.maxChallengeFailures() - failures;
          return Result.ok(
              mfaStep(
                  interactionId,
                  next,
                  client.get(),
                  "That code is wrong or was already used. "
                      + left
                      + (left == 1 ? " attempt" : " attempts")
                      + " left."));
        });
  }

  /** The state of a user who passed the password, at {@code step}. */
  private static Map<String, String> signedIn(Authentication authentication, String step) {
    Map<String, String> signedIn = new LinkedHashMap<>();
    signedIn.put(STEP, step);
    signedIn.put("user_id", authentication.user().id());
    signedIn.put("auth_time", authentication.authenticatedAt().toString());
    signedIn.put("credentials_version", Long.toString(authentication.credentialsVersion()));
    return signedIn;
  }

  /** A signed-in interaction: the code at once when no consent is needed, else the consent. */
  private AuthorizationStep toConsent(String id, Interaction next, OAuthClient client) {
    if (!needsConsent(client, next)) {
      return finish(next);
    }
    if (!interactions.update(next, clock.instant())) {
      return expired();
    }
    return consentStep(id, next, client);
  }

  private AuthorizationStep mfaStep(
      String id, Interaction interaction, OAuthClient client, String error) {
    return new AuthorizationStep.Mfa(id, interaction.csrfToken(), view(client), error);
  }

  @Override
  public Result<AuthorizationStep> consent(String interactionId, boolean approve) {
    return Result.catching(
        () -> {
          Optional<Interaction> found = find(interactionId);
          if (found.isEmpty() || !CONSENT.equals(found.get().get(STEP))) {
            return Result.ok(expired());
          }
          Interaction interaction = found.get();
          if (!approve) {
            if (!interactions.delete(interaction.idHash())) {
              return Result.ok(expired());
            }
            return Result.ok(
                redirector(interaction)
                    .errorStep("access_denied", "The user did not allow the request."));
          }
          Set<String> scope = scope(interaction);
          if (!scope.isEmpty()) {
            consents.grant(
                interaction.get("user_id"), interaction.get("client_id"), scope, clock.instant());
          }
          return Result.ok(finish(interaction));
        });
  }

  /** Ends the interaction (one caller wins) and issues the code. */
  private AuthorizationStep finish(Interaction interaction) {
    if (!interactions.delete(interaction.idHash())) {
      return expired();
    }
    Instant now = clock.instant();
    String code = Randoms.token();
    codes.save(
        new AuthorizationCode(
            Randoms.sha256Hex(code),
            interaction.get("client_id"),
            interaction.get("redirect_uri"),
            interaction.get("code_challenge"),
            scope(interaction),
            interaction.get("nonce"),
            interaction.get("user_id"),
            AuthorizationCode.SESSION_AT_REDEMPTION,
            Instant.parse(interaction.get("auth_time")),
            Long.parseLong(interaction.get("credentials_version")),
            now,
            now.plus(CODE_LIFETIME),
            amr(interaction)));
    return redirector(interaction).code(code);
  }

  private boolean needsConsent(OAuthClient client, Interaction interaction) {
    Set<String> scope = scope(interaction);
    if (!client.requireConsent() || scope.isEmpty()) {
      return false;
    }
    return consents
        .find(interaction.get("user_id"), client.clientId())
        .map(c -> !c.covers(scope))
        .orElse(true);
  }

  private AuthorizationStep consentStep(String id, Interaction interaction, OAuthClient client) {
    List<ScopeView> scopes =
        scope(interaction).stream()
            .map(s -> new ScopeView(s, scopeDescriptions.getOrDefault(s, describe(s))))
            .toList();
    return new AuthorizationStep.Consent(id, interaction.csrfToken(), view(client), scopes);
  }

  private static String describe(String scope) {
    return switch (scope) {
      case "openid" -> "Sign you in with your account";
      case "profile" -> "See your name";
      case "email" -> "See your e-mail address";
      case "offline_access" -> "Stay signed in when you are away";
      default -> scope;
    };
  }

  private Optional<Interaction> find(String interactionId) {
    if (interactionId == null || interactionId.isEmpty() || interactionId.length() > 128) {
      return Optional.empty();
    }
    return interactions
        .find(Randoms.sha256Hex(interactionId), clock.instant())
        .filter(i -> KIND.equals(i.kind()));
  }

  private Optional<OAuthClient> client(Interaction interaction) {
    return clients.find(interaction.get("client_id")).filter(OAuthClient::enabled);
  }

  private AuthorizationRequests.Redirector redirector(Interaction interaction) {
    return new AuthorizationRequests.Redirector(
        interaction.get("redirect_uri"), interaction.get("state"), issuer);
  }

  private static List<String> amr(Interaction interaction) {
    String amr = interaction.get(AMR);
    return amr == null ? AuthorizationCode.PASSWORD_AMR : List.of(amr.split(" "));
  }

  private static Set<String> scope(Interaction interaction) {
    String scope = interaction.get("scope");
    return scope == null || scope.isEmpty() ? Set.of() : Scopes.parse(scope).orElse(Set.of());
  }

  private static ClientView view(OAuthClient client) {
    return new ClientView(client.clientId(), client.displayName());
  }

  private static AuthorizationStep expired() {
    return new AuthorizationStep.ErrorPage(
        "invalid_request",
        "This sign-in has expired or was already finished. Go back to the application and start"
            + " again.");
  }

  private static AuthorizationStep clientGone() {
    return new AuthorizationStep.ErrorPage(
        "invalid_request", "The application that sent you here is no longer registered.");
  }

  /** What the login page says about a refused login, in plain words without secrets. */
  static String plainWords(AuthError error) {
    if (error instanceof AuthError.AccountLocked locked) {
      return "Too many failed attempts: this account is locked until "
          + LOCK_TIME.format(locked.lockedUntil())
          + " (in "
          + minutes(locked.retryIn())
          + ").";
    }
    if (error instanceof AuthError.RateLimited limited) {
      return "Too many sign-in attempts from your network. Try again in "
          + minutes(limited.retryIn())
          + ".";
    }
    if (error instanceof AuthError.InvalidRequest) {
      return "Enter your e-mail address and your password.";
    }
    return "The e-mail address or the password is wrong.";
  }

  private static String minutes(Duration d) {
    long seconds = Math.max(1, d.toSeconds());
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
