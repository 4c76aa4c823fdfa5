package dev.portcullis.auth.server.http;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.server.pages.ErrorPage;
import dev.portcullis.auth.server.pages.Pages;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors on the pages' paths as an HTML error page: a browser shows it to a person, who can do
 * nothing with problem+json. Never a redirect (RFC 6749 section 4.1.2.1).
 */
final class HtmlErrors implements ErrorFormat {
  private final Pages pages;

  HtmlErrors(Pages pages) {
    this.pages = pages;
  }

  @Override
  public Answer error(AuthError error, String detail, Map<String, String> headers) {
    String message = detail != null ? detail : error.message();
    String remedy = error.remedy();
    if (remedy != null && !remedy.isBlank() && !message.contains(remedy)) {
      message = message + " " + remedy;
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.remove("WWW-Authenticate");
    return answer(error.httpStatus(), "Something went wrong", message, error.code(), all);
  }

  @Override
  public Answer other(int status, String detail) {
    String title = status == 404 || status == 405 ? "Page not found" : "Something went wrong";
    return answer(status, title, detail, null, Map.of());
  }

  /** An error page with {@code status}. */
  Answer answer(int status, String title, String message, String code, Map<String, String> extra) {
    String nonce = PageHeaders.nonce();
    Map<String, String> headers = new LinkedHashMap<>(extra);
    PageHeaders.apply(headers::put, nonce, List.of());
    byte[] body =
        pages.error(new ErrorPage(title, message, code), nonce).getBytes(StandardCharsets.UTF_8);
    return new Answer(status, headers, body);
  }
}
