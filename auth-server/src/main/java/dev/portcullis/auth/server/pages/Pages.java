package dev.portcullis.auth.server.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the pages with the templates compiled at build time (the jte-maven-plugin turns {@code
 * src/main/jte} into classes of {@link #TEMPLATE_PACKAGE}): no template is parsed or compiled at
 * run time, and every {@code ${...}} is HTML-escaped for the context it stands in. Each page takes
 * the nonce of the response's {@code Content-Security-Policy} for its one inline style.
 * Thread-safe.
 */
public final class Pages {
  /** The package of the compiled templates (the plugin's {@code packageName}). */
  public static final String TEMPLATE_PACKAGE = "dev.portcullis.auth.server.pages.templates";

  private final TemplateEngine engine;

  public Pages() {
    this.engine =
        TemplateEngine.createPrecompiled(
            null, ContentType.Html, Pages.class.getClassLoader(), TEMPLATE_PACKAGE);
  }

  public String login(LoginPage page, String nonce) {
    return render("login.jte", page, nonce);
  }

  public String mfa(MfaPage page, String nonce) {
    return render("mfa.jte", page, nonce);
  }

  public String consent(ConsentPage page, String nonce) {
    return render("consent.jte", page, nonce);
  }

  public String deviceCode(DeviceCodePage page, String nonce) {
    return render("device-code.jte", page, nonce);
  }

  public String deviceConfirm(DeviceConfirmPage page, String nonce) {
    return render("device-confirm.jte", page, nonce);
  }

  public String done(DonePage page, String nonce) {
    return render("done.jte", page, nonce);
  }

  public String mfaEnrol(MfaEnrolPage page, String nonce) {
    return render("mfa-enrol.jte", page, nonce);
  }

  public String recoveryCodes(RecoveryCodesPage page, String nonce) {
    return render("recovery-codes.jte", page, nonce);
  }

  public String notice(NoticePage page, String nonce) {
    return render("notice.jte", page, nonce);
  }

  public String error(ErrorPage page, String nonce) {
    return render("error.jte", page, nonce);
  }

  private String render(String template, Object page, String nonce) {
    StringOutput out = new StringOutput();
    engine.render(template, Map.of("page", page, "nonce", nonce), out);
    return out.toString();
  }
}
