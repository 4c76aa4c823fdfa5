package dev.portcullis.auth.examples.spring;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot resource server that accepts Portcullis access tokens knowing nothing but the
 * issuer: {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} in {@code
 * application.properties}, plus one bean that lets Spring accept the RFC 9068 token type. Spring
 * Boot finds the RFC 8414 metadata, takes the JWKS from it, checks signature, issuer and expiry,
 * and answers 401 with its {@code WWW-Authenticate} otherwise. No Portcullis class is on this side:
 * only standards.
 */
@SpringBootApplication
public class SpringResourceServerExample {

  /** The protected resource: Spring Boot's default security requires a valid token for it. */
  @RestController
  static class Hello {
    @GetMapping("/hello")
    Map<String, Object> hello(@AuthenticationPrincipal Jwt token) {
      return Map.of("hello", token.getSubject(), "scope", token.getClaimAsString("scope"));
    }
  }

  /**
   * RFC 9068 access tokens say {@code typ: at+jwt}; Spring Security 7's default validator accepts
   * only {@code JWT} (spring-security issue 19115), so this bean replaces that one check.
   * Everything else (signature from the issuer's JWKS, {@code iss}, {@code exp}, {@code nbf}) stays
   * Boot's default.
   */
  @Bean
  JwtTypeValidator accessTokenType() {
    return new JwtTypeValidator("at+jwt", "application/at+jwt");
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringResourceServerExample.class, args);
  }
}
