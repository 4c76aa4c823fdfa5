package dev.portcullis.auth.examples.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.examples.Http;
import dev.portcullis.auth.examples.Portcullis;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class JavalinExampleTest {
  private Javalin app;
  private URI base;

  @BeforeAll
  void start() {
    Injector injector = Portcullis.withOneUser();
    app =
        JavalinExample.create(
                injector.getInstance(Authenticator.class), injector.getInstance(TokenService.class))
            .start("127.0.0.1", 0);
    base = URI.create("http://127.0.0.1:" + app.port());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void login_thenHelloWithTheBearerToken_greetsTheUser() {
    String token = Http.json(login(Portcullis.PASSWORD)).get("access_token").asText();

    HttpResponse<String> hello = Http.get(base.resolve("/hello"), "Bearer " + token);

    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(Http.json(hello).get("hello").asText()).isNotBlank();
  }

  @Test
  void login_withAWrongPassword_is401InvalidCredentials() {
    HttpResponse<String> answer = login("wrong password");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(Http.json(answer).get("error").asText()).isEqualTo("invalid_credentials");
    assertThat(answer.body()).doesNotContain("wrong password");
  }

  @Test
  void login_withoutAPassword_is400InvalidRequest() {
    HttpResponse<String> answer =
        Http.postJson(base.resolve("/login"), "{\"email\":\"ada@example.com\"}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(Http.json(answer).get("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void hello_withoutAToken_is401AccessTokenNotFound_withABearerChallenge() {
    HttpResponse<String> hello = Http.get(base.resolve("/hello"), null);

    assertThat(hello.statusCode()).isEqualTo(401);
    assertThat(hello.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(Http.json(hello).get("error").asText()).isEqualTo("access_token_not_found");
    assertThat(Http.json(hello).get("remedy").asText()).contains("Authorization: Bearer");
  }

  @Test
  void hello_withATamperedToken_is401WithTheTokenFailureCode() {
    String token = Http.json(login(Portcullis.PASSWORD)).get("access_token").asText();
    String tampered = token.substring(0, token.length() - 4) + "AAAA";

    HttpResponse<String> hello = Http.get(base.resolve("/hello"), "Bearer " + tampered);

    assertThat(hello.statusCode()).isEqualTo(401);
    assertThat(hello.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer error=\"invalid_token\"");
    assertThat(Http.json(hello).get("error").asText()).isEqualTo("token_signature");
  }

  private HttpResponse<String> login(String password) {
    return Http.postJson(
        base.resolve("/login"),
        "{\"email\":\"" + Portcullis.EMAIL + "\",\"password\":\"" + password + "\"}");
  }
}
