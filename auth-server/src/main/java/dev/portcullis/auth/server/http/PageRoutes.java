package dev.portcullis.auth.server.http;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.oauth.authorize.AuthorizationFlow;
import dev.portcullis.auth.oauth.authorize.AuthorizationStep;
import dev.portcullis.auth.oauth.authorize.ScopeView;
import dev.portcullis.auth.oauth.client.ClientAdmin;
import dev.portcullis.auth.oauth.device.DeviceFlow;
import dev.portcullis.auth.oauth.device.DeviceStep;
import dev.portcullis.auth.oauth.token.ServerMetadata;
import dev.portcullis.auth.server.account.AccountMfaFlow;
import dev.portcullis.auth.server.pages.ConsentPage;
import dev.portcullis.auth.server.pages.DeviceCodePage;
import dev.portcullis.auth.server.pages.DeviceConfirmPage;
import dev.portcullis.auth.server.pages.DonePage;
import dev.portcullis.auth.server.pages.LoginPage;
import dev.portcullis.auth.server.pages.MfaEnrolPage;
import dev.portcullis.auth.server.pages.MfaPage;
import dev.portcullis.auth.server.pages.NoticePage;
import dev.portcullis.auth.server.pages.PageScope;
import dev.portcullis.auth.server.pages.Pages;
import dev.portcullis.auth.server.pages.RecoveryCodesPage;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The HTML pages of the browser flows, under the issuer's path: {@code GET /oauth2/authorize},
 * {@code POST /oauth2/authorize/login}, {@code /mfa} (a second factor) and {@code /consent} ({@link
 * AuthorizationFlow}), {@code GET|POST /device} ({@link DeviceFlow}). The flows hold the state (an
 * <em>interaction</em> in the shared store); this class keeps only the interaction id in an {@code
 * HttpOnly}, {@code SameSite=Lax} cookie ({@code Secure} unless the issuer is plain http on
 * loopback), and refuses every POST whose CSRF field does not match the interaction's token
 * (constant time), whose {@code Origin} is present and not the issuer's, or whose {@code
 * Sec-Fetch-Site} is {@code cross-site}: 403 with an error page, and nothing changes. Every error
 * on these paths is an HTML page ({@link HtmlErrors}), never a redirect. Mounted when the flows are
 * bound. {@code GET|POST /account/mfa} is the TOTP enrolment page ({@link AccountMfaFlow}), with
 * the same cookie, CSRF and origin rules; without {@code auth.mfa.enabled} it answers an error page
 * naming the setting.
 */
final class PageRoutes implements RouteGroup {
  static final String AUTHORIZE_COOKIE = "portcullis_authorize";
  static final String DEVICE_COOKIE = "portcullis_device";
  static final String AUTHORIZE_PATH = "/oauth2/authorize";
  static final String DEVICE_PATH = "/device";
  static final String ACCOUNT_COOKIE = "portcullis_account";
  static final String ACCOUNT_MFA_PATH = "/account/mfa";
  private static final Pattern INTERACTION_ID = Pattern.compile("[A-Za-z0-9_.~-]{1,256}");

  private final Optional<AuthorizationFlow> authorize;
  private final Optional<DeviceFlow> device;
  private final ServerMetadata metadata;
  private final ClientAdmin clients;
  private final Pages pages;
  private final HtmlErrors errors;
  private final String issuerOrigin;
  private final boolean secureCookies;
  private final String authorizePath;
  private final String devicePath;
  private final AccountMfaFlow account;
  private final String accountPath;

  @Inject
  PageRoutes(
      Optional<AuthorizationFlow> authorize,
      Optional<DeviceFlow> device,
      ServerMetadata metadata,
      ClientAdmin clients,
      AccountMfaFlow account) {
    this.authorize = authorize;
    this.device = device;
    this.metadata = metadata;
    this.clients = clients;
    this.pages = new Pages();
    this.errors = new HtmlErrors(pages);
    URI issuer = URI.create(metadata.issuer());
    this.issuerOrigin = origin(issuer);
    this.secureCookies = !"http".equalsIgnoreCase(issuer.getScheme());
    this.authorizePath = metadata.localPath(AUTHORIZE_PATH);
    this.devicePath = metadata.localPath(DEVICE_PATH);
    this.account = account;
    this.accountPath = metadata.localPath(ACCOUNT_MFA_PATH);
  }

