package dev.portcullis.auth.server.http;

import com.google.inject.AbstractModule;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.oauth.authorize.AuthorizationFlow;
import dev.portcullis.auth.oauth.authorize.AuthorizationStep;
import dev.portcullis.auth.oauth.authorize.ClientView;
import dev.portcullis.auth.oauth.authorize.ScopeView;
import dev.portcullis.auth.oauth.client.DeclaredClient;
import dev.portcullis.auth.oauth.device.DeviceFlow;
import dev.portcullis.auth.oauth.device.DeviceStep;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for {@link AuthorizationFlow} and {@link DeviceFlow} with just enough of the real rules
 * to drive every page: a known client ({@link #CLIENT}, declared in the settings so its redirect
 * URIs reach the CSP), one user ({@link #USER} / {@link #PASSWORD}) locked after three wrong
 * passwords, one user with a second factor ({@link #MFA_USER}, same password, code {@link
 * #MFA_CODE}; the interaction ends after five wrong codes), one device code ({@link #USER_CODE}).
 * Each call that changes something is recorded in {@link #calls}, so a test can prove a refused
 * POST changed nothing.
 */
final class PageFakes {
  static final String CLIENT = "web";
  static final String UNLISTED_CLIENT = "unlisted";
  static final String ISSUER_PLACEHOLDER = "iss";
  static final String USER = "alice@example.com";
  static final String PASSWORD = "correct horse battery staple";
  static final String LOCKED_USER = "bob@example.com";
  static final String USER_CODE = "BCDF-GHJK";
  static final String MFA_USER = "carol@example.com";
  static final String MFA_CODE = "123456";
  private static final SecureRandom RANDOM = new SecureRandom();

  final String issuer;
  final Map<String, Interaction> interactions = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final Authorize authorize = new Authorize();
  final Device device = new Device();

  PageFakes(String issuer) {
    this.issuer = issuer;
  }

  /** One interaction of either flow. */
  static final class Interaction {
    final String csrf = random();
    final Map<String, String> query;
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger codeFailures = new AtomicInteger();
    volatile boolean awaitingCode;
    volatile String user;
    volatile boolean codeEntered;

    Interaction(Map<String, String> query) {
      this.query = query;
    }
  }

  AbstractModule module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(AuthorizationFlow.class).toInstance(authorize);
        bind(DeviceFlow.class).toInstance(device);
      }
    };
  }

  /** OAuth on, scopes with descriptions, {@link #CLIENT} declared with a loopback redirect URI. */
  static OAuthSettings settings() {
    OAuthClient web =
        new OAuthClient(
            CLIENT,
            "Photo Printer <Beta>",
            OAuthClient.Type.PUBLIC,
            EnumSet.of(OAuthClient.AuthMethod.NONE),
            null,
            null,
            null,
            List.of("http://127.0.0.1/callback"),
            Set.of(OAuthClient.AUTHORIZATION_CODE, OAuthClient.REFRESH_TOKEN),
            Set.of("photos.read", "profile"),
            true,
            null,
            true,
            Instant.EPOCH);
    return new OAuthSettings(
        true,
        List.of(new DeclaredClient(web, "test")),
        Map.of("photos.read", "See your photos", "profile", "Know your name and email address"),
        null,
        Duration.ofMinutes(1),
        false,
        Duration.ZERO,
        Duration.ofDays(30),
        dev.portcullis.auth.oauth.device.DeviceSettings.defaults());
  }

  static String random() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private String open(Map<String, String> query) {
    String id = random();
    interactions.put(id, new Interaction(query));
    return id;
  }

  private static List<ScopeView> scopes() {
    return List.of(
        new ScopeView("photos.read", "See your photos"),
        new ScopeView("profile", "Know your name and email address"));
  }

  /** The login rules both flows share; empty when the user is in. */
  private Optional<String> checkPassword(Interaction i, String identifier, String password) {
    if (identifier.equals(LOCKED_USER) || i.failures.get() >= 3) {
      return Optional.of(
          "Too many failed sign-ins: this account is locked until 14:05 UTC. Try again then,"
              + " or reset your password.");
    }
    if (!(identifier.equals(USER) || identifier.equals(MFA_USER)) || !password.equals(PASSWORD)) {
      i.failures.incrementAndGet();
      return Optional.of("The email or password is wrong.");
    }
    i.user = identifier;
    i.awaitingCode = identifier.equals(MFA_USER);
    return Optional.empty();
  }

  /** The second-factor rules both flows share: empty when accepted, else the error or "ended". */
  private Optional<String> checkCode(Interaction i, String code) {
    if (!i.awaitingCode) {
      return Optional.of("ended");
    }
    if (code.equals(MFA_CODE)) {
      i.awaitingCode = false;
      return Optional.empty();
    }
    int failures = i.codeFailures.incrementAndGet();
    if (failures >= 5) {
      i.awaitingCode = false;
      return Optional.of("ended");
    }
    return Optional.of(
        "That code is wrong or was already used. " + (5 - failures) + " attempts left.");
  }

  final class Authorize implements AuthorizationFlow {
    @Override
    public Result<AuthorizationStep> begin(
        Map<String, String> query, String clientAddress, String userAgent) {
      String clientId = query.get("client_id");
      String redirect = query.get("redirect_uri");
      boolean known = CLIENT.equals(clientId) || UNLISTED_CLIENT.equals(clientId);
      if (!known || redirect == null || !redirect.startsWith("http://127.0.0.1:")) {
        return Result.ok(
            new AuthorizationStep.ErrorPage(
                "invalid_request", "The application's sign-in link is wrong (unknown client)."));
      }
      String id = open(Map.copyOf(query));
      calls.add("begin");
      return Result.ok(
          new AuthorizationStep.Login(
              id, interactions.get(id).csrf, new ClientView(clientId, name(clientId)), null, null));
    }

    private String name(String clientId) {
      return CLIENT.equals(clientId) ? "Photo Printer <Beta>" : "Unlisted app";
    }

    @Override
    public Optional<String> csrfToken(String interactionId) {
      return Optional.ofNullable(interactions.get(interactionId)).map(i -> i.csrf);
    }

    @Override
    public Result<AuthorizationStep> login(
        String interactionId,
        String identifier,
        String password,
        String clientAddress,
        String userAgent) {
      calls.add("login");
      Interaction i = interactions.get(interactionId);
      String clientId = i.query.get("client_id");
      ClientView client = new ClientView(clientId, name(clientId));
      Optional<String> error = checkPassword(i, identifier, password);
      if (error.isPresent()) {
        return Result.ok(
            new AuthorizationStep.Login(interactionId, i.csrf, client, error.get(), identifier));
      }
      if (i.awaitingCode) {
        return Result.ok(new AuthorizationStep.Mfa(interactionId, i.csrf, client, null));
      }
      return Result.ok(new AuthorizationStep.Consent(interactionId, i.csrf, client, scopes()));
    }

    @Override
    public Result<AuthorizationStep> mfa(String interactionId, String code) {
      calls.add("mfa");
      Interaction i = interactions.get(interactionId);
      String clientId = i.query.get("client_id");
      ClientView client = new ClientView(clientId, name(clientId));
      Optional<String> error = checkCode(i, code);
      if (error.isEmpty()) {
        return Result.ok(new AuthorizationStep.Consent(interactionId, i.csrf, client, scopes()));
      }
      if (error.get().equals("ended")) {
        interactions.remove(interactionId);
        return Result.ok(
            new AuthorizationStep.ErrorPage(
                "access_denied",
                "Too many wrong codes: this sign-in has ended. Go back to the application and"
                    + " start again."));
      }
      return Result.ok(new AuthorizationStep.Mfa(interactionId, i.csrf, client, error.get()));
    }

    @Override
    public Result<AuthorizationStep> consent(String interactionId, boolean approve) {
      calls.add(approve ? "approve" : "deny");
      Interaction i = interactions.remove(interactionId);
      String state = URLEncoder.encode(i.query.getOrDefault("state", ""), StandardCharsets.UTF_8);
      String iss = URLEncoder.encode(issuer, StandardCharsets.UTF_8);
      String query =
          approve
              ? "code=" + random() + "&state=" + state + "&iss=" + iss
              : "error=access_denied&state=" + state + "&iss=" + iss;
      return Result.ok(
          new AuthorizationStep.Redirect(URI.create(i.query.get("redirect_uri") + "?" + query)));
    }
  }

  final class Device implements DeviceFlow {
    @Override
    public Result<DeviceStep> begin(String userCodeOrNull, String clientAddress) {
      String id = open(Map.of());
      calls.add("device-begin");
      if (userCodeOrNull != null) {
        return enterCode(id, userCodeOrNull, clientAddress);
      }
      return Result.ok(new DeviceStep.EnterCode(id, interactions.get(id).csrf, null));
    }

    @Override
    public Optional<String> csrfToken(String interactionId) {
      return Optional.ofNullable(interactions.get(interactionId)).map(i -> i.csrf);
    }

    @Override
    public Result<DeviceStep> enterCode(
        String interactionId, String userCode, String clientAddress) {
      calls.add("device-code");
      Interaction i = interactions.get(interactionId);
      String normal = userCode.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
      if (!normal.equals(USER_CODE.replace("-", ""))) {
        return Result.ok(
            new DeviceStep.EnterCode(
                interactionId,
                i.csrf,
                "That code is not valid or has expired. Check the code on your device."));
      }
      i.codeEntered = true;
      return Result.ok(new DeviceStep.Login(interactionId, i.csrf, null, null));
    }

    @Override
    public Result<DeviceStep> login(
        String interactionId,
        String identifier,
        String password,
        String clientAddress,
        String userAgent) {
      calls.add("device-login");
      Interaction i = interactions.get(interactionId);
      Optional<String> error = checkPassword(i, identifier, password);
      if (error.isPresent()) {
        return Result.ok(new DeviceStep.Login(interactionId, i.csrf, error.get(), identifier));
      }
      if (i.awaitingCode) {
        return Result.ok(new DeviceStep.Mfa(interactionId, i.csrf, null));
      }
      return Result.ok(
          new DeviceStep.Confirm(
              interactionId, i.csrf, new ClientView("tv", "Living-room TV"), scopes(), USER_CODE));
    }

    @Override
    public Result<DeviceStep> mfa(String interactionId, String code) {
      calls.add("device-mfa");
      Interaction i = interactions.get(interactionId);
      Optional<String> error = checkCode(i, code);
      if (error.isEmpty()) {
        return Result.ok(
            new DeviceStep.Confirm(
                interactionId,
                i.csrf,
                new ClientView("tv", "Living-room TV"),
                scopes(),
                USER_CODE));
      }
      return Result.ok(new DeviceStep.Mfa(interactionId, i.csrf, error.get()));
    }

    @Override
    public Result<DeviceStep> confirm(String interactionId, boolean approve) {
      calls.add(approve ? "device-approve" : "device-deny");
      interactions.remove(interactionId);
      return Result.ok(new DeviceStep.Done(approve));
    }
  }
}
