package dev.portcullis.auth.oauth.authorize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;

/**
 * Redirect URI matching: exact string comparison (OAuth 2.1 section 2.3.1, RFC 9700 section 4.1.3),
 * except that a registered loopback URI {@code http://127.0.0.1/...} or {@code http://[::1]/...}
 * matches any port (RFC 8252 section 7.3: native apps take a free port at run time). {@code
 * localhost} gets no port freedom (RFC 8252 section 8.3).
 */
public final class RedirectUris {

  private RedirectUris() {}

  /** Whether {@code requested} matches one of {@code registered}. */
  public static boolean matches(List<String> registered, String requested) {
    Objects.requireNonNull(registered, "registered");
    if (requested == null || requested.isEmpty()) {
      return false;
    }
    for (String uri : registered) {
      if (uri.equals(requested) || loopbackMatch(uri, requested)) {
        return true;
      }
    }
    return false;
  }

  private static boolean loopbackMatch(String registered, String requested) {
    URI r = parse(registered);
    URI q = parse(requested);
    if (r == null || q == null || !isLoopback(r) || !isLoopback(q)) {
      return false;
    }
    return r.getHost().equals(q.getHost())
        && q.getRawUserInfo() == null
        && q.getRawFragment() == null
        && Objects.equals(r.getRawPath(), q.getRawPath())
        && Objects.equals(r.getRawQuery(), q.getRawQuery());
  }

  private static boolean isLoopback(URI uri) {
    return "http".equals(uri.getScheme())
        && ("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()));
  }

  private static URI parse(String uri) {
    try {
      URI parsed = new URI(uri);
      return parsed.isAbsolute() && parsed.getHost() != null ? parsed : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