  @Override
  public void mount(Routes r) {
    if (authorize.isPresent()) {
      // Before OAuthRoutes claims /oauth2/ for JSON errors: a person reads these.
      r.errorsAs(p -> p.equals(authorizePath) || p.startsWith(authorizePath + "/"), errors);
      r.get(authorizePath, this::authorize);
      r.post(authorizePath + "/login", this::login);
      r.post(authorizePath + "/mfa", this::mfa);
      r.post(authorizePath + "/consent", this::consent);
    }
    if (device.isPresent()) {
      r.errorsAs(p -> p.equals(devicePath), errors);
      r.get(devicePath, this::deviceBegin);
      r.post(devicePath, this::devicePost);
    }
    r.errorsAs(p -> p.equals(accountPath), errors);
    r.get(accountPath, this::accountBegin);
    r.post(accountPath, this::accountPost);
  }

  // --- authorization code ------------------------------------------------------------------

  private void authorize(Context ctx) {
    if (ctx.method() == HandlerType.HEAD) {
      // HEAD starts no interaction.
      ctx.status(200).contentType("text/html; charset=utf-8");
      return;
    }
    render(
        ctx,
        authorize
            .get()
            .beginWithAllValues(ctx.queryParamMap(), Http.clientAddress(ctx), Http.userAgent(ctx)));
  }

  private void login(Context ctx) {
    AuthorizationFlow flow = authorize.get();
    Optional<Checked> checked = check(ctx, AUTHORIZE_COOKIE, flow::csrfToken);
    if (checked.isEmpty()) {
      return;
    }
    Map<String, String> form = checked.get().form();
    render(
        ctx,
        flow.login(
            checked.get().interactionId(),
            form.getOrDefault("identifier", ""),
            form.getOrDefault("password", ""),
            Http.clientAddress(ctx),
            Http.userAgent(ctx)));
  }

  private void mfa(Context ctx) {
    AuthorizationFlow flow = authorize.get();
    Optional<Checked> checked = check(ctx, AUTHORIZE_COOKIE, flow::csrfToken);
    if (checked.isEmpty()) {
      return;
    }
    render(
        ctx,
        flow.mfa(checked.get().interactionId(), checked.get().form().getOrDefault("code", "")));
  }

  private void consent(Context ctx) {
    AuthorizationFlow flow = authorize.get();
    Optional<Checked> checked = check(ctx, AUTHORIZE_COOKIE, flow::csrfToken);
    if (checked.isEmpty()) {
      return;
    }
    boolean approve = "approve".equals(checked.get().form().get("decision"));
    render(ctx, flow.consent(checked.get().interactionId(), approve));
  }

