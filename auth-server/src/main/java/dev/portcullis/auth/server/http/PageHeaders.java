package dev.portcullis.auth.server.http;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The headers of an HTML page, replacing the API's {@link SecurityHeaders} defaults where a page
 * needs more: a {@code Content-Security-Policy} that allows the page's one inline style by nonce
 * and nothing else (no script at all, {@code frame-ancestors 'none'}), and whose {@code
 * form-action} lists, besides {@code 'self'}, the client's redirect URIs: Chromium applies {@code
 * form-action} to the redirect that answers a form POST, so {@code 'self'} alone silently blocks
 * the final 303 of a consent. {@code Referrer-Policy: same-origin}, because with {@code
 * no-referrer} browsers send {@code Origin: null} on the page's own POSTs, which the origin check
 * must refuse.
 */
final class PageHeaders {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,31}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]+\\]");

  private PageHeaders() {}

  /** A fresh nonce for one response. */
  static String nonce() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /** Sets the page's headers through {@code header}. */
  static void apply(
      BiConsumer<String, String> header, String nonce, Collection<String> formTargets) {
    StringBuilder formAction = new StringBuilder("'self'");
    for (String source : formTargets) {
      formAction.append(' ').append(source);
    }
    header.accept(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'nonce-"
            + nonce
            + "'; form-action "
            + formAction
            + "; frame-ancestors 'none'; base-uri 'none'");
    header.accept("Referrer-Policy", "same-origin");
    header.accept("Cache-Control", "no-store");
    header.accept("Content-Type", "text/html; charset=utf-8");
  }

  /**
   * The CSP sources that let a form's redirect reach {@code redirectUris}: the origin of each web
   * URI (any port for a loopback one, RFC 8252 section 7.3), the scheme of a private-use one (RFC
   * 8252 section 7.1). A URI that cannot be expressed safely is left out (its redirect is then
   * blocked, never an injection into the header).
   */
  static Set<String> formTargets(Collection<String> redirectUris) {
    Set<String> sources = new LinkedHashSet<>();
    for (String raw : redirectUris) {
      URI uri;
      try {
        uri = new URI(raw);
      } catch (java.net.URISyntaxException e) {
        continue;
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!SCHEME.matcher(scheme).matches()) {
        continue;
      }
      if (!scheme.equals("http") && !scheme.equals("https")) {
        sources.add(scheme + ":");
        continue;
      }
      String host = uri.getHost();
      if (host == null || !HOST.matcher(host).matches()) {
        continue;
      }
      host = host.toLowerCase(Locale.ROOT);
      boolean loopback =
          host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
      String port =
          loopback && uri.getPort() < 0 ? ":*" : uri.getPort() < 0 ? "" : ":" + uri.getPort();
      sources.add(scheme + "://" + host + port);
    }
    return sources;
  }
}
