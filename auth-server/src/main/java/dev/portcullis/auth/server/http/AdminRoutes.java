package dev.portcullis.auth.server.http;

import com.google.inject.Inject;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.core.account.AccountAdmin;
import dev.portcullis.auth.core.account.LockoutAdmin;
import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.internal.Secrets;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator and back-end endpoints. Each is guarded by its own secret header, compared in constant
 * time, and is off (404, with a detail naming the setting) while its secret is unset.
 */
final class AdminRoutes implements RouteGroup {
  private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);

  static final String ADMIN_HEADER = "X-Admin-Secret";
  static final String SYNC_HEADER = "X-Auth-Sync-Secret";

  private final ServerSettings settings;
  private final LockoutAdmin lockouts;
  private final AccountAdmin users;
  private final int maxBody;

  @Inject
  AdminRoutes(ServerSettings settings, LockoutAdmin lockouts, AccountAdmin users) {
    this.settings = settings;
    this.lockouts = lockouts;
    this.users = users;
    this.maxBody = settings.maxBodyBytes();
  }

  @Override
  public void mount(Routes r) {
    r.get("/admin/lockouts", this::listLockouts);
    r.delete("/admin/lockouts/{identifier}", this::clearLockout);
    r.post("/admin/users/sync", this::syncUser);
  }

  private void listLockouts(Context ctx) {
    requireAdmin(ctx);
    List<Map<String, Object>> out = new ArrayList<>();
    for (LockStatus s : Http.ok(lockouts.activeLockouts())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("identifier", s.key());
      m.put("failures", s.failures());
      m.put("locked_until", s.lockedUntil() == null ? null : s.lockedUntil().toString());
      out.add(m);
    }
    Http.json(ctx, 200, out);
  }

  private void clearLockout(Context ctx) {
    requireAdmin(ctx);
    Http.ok(lockouts.clear(ctx.pathParam("identifier")));
    ctx.status(204);
  }

  private void syncUser(Context ctx) {
    String secret = settings.syncSecret();
    if (secret == null) {
      log.warn(
          "POST /admin/users/sync was called but is OFF: auth.server.sync-secret (env"
              + " AUTH_SERVER_SYNC_SECRET) is not set, so this user was NOT synced.");
      throw off("POST /admin/users/sync", "auth.server.sync-secret (AUTH_SERVER_SYNC_SECRET)");
    }
    check(ctx, SYNC_HEADER, secret);
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String email = body.requiredString("email");
    String name = body.optionalLabel("name", 200).orElse(null);
    // Accepted for the callers' convenience; the user store has no place to keep it yet.
    body.optionalLabel("external_id", 255);
    AccountAdmin.Synced synced = Http.ok(users.upsert(email, name, Http.clientAddress(ctx)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", synced.user().id());
    out.put("email", synced.user().email());
    out.put("name", synced.user().name());
    out.put("created", synced.created());
    out.put("password_removed", synced.passwordRemoved());
    Http.json(ctx, 200, out);
  }

  private void requireAdmin(Context ctx) {
    String secret = settings.adminSecret();
    if (secret == null) {
      throw off("the admin endpoints", "auth.server.admin-secret (AUTH_SERVER_ADMIN_SECRET)");
    }
    check(ctx, ADMIN_HEADER, secret);
  }

  private static void check(Context ctx, String header, String secret) {
    if (!Secrets.matches(ctx.header(header), secret)) {
      // No error of the model fits "wrong operator secret" exactly; invalid_credentials is closest.
      throw new ProblemException(
          AuthError.of(ErrorKind.INVALID_CREDENTIALS),
          "The " + header + " header is missing or does not match the configured secret.");
    }
  }

  private static ProblemException off(String what, String setting) {
    return new ProblemException(
        new AuthError.NotFound("endpoint"), what + " is off: set " + setting + " to turn it on.");
  }
}
