package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a TLS-terminating proxy (an https issuer, plain HTTP to the server), the pages'
 * interaction cookie is {@code Secure}: a browser never sends it over plain http.
 */
final class PageCookiesOnHttpsTest {
  @TempDir static Path dataDir;
  private static PageServer pages;

  @BeforeAll
  static void start() {
    pages = new PageServer(dataDir, "https://auth.example.test");
  }

  @AfterAll
  static void stop() {
    if (pages != null) {
      pages.stop();
    }
  }

  @Test
  void anHttpsIssuer_makesTheInteractionCookieSecure() {
    Api api = new Api(URI.create("http://127.0.0.1:" + pages.port()));
    Res page =
        api.get(
                "/oauth2/authorize?response_type=code&client_id="
                    + PageFakes.CLIENT
                    + "&redirect_uri="
                    + URLEncoder.encode("http://127.0.0.1:9/callback", StandardCharsets.UTF_8)
                    + "&state=xyz&code_challenge=abc&code_challenge_method=S256")
            .send();
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(Api.all(page, "Set-Cookie").get(0))
        .startsWith(PageRoutes.AUTHORIZE_COOKIE + "=")
        .contains("; Secure", "; HttpOnly", "; SameSite=Lax");
  }
}
