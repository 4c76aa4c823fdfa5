package dev.portcullis.auth.server.interop;

import dev.portcullis.auth.server.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Token requests as a plain HTTP client makes them, for tests that need a token to check. */
final class Grants {
  private Grants() {}

  /**
   * A client-credentials access token of {@link InteropServer#BASIC} from {@code POST
   * /oauth2/token}, authenticated with {@code client_secret_basic} (RFC 6749 2.3.1: both halves
   * form-urlencoded before Base64).
   */
  static String clientCredentials(InteropServer server, String scope) {
    Api.Res res =
        server
            .api()
            .post("/oauth2/token")
            .header("Authorization", basic(InteropServer.BASIC, server.basicSecret()))
            .raw(
                "application/x-www-form-urlencoded",
                "grant_type=client_credentials&scope=" + form(scope))
            .send();
    if (res.status() != 200) {
      throw new AssertionError("the token endpoint answered " + res.status() + " " + res.body());
    }
    return res.json().path("access_token").asText();
  }

  static String basic(String clientId, String secret) {
    String pair = form(clientId) + ":" + form(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
