package dev.portcullis.auth.examples.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.examples.Http;
import dev.portcullis.auth.examples.Portcullis;
import java.net.URI;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class JettyExampleTest {
  private Injector injector;
  private Server server;
  private URI base;

  @BeforeAll
  void start() throws Exception {
    injector = Portcullis.withOneUser();
    server = JettyExample.server(injector.getInstance(TokenService.class), "127.0.0.1", 0);
    server.start();
    base =
        URI.create(
            "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void resource_withAValidAccessToken_greetsItsSubject() {
    TokenPair tokens = login();

    HttpResponse<String> hello = Http.get(base.resolve("/"), "Bearer " + tokens.accessToken());

    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(Http.json(hello).get("hello").asText())
        .isEqualTo(
            injector
                .getInstance(TokenService.class)
                .verify(tokens.accessToken())
                .unwrap()
                .subject());
  }

  @Test
  void resource_withoutAToken_is401AccessTokenNotFound_withABearerChallenge() {
    HttpResponse<String> hello = Http.get(base.resolve("/"), null);

    assertThat(hello.statusCode()).isEqualTo(401);
    assertThat(hello.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(Http.json(hello).get("error").asText()).isEqualTo("access_token_not_found");
  }

  @Test
  void resource_withARefreshToken_is401_aRefreshTokenIsNoAccessToken() {
    HttpResponse<String> hello = Http.get(base.resolve("/"), "Bearer " + login().refreshToken());

    assertThat(hello.statusCode()).isEqualTo(401);
    assertThat(hello.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer error=\"invalid_token\"");
    assertThat(Http.json(hello).get("error").asText()).startsWith("token_");
  }

  @Test
  void resource_withARevokedToken_is401TokenRevoked() {
    TokenService tokens = injector.getInstance(TokenService.class);
    TokenPair pair = login();
    tokens.revoke(tokens.verify(pair.accessToken()).unwrap()).unwrap();

    HttpResponse<String> hello = Http.get(base.resolve("/"), "Bearer " + pair.accessToken());

    assertThat(hello.statusCode()).isEqualTo(401);
    assertThat(Http.json(hello).get("error").asText()).isEqualTo("token_revoked");
  }

  private TokenPair login() {
    return injector
        .getInstance(Authenticator.class)
        .authenticate(LoginRequest.of(Portcullis.EMAIL, Portcullis.PASSWORD))
        .flatMap(injector.getInstance(TokenService.class)::issue)
        .unwrap();
  }
}
