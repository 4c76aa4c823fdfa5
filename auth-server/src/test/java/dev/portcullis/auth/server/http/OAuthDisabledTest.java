package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code auth.oauth.enabled = false} the OAuth endpoints do not exist. */
final class OAuthDisabledTest {
  @TempDir Path dataDir;

  @Test
  void oauthOff_mountsNoOAuthEndpoint_andNeedsNoOAuthPorts() {
    try (PortcullisServer server =
        PortcullisServer.builder()
            .config(TestConfigs.config("auth.server.store = memory"))
            .dataDir(dataDir)
            .oauth(OAuthRoutesTest.oauth(false))
            .build()
            .start()) {
      Api api = new Api(server.uri());

      Res metadata = api.get("/.well-known/oauth-authorization-server").send();
      Res token =
          api.post("/oauth2/token")
              .raw("application/x-www-form-urlencoded", "grant_type=client_credentials")
              .send();

      assertThat(metadata.status()).isEqualTo(404);
      assertThat(metadata.header("Content-Type")).get().asString().startsWith(Problems.MEDIA_TYPE);
      assertThat(token.status()).isEqualTo(404);
    }
  }
}