  private void render(Context ctx, Result<AuthorizationStep> result) {
    AuthorizationStep step = Http.ok(result);
    String nonce = PageHeaders.nonce();
    if (step instanceof AuthorizationStep.Redirect redirect) {
      clearCookie(ctx, AUTHORIZE_COOKIE, authorizePath);
      ctx.header("Location", redirect.location().toASCIIString());
      ctx.status(303);
    } else if (step instanceof AuthorizationStep.ErrorPage error) {
      writeError(ctx, 400, "This sign-in link does not work", error.description(), error.error());
    } else if (step instanceof AuthorizationStep.Login login) {
      setCookie(ctx, AUTHORIZE_COOKIE, login.interactionId(), authorizePath);
      PageHeaders.apply(ctx::header, nonce, formTargets(login.client().clientId()));
      html(
          ctx,
          pages.login(
              new LoginPage(
                  authorizePath + "/login",
                  login.csrfToken(),
                  login.client().displayName(),
                  login.error(),
                  login.identifier(),
                  null),
              nonce));
    } else if (step instanceof AuthorizationStep.Mfa mfa) {
      setCookie(ctx, AUTHORIZE_COOKIE, mfa.interactionId(), authorizePath);
      PageHeaders.apply(ctx::header, nonce, formTargets(mfa.client().clientId()));
      html(
          ctx,
          pages.mfa(
              new MfaPage(
                  authorizePath + "/mfa",
                  mfa.csrfToken(),
                  mfa.client().displayName(),
                  mfa.error(),
                  null),
              nonce));
    } else if (step instanceof AuthorizationStep.Consent consent) {
      setCookie(ctx, AUTHORIZE_COOKIE, consent.interactionId(), authorizePath);
      PageHeaders.apply(ctx::header, nonce, formTargets(consent.client().clientId()));
      html(
          ctx,
          pages.consent(
              new ConsentPage(
                  authorizePath + "/consent",
                  consent.csrfToken(),
                  consent.client().displayName(),
                  scopes(consent.scopes())),
              nonce));
    } else {
      // A step this version does not know: a bug, not a page.
      throw new IllegalStateException("no page for " + step.getClass().getSimpleName());
    }
  }

  /** Where the forms of a client's flow may lead: the client's registered redirect URIs. */
  private Set<String> formTargets(String clientId) {
    return clients
        .show(clientId)
        .fold(c -> PageHeaders.formTargets(redirectUris(c)), e -> Set.<String>of());
  }

  private static Collection<String> redirectUris(OAuthClient client) {
    return client.redirectUris();
  }

  // --- device ------------------------------------------------------------------------------

  private void deviceBegin(Context ctx) {
    if (ctx.method() == HandlerType.HEAD) {
      ctx.status(200).contentType("text/html; charset=utf-8");
      return;
    }
    List<String> codes = ctx.queryParams("user_code");
    String code = codes.size() == 1 && !codes.get(0).isBlank() ? codes.get(0) : null;
    renderDevice(ctx, device.get().begin(code, Http.clientAddress(ctx)), code);
  }

  private void devicePost(Context ctx) {
    DeviceFlow flow = device.get();
    Optional<Checked> checked = check(ctx, DEVICE_COOKIE, flow::csrfToken);
    if (checked.isEmpty()) {
      return;
    }
    String id = checked.get().interactionId();
    Map<String, String> form = checked.get().form();
    String step = form.getOrDefault("step", "");
    switch (step) {
      case "code" -> {
        String code = form.getOrDefault("user_code", "");
        renderDevice(ctx, flow.enterCode(id, code, Http.clientAddress(ctx)), code);
      }
      case "login" ->
          renderDevice(
              ctx,
              flow.login(
                  id,
                  form.getOrDefault("identifier", ""),
                  form.getOrDefault("password", ""),
                  Http.clientAddress(ctx),
                  Http.userAgent(ctx)),
              null);
      case "mfa" -> renderDevice(ctx, flow.mfa(id, form.getOrDefault("code", "")), null);
      case "confirm" ->
          renderDevice(ctx, flow.confirm(id, "approve".equals(form.get("decision"))), null);
      default ->
          throw new ProblemException(
              new AuthError.InvalidRequest("step", "must be code, login, mfa or confirm"));
    }
  }

