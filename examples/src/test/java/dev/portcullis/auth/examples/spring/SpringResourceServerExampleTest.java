package dev.portcullis.auth.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.examples.Http;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot example, configured with nothing but Portcullis's issuer URL, accepts a
 * client-credentials access token from the Portcullis server's token endpoint and refuses every
 * other request with Spring Security's 401 and {@code WWW-Authenticate}. Both run over HTTP on
 * loopback ports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SpringResourceServerExampleTest {
  @TempDir static Path dir;

  private PortcullisIssuer portcullis;
  private ConfigurableApplicationContext spring;
  private URI hello;

  @BeforeAll
  void start() {
    portcullis = PortcullisIssuer.start(dir);
    spring =
        SpringApplication.run(
            SpringResourceServerExample.class,
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + portcullis.issuer(),
            "--server.address=127.0.0.1",
            "--server.port=0",
            "--spring.main.banner-mode=off");
    int port = ((WebServerApplicationContext) spring).getWebServer().getPort();
    hello = URI.create("http://127.0.0.1:" + port + "/hello");
  }

  @AfterEach
  void backToNow() {
    portcullis.clock().set(Instant.now());
  }

  @AfterAll
  void stop() {
    if (spring != null) {
      spring.close();
    }
    if (portcullis != null) {
      portcullis.close();
    }
  }

  @Test
  void clientCredentialsTokenFromPortcullis_isAccepted() {
    HttpResponse<String> answer = Http.get(hello, "Bearer " + clientCredentialsToken());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(Http.json(answer).get("hello").asText()).isEqualTo(PortcullisIssuer.CLIENT_ID);
    assertThat(Http.json(answer).get("scope").asText()).isEqualTo("read");
  }

  @Test
  void noToken_is401WithSpringsBearerChallenge() {
    HttpResponse<String> answer = Http.get(hello, null);

    assertThat(answer.statusCode()).isEqualTo(401);
    // Spring Security 7.1 also points at its RFC 9728 metadata: resource_metadata="...".
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").doesNotContain("error="));
  }

  @Test
  void tamperedToken_is401InvalidToken() {
    String token = clientCredentialsToken();
    String[] parts = token.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"read\"", "\"admin\"");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    HttpResponse<String> answer = Http.get(hello, "Bearer " + tampered);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\""));
  }

  @Test
  void expiredToken_is401InvalidTokenSayingItExpired() {
    // Issued an hour ago by Portcullis's clock: its 15 minutes ran out long before Spring's 60 s
    // of allowed clock skew.
    portcullis.clock().set(Instant.now().minus(Duration.ofHours(1)));
    String expired = clientCredentialsToken();
    portcullis.clock().set(Instant.now());

    HttpResponse<String> answer = Http.get(hello, "Bearer " + expired);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(
            v -> assertThat(v).startsWith("Bearer error=\"invalid_token\"").contains("expired"));
  }

  private String clientCredentialsToken() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (PortcullisIssuer.CLIENT_ID + ":" + portcullis.clientSecret())
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer =
        Http.postForm(
            URI.create(portcullis.issuer() + "/oauth2/token"),
            "Basic " + basic,
            "grant_type=client_credentials&scope=read");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return Http.json(answer).get("access_token").asText();
  }
}
