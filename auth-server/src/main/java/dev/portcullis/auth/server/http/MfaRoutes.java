package dev.portcullis.auth.server.http;

import com.google.inject.Inject;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Enrolment;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.account.ProfileService;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.core.mfa.TotpFactor;
import dev.portcullis.auth.server.ServerSettings;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Second factors under {@code /auth/mfa} (issue 16), mounted when {@code auth.mfa.enabled}: TOTP
 * enrolment, confirmation and removal, recovery-code regeneration, the factor status, and the
 * completion of a login that {@code /auth/login} answered with {@code mfa_required}.
 */
final class MfaRoutes implements RouteGroup {
  private final MfaService mfa;
  private final TotpFactor totp;
  private final TokenService tokens;
  private final ProfileService profiles;
  private final BearerAuth bearer;
  private final Clock clock;
  private final int maxBody;

  @Inject
  MfaRoutes(
      MfaService mfa,
      TotpFactor totp,
      TokenService tokens,
      ProfileService profiles,
      BearerAuth bearer,
      Clock clock,
      ServerSettings settings) {
    this.mfa = mfa;
    this.totp = totp;
    this.tokens = tokens;
    this.profiles = profiles;
    this.bearer = bearer;
    this.clock = clock;
    this.maxBody = settings.maxBodyBytes();
  }

  @Override
  public void mount(Routes r) {
    if (!mfa.enabled()) {
      return;
    }
    r.get("/auth/mfa", this::status);
    r.post("/auth/mfa/totp", this::enrol);
    r.post("/auth/mfa/totp/confirm", this::confirm);
    r.delete("/auth/mfa/totp", this::remove);
    r.post("/auth/mfa/recovery-codes", this::regenerate);
    r.post("/auth/mfa/verify", this::verify);
  }

  private void status(Context ctx) {
    Principal principal = bearer.require(ctx);
    Optional<FactorCredential> c = totp.list(principal.subject()).stream().findFirst();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("totp", c.map(x -> x.active() ? "active" : "pending").orElse("none"));
    out.put("recovery_codes_remaining", mfa.remainingRecoveryCodes(principal.subject()));
    Http.json(ctx, 200, out);
  }

  /** Starts enrolment: {@code secret}, {@code otpauth_uri}, {@code qr_svg}, shown once. */
  private void enrol(Context ctx) {
    Principal principal = bearer.require(ctx);
    User user = Http.ok(profiles.account(principal));
    Enrolment e = Http.ok(mfa.enrolTotp(user));
    AuthRoutes.noStore(ctx);
    Http.json(ctx, 200, new LinkedHashMap<>(e.details()));
  }

  /** Activates the seed with a first code; answers the recovery codes, shown once. */
  private void confirm(Context ctx) {
    Principal principal = bearer.require(ctx);
    String code = JsonBody.read(ctx, maxBody, true).requiredString("code");
    List<String> codes = Http.ok(mfa.confirmTotp(principal.subject(), code));
    AuthRoutes.noStore(ctx);
    Http.json(ctx, 200, Map.of("recovery_codes", codes));
  }

  /**
   * Removes TOTP with a fresh {@code password} or {@code code}; {@code end_other_sessions: true}
   * also ends every other session of the user.
   */
  private void remove(Context ctx) {
    Principal principal = bearer.require(ctx);
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String password = body.optionalString("password").orElse(null);
    String code = body.optionalString("code").orElse(null);
    boolean endOthers = body.optionalBoolean("end_other_sessions");
    Http.ok(mfa.removeTotp(principal.subject(), password, code));
    if (endOthers) {
      for (Session s : Http.ok(profiles.activeSessions(principal))) {
        if (!s.id().equals(principal.sessionId())) {
          tokens.revokeSession(principal.subject(), s.id()); // already ended is fine
        }
      }
    }
    ctx.status(204);
  }

  /** New recovery codes, proven by a current TOTP code; the old ones stop working. */
  private void regenerate(Context ctx) {
    Principal principal = bearer.require(ctx);
    String code = JsonBody.read(ctx, maxBody, true).requiredString("code");
    List<String> codes = Http.ok(mfa.regenerateRecoveryCodes(principal.subject(), code));
    AuthRoutes.noStore(ctx);
    Http.json(ctx, 200, Map.of("recovery_codes", codes));
  }

  /**
   * Completes a pending login with a TOTP or recovery code: the usual token pair. Rate limited per
   * client address ({@code auth.mfa.verify-rate-limit}), like {@code /auth/login}.
   */
  private void verify(Context ctx) {
    JsonBody body = JsonBody.read(ctx, maxBody, true);
    String token = body.requiredString("mfa_token");
    String code = body.requiredString("code");
    Authentication auth = Http.ok(mfa.complete(token, code, Http.clientAddress(ctx)));
    AuthRoutes.writeTokens(ctx, clock, Http.ok(tokens.issue(auth)));
  }
}