  private void renderDevice(Context ctx, Result<DeviceStep> result, String typedCode) {
    DeviceStep step = Http.ok(result);
    String nonce = PageHeaders.nonce();
    PageHeaders.apply(ctx::header, nonce, List.of());
    String action = devicePath;
    if (step instanceof DeviceStep.EnterCode enter) {
      setCookie(ctx, DEVICE_COOKIE, enter.interactionId(), devicePath);
      String refill = enter.error() == null ? null : typedCode;
      html(
          ctx,
          pages.deviceCode(
              new DeviceCodePage(action, enter.csrfToken(), enter.error(), refill), nonce));
    } else if (step instanceof DeviceStep.Login login) {
      setCookie(ctx, DEVICE_COOKIE, login.interactionId(), devicePath);
      html(
          ctx,
          pages.login(
              new LoginPage(
                  action, login.csrfToken(), null, login.error(), login.identifier(), "login"),
              nonce));
    } else if (step instanceof DeviceStep.Mfa mfa) {
      setCookie(ctx, DEVICE_COOKIE, mfa.interactionId(), devicePath);
      html(ctx, pages.mfa(new MfaPage(action, mfa.csrfToken(), null, mfa.error(), "mfa"), nonce));
    } else if (step instanceof DeviceStep.Confirm confirm) {
      setCookie(ctx, DEVICE_COOKIE, confirm.interactionId(), devicePath);
      html(
          ctx,
          pages.deviceConfirm(
              new DeviceConfirmPage(
                  action,
                  confirm.csrfToken(),
                  confirm.client().displayName(),
                  scopes(confirm.scopes()),
                  confirm.userCode()),
              nonce));
    } else if (step instanceof DeviceStep.Done done) {
      clearCookie(ctx, DEVICE_COOKIE, devicePath);
      html(ctx, pages.done(new DonePage(done.approved()), nonce));
    } else {
      throw new IllegalStateException("no page for " + step.getClass().getSimpleName());
    }
  }

  // --- TOTP enrolment -----------------------------------------------------------------------

  private boolean accountEnabled(Context ctx) {
    if (account.enabled()) {
      return true;
    }
    writeError(
        ctx,
        404,
        "Two-step sign-in is not available",
        "This server does not offer two-step sign-in. Its operator can turn it on with the setting"
            + " auth.mfa.enabled = true (environment variable AUTH_MFA_ENABLED=true).",
        "mfa_disabled");
    return false;
  }

  private void accountBegin(Context ctx) {
    if (ctx.method() == HandlerType.HEAD) {
      ctx.status(200).contentType("text/html; charset=utf-8");
      return;
    }
    if (accountEnabled(ctx)) {
      renderAccount(ctx, account.begin(Http.clientAddress(ctx)));
    }
  }

  private void accountPost(Context ctx) {
    if (!accountEnabled(ctx)) {
      return;
    }
    Optional<Checked> checked = check(ctx, ACCOUNT_COOKIE, account::csrfToken);
    if (checked.isEmpty()) {
      return;
    }
    String id = checked.get().interactionId();
    Map<String, String> form = checked.get().form();
    switch (form.getOrDefault("step", "")) {
      case "login" ->
          renderAccount(
              ctx,
              account.login(
                  id,
                  form.getOrDefault("identifier", ""),
                  form.getOrDefault("password", ""),
                  Http.clientAddress(ctx),
                  Http.userAgent(ctx)));
      case "code" -> renderAccount(ctx, account.code(id, form.getOrDefault("code", "")));
      default ->
          throw new ProblemException(new AuthError.InvalidRequest("step", "must be login or code"));
    }
  }

  private void renderAccount(Context ctx, Result<AccountMfaFlow.Step> result) {
    AccountMfaFlow.Step step = Http.ok(result);
    String nonce = PageHeaders.nonce();
    PageHeaders.apply(ctx::header, nonce, List.of());
    if (step.interactionId() != null) {
      setCookie(ctx, ACCOUNT_COOKIE, step.interactionId(), accountPath);
    } else {
      clearCookie(ctx, ACCOUNT_COOKIE, accountPath);
    }
    if (step instanceof AccountMfaFlow.Step.Login login) {
      html(
          ctx,
          pages.login(
              new LoginPage(
                  accountPath,
                  login.csrfToken(),
                  "two-step sign-in settings",
                  login.error(),
                  login.identifier(),
                  "login"),
              nonce));
    } else if (step instanceof AccountMfaFlow.Step.Code code) {
      html(
          ctx,
          pages.mfa(
              new MfaPage(
                  accountPath, code.csrfToken(), "two-step sign-in settings", code.error(), "code"),
              nonce));
    } else if (step instanceof AccountMfaFlow.Step.Enrol enrol) {
      html(
          ctx,
          pages.mfaEnrol(
              new MfaEnrolPage(
                  accountPath,
                  enrol.csrfToken(),
                  enrol.qrSvg(),
                  enrol.secretGroups(),
                  enrol.account(),
                  enrol.error()),
              nonce));
    } else if (step instanceof AccountMfaFlow.Step.RecoveryCodes codes) {
      html(ctx, pages.recoveryCodes(new RecoveryCodesPage(codes.codes()), nonce));
    } else if (step instanceof AccountMfaFlow.Step.AlreadyEnrolled) {
      html(
          ctx,
          pages.notice(
              new NoticePage(
                  "Two-step sign-in is already on",
                  "Your account already signs in with a code from an authenticator app, so there"
                      + " is nothing to set up. To move it to another phone, remove the current one"
                      + " in your application's account settings first, then come back here."),
              nonce));
    } else {
      throw new IllegalStateException("no page for " + step.getClass().getSimpleName());
    }
  }

