package dev.portcullis.auth.server.http;

import com.google.inject.Inject;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.core.account.AccountAdmin;
import dev.portcullis.auth.core.account.LockoutAdmin;
import dev.portcullis.auth.core.account.imports.ImportCounts;
import dev.portcullis.auth.core.account.imports.ImportListener;
import dev.portcullis.auth.core.account.imports.ImportReport;
import dev.portcullis.auth.core.account.imports.Refusal;
import dev.portcullis.auth.core.account.imports.UserImporter;
import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.internal.Secrets;
import dev.portcullis.auth.server.internal.imports.ImportFormat;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
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

  /** The import endpoint, whose body is streamed rather than buffered (see HttpApi). */
  static final String IMPORT_PATH = "/admin/users/import";

  private final ServerSettings settings;
  private final LockoutAdmin lockouts;
  private final AccountAdmin users;
  private final UserImporter importer;
  private final int maxBody;

  @Inject
  AdminRoutes(
      ServerSettings settings, LockoutAdmin lockouts, AccountAdmin users, UserImporter importer) {
    this.settings = settings;
    this.lockouts = lockouts;
    this.users = users;
    this.importer = importer;
    this.maxBody = settings.maxBodyBytes();
  }

  @Override
  public void mount(Routes r) {
    r.get("/admin/lockouts", this::listLockouts);
    r.delete("/admin/lockouts/{identifier}", this::clearLockout);
    r.post("/admin/users/sync", this::syncUser);
    r.post(IMPORT_PATH, this::importUsers);
  }

  /**
   * {@code POST /admin/users/import?format=csv|django|keycloak|auth0[&dry_run=true]}: the body is
   * the file, read as it arrives (this path is exempt from the server's buffering of bodies and
   * from {@code max-body-bytes}; the admin secret is checked before a byte is read). Answers the
   * report: 200 when the whole file was read (refused rows listed), 422 when the file is malformed
   * and 503 when the store failed, each with the rows done before it.
   */
  private void importUsers(Context ctx) {
    requireAdmin(ctx);
    ImportFormat format =
        ImportFormat.of(ctx.queryParam("format"))
            .orElseThrow(
                () ->
                    ProblemException.invalid(
                        "format", "must be one of " + ImportFormat.ids() + " (a query parameter)"));
    String dryRunText = ctx.queryParam("dry_run");
    if (dryRunText != null && !dryRunText.equals("true") && !dryRunText.equals("false")) {
      throw ProblemException.invalid("dry_run", "must be true or false");
    }
    boolean dryRun = "true".equals(dryRunText);
    ImportReport report;
    try (InputStream body = ctx.bodyInputStream()) {
      report = importer.run(format.open(body), dryRun, ImportListener.none());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ImportCounts c = report.counts();
    log.info(
        "User import ({}, dry run {}): {} rows, {} created, {} skipped, {} refused{}",
        format.id(),
        dryRun,
        c.rows(),
        c.created(),
        c.skipped(),
        c.refused(),
        report
            .failure()
            .map(f -> "; stopped at row " + f.row() + " (" + f.code() + ")")
            .orElse(""));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", format.id());
    out.put("dry_run", dryRun);
    out.put("complete", report.complete());
    out.put("rows", c.rows());
    out.put("created", c.created());
    out.put("skipped", c.skipped());
    out.put("refused", c.refused());
    List<Map<String, Object>> refusals = new ArrayList<>();
    for (Refusal r : report.refusals()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("row", r.row());
      m.put("identifier", r.identifier());
      m.put("reason", r.reason().code());
      m.put("detail", r.detail());
      refusals.add(m);
    }
    out.put("refusals", refusals);
    out.put("refusals_omitted", c.refused() - refusals.size());
    int status = 200;
    if (report.failure().isPresent()) {
      ImportReport.Failure f = report.failure().get();
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("row", f.row());
      failure.put("code", f.code());
      failure.put("message", f.message());
      out.put("failure", failure);
      status = f.code().equals("malformed_file") ? 422 : 503;
    }
    Http.json(ctx, status, out);
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
