package dev.portcullis.auth.server.http;

import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.jwt.TokenInspector;
import dev.portcullis.auth.jwt.TokenReport;
import dev.portcullis.auth.server.internal.Emails;
import dev.portcullis.auth.server.internal.SessionControl;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The end-user endpoints under {@code /auth}. */
final class AuthRoutes {
  private static final int MAX_NAME = 200;

  private final Authenticator authenticator;
  private final TokenService tokens;
  private final AccountService accounts;
  private final UserStore users;
  private final SessionControl sessions;
  private final TokenInspector inspector;
  private final BearerAuth bearer;
  private final Clock clock;
  private final int maxBody;

  AuthRoutes(
      Authenticator authenticator,
      TokenService tokens,
      AccountService accounts,
      UserStore users,
      SessionControl sessions,
      TokenInspector inspector,
      BearerAuth bearer,
      Clock clock,
      int maxBody) {
    this.authenticator = authenticator;
    this.tokens = tokens;
    this.accounts = accounts;
    this.users = users;
    this.sessions = sessions;
    this.inspector = inspector;
    this.bearer = bearer;
    this.clock = clock;
    this.maxBody = maxBody;
  }

  void mount(Routes r) {
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
    tokenResponse(ctx, Http.ok(tokens.issue(auth)));
  }

  private void refresh(Context ctx) {
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String refreshToken = body.requiredString("refresh_token");
    var refreshed = tokens.refresh(refreshToken);
    if (refreshed.isErr()) {
      AuthError e = refreshed.failure().orElseThrow();
      throw e.httpStatus() == 401 ? BearerAuth.challenge(e, null) : new ProblemException(e);
    }
    tokenResponse(ctx, refreshed.unwrap());
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
      sessions.end(principal.subject(), sid); // already ended is fine
    }
  }

  private void me(Context ctx) {
    Principal principal = bearer.require(ctx);
    Optional<StoredUser> found;
    try {
      found = users.findById(principal.subject());
    } catch (dev.portcullis.auth.api.error.ServiceUnavailableException e) {
      throw new ProblemException(e.error());
    }
    if (found.isEmpty() || !found.get().user().enabled()) {
      throw BearerAuth.challenge(
          new AuthError.TokenRejected(
              TokenFailure.REVOKED, "The account of this token no longer exists or is disabled."),
          null);
    }
    User user = found.get().user();
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
    for (Session s : Http.ok(sessions.active(principal.subject()))) {
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
    Http.ok(sessions.end(principal.subject(), ctx.pathParam("id")));
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

  private void tokenResponse(Context ctx, TokenPair pair) {
    var now = clock.instant();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", pair.accessToken());
    out.put("token_type", pair.tokenType());
    out.put("expires_in", pair.accessExpiresInSeconds(now));
    out.put("refresh_token", pair.refreshToken());
    out.put("refresh_expires_in", pair.refreshExpiresInSeconds(now));
    ctx.header("Cache-Control", "no-store");
    ctx.header("Pragma", "no-cache");
    Http.json(ctx, 200, out);
  }
}