  // --- the checks of every POST ------------------------------------------------------------

  private record Checked(String interactionId, Map<String, String> form) {}

  /**
   * The interaction id and form of a POST that passed the origin and CSRF checks; empty when it did
   * not, after writing the 403 page.
   */
  private Optional<Checked> check(
      Context ctx, String cookie, Function<String, Optional<String>> csrfOf) {
    String origin = ctx.header("Origin");
    if (origin != null && !origin.toLowerCase(Locale.ROOT).equals(issuerOrigin)) {
      refuse(ctx, "The form was sent from another site.");
      return Optional.empty();
    }
    if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
      refuse(ctx, "The form was sent from another site.");
      return Optional.empty();
    }
    Map<String, String> form = OAuthForm.read(ctx).parameters();
    String id = ctx.cookie(cookie);
    if (id == null || !INTERACTION_ID.matcher(id).matches()) {
      refuse(ctx, "This sign-in has expired or was started in another browser.");
      return Optional.empty();
    }
    Optional<String> expected = csrfOf.apply(id);
    String sent = form.get("csrf");
    if (expected.isEmpty() || sent == null || !constantTimeEquals(expected.get(), sent)) {
      refuse(ctx, "This form is out of date or was not sent by this page.");
      return Optional.empty();
    }
    return Optional.of(new Checked(id, form));
  }

  private void refuse(Context ctx, String why) {
    writeError(
        ctx,
        403,
        "Request refused",
        why + " Nothing was changed. Go back to the application and start again.",
        "csrf_refused");
  }

  static boolean constantTimeEquals(String expected, String sent) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  // --- writing -----------------------------------------------------------------------------

  private void writeError(Context ctx, int status, String title, String message, String code) {
    ErrorFormats.write(ctx, errors.answer(status, title, message, code, Map.of()));
  }

  private static void html(Context ctx, String body) {
    ctx.status(200).result(body.getBytes(StandardCharsets.UTF_8));
  }

  private static List<PageScope> scopes(List<ScopeView> scopes) {
    return scopes.stream().map(s -> new PageScope(s.name(), s.description())).toList();
  }

  private void setCookie(Context ctx, String name, String value, String path) {
    if (!INTERACTION_ID.matcher(value).matches()) {
      throw new IllegalStateException("an interaction id is URL-safe text");
    }
    ctx.res()
        .addHeader(
            "Set-Cookie",
            name
                + "="
                + value
                + "; Path="
                + path
                + "; HttpOnly; SameSite=Lax"
                + (secureCookies ? "; Secure" : ""));
  }

  private void clearCookie(Context ctx, String name, String path) {
    ctx.res()
        .addHeader(
            "Set-Cookie",
            name
                + "=; Path="
                + path
                + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secureCookies ? "; Secure" : ""));
  }

  /** {@code scheme://host[:port]} as a browser serialises it in {@code Origin}. */
  static String origin(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port < 0
            || (scheme.equals("https") && port == 443)
            || (scheme.equals("http") && port == 80);
    return scheme
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }
}
