package dev.portcullis.auth.server.http;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Emails;
import dev.portcullis.auth.core.account.ProfileService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.mfa.LoginStep;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.jwt.TokenInspector;
import dev.portcullis.auth.jwt.TokenReport;
import dev.portcullis.auth.server.ServerSettings;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end-user endpoints under {@code /auth}: each reads the request, calls one use case (the
 * {@link Authenticator}, the {@link TokenService}, {@link AccountService} or {@link
 * ProfileService}) and writes its result.
 */
final class AuthRoutes implements RouteGroup {
  private static final int MAX_NAME = 200;

  private final Authenticator authenticator;
  private final TokenService tokens;
  private final AccountService accounts;
  private final ProfileService profiles;
  private final TokenInspector inspector;
  private final MfaService mfa;
  private final BearerAuth bearer;
  private final Clock clock;
  private final int maxBody;

  @Inject
  AuthRoutes(
      Authenticator authenticator,
      TokenService tokens,
      AccountService accounts,
      ProfileService profiles,
      TokenInspector inspector,
      MfaService mfa,
      BearerAuth bearer,
      Clock clock,
      ServerSettings settings) {
    this.authenticator = authenticator;
    this.tokens = tokens;
    this.accounts = accounts;
    this.profiles = profiles;
    this.inspector = inspector;
    this.mfa = mfa;
    this.bearer = bearer;
    this.clock = clock;
    this.maxBody = settings.maxBodyBytes();
  }

  @Override
  public void mount(Routes r) {
    r.post("/auth/register", this::register);
    r.post("/auth/login", this::login);
    r.post("/auth/refresh", this::refresh);
    r.post("/auth/logout", this::logout);
    r.get("/auth/me", this::me);
    r.get("/auth/sessions", this::listSessions);
    r.delete("/auth/sessions/{id}", this::endSession);
    r.post("/auth/password/change", this::changePassword);
    r.post("/auth/password/forgot", this::forgotPassword);
    r.post("/auth/password/reset", this::resetPassword);
  }

  private void register(Context ctx) {
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String email = body.requiredString("email");
    String password = body.requiredString("password");
    String name = body.optionalLabel("name", MAX_NAME).orElse(null);
    if (!Emails.plausible(email)) {
      throw ProblemException.invalid("email", "is not an e-mail address");
    }
    User user =
        Http.ok(
            accounts.register(
                new Registration(email, password, name, Set.of(), Http.clientAddress(ctx))));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", user.id());
    out.put("email", user.email());
    out.put("name", user.name());
    Http.json(ctx, 201, out);
  }

  private void login(Context ctx) {
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String email = body.requiredString("email");
    String password = body.requiredString("password");
    Authentication auth =
        Http.ok(
            authenticator.authenticate(
                new LoginRequest(email, password, Http.clientAddress(ctx), Http.userAgent(ctx))));
    if (mfa.begin(auth) instanceof LoginStep.ChallengeRequired challenge) {
      // The password was right, but the session waits for the second factor: POST
      // /auth/mfa/verify with this token and a code.
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("mfa_required", true);
      out.put("mfa_token", challenge.token());
      out.put("methods", challenge.methods());
      out.put(
          "expires_in",
          Math.max(
              0, java.time.Duration.between(clock.instant(), challenge.expiresAt()).toSeconds()));
      noStore(ctx);
      Http.json(ctx, 200, out);
      return;
    }
    tokenResponse(ctx, Http.ok(tokens.issue(auth)));
  }

  private void refresh(Context ctx) {
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String refreshToken = body.requiredString("refresh_token");
    tokenResponse(ctx, orChallenge(tokens.refresh(refreshToken)));
  }

  private void logout(Context ctx) {
    Principal principal = bearer.require(ctx);
    JsonBody body = JsonBody.read(ctx, maxBody, false);
    Optional<String> refreshToken = body.optionalString("refresh_token");
    boolean everywhere = body.optionalBoolean("everywhere");
    if (everywhere) {
      Http.ok(tokens.revokeAll(principal.subject()));
    } else {
      Http.ok(tokens.revoke(principal));
      refreshToken.ifPresent(t -> endRefreshSession(principal, t));
    }
    ctx.status(204);
  }

  /** A refresh token of another session of the same user ends that session too. */
  private void endRefreshSession(Principal principal, String refreshToken) {
    TokenReport report = inspector.inspect(refreshToken);
    if (report.valid()
        && "refresh".equals(report.kind())
        && principal.subject().equals(report.claims().get("sub"))
        && report.claims().get("sid") instanceof String sid
        && !sid.equals(principal.sessionId())) {
      tokens.revokeSession(principal.subject(), sid); // already ended is fine
    }
  }

  private void me(Context ctx) {
    Principal principal = bearer.require(ctx);
    User user = orChallenge(profiles.account(principal));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", user.id());
    out.put("email", user.email());
    out.put("name", user.name());
    out.put("roles", new TreeSet<>(user.roles()));
    Http.json(ctx, 200, out);
  }

  private void listSessions(Context ctx) {
    Principal principal = bearer.require(ctx);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Session s : Http.ok(profiles.activeSessions(principal))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("created_at", s.createdAt().toString());
      m.put("last_active", s.lastActiveAt().toString());
      m.put("user_agent", s.userAgent());
      m.put("ip", s.clientAddress());
      m.put("current", s.id().equals(principal.sessionId()));
      out.add(m);
    }
    Http.json(ctx, 200, out);
  }

  private void endSession(Context ctx) {
    Principal principal = bearer.require(ctx);
    Http.ok(tokens.revokeSession(principal.subject(), ctx.pathParam("id")));
    ctx.status(204);
  }

  private void changePassword(Context ctx) {
    Principal principal = bearer.require(ctx);
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String current = body.requiredString("current_password");
    String next = body.requiredString("new_password");
    Http.ok(accounts.changePassword(principal.subject(), current, next, principal.sessionId()));
    ctx.status(204);
  }

  private void forgotPassword(Context ctx) {
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String email = body.requiredString("email");
    Http.ok(accounts.requestPasswordReset(email, Http.clientAddress(ctx)));
    ctx.status(202);
  }

  private void resetPassword(Context ctx) {
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String token = body.requiredString("token");
    String next = body.requiredString("new_password");
    Http.ok(accounts.resetPassword(token, next));
    ctx.status(204);
  }

  /** The value of an {@code Ok}; a 401 error answers with a Bearer challenge, others as usual. */
  private static <T> T orChallenge(Result<T> result) {
    return result.fold(
        v -> v,
        e -> {
          throw e.httpStatus() == 401 ? BearerAuth.challenge(e, null) : new ProblemException(e);
        });
  }

  private void tokenResponse(Context ctx, TokenPair pair) {
    writeTokens(ctx, clock, pair);
  }

  /** Answers a token pair (RFC 6749 section 5.1 shape), never cached. */
  static void writeTokens(Context ctx, Clock clock, TokenPair pair) {
    var now = clock.instant();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", pair.accessToken());
    out.put("token_type", pair.tokenType());
    out.put("expires_in", pair.accessExpiresInSeconds(now));
    out.put("refresh_token", pair.refreshToken());
    out.put("refresh_expires_in", pair.refreshExpiresInSeconds(now));
    noStore(ctx);
    Http.json(ctx, 200, out);
  }

  /** Marks an answer that carries secrets as not to be cached. */
  static void noStore(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Pragma", "no-cache");
  }
}
