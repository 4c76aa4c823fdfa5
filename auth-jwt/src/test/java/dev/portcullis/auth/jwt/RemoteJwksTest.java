package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.MutableClock;
import dev.portcullis.auth.jwt.testing.TestKeys;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A verify-only service fetching an issuer's keys from a real HTTP server on 127.0.0.1. */
final class RemoteJwksTest {

  private final JwtKey k1 = TestKeys.key("k1", JwsAlgorithm.ES256);
  private final JwtKey k2 = TestKeys.key("k2", JwsAlgorithm.EDDSA);
  private final MutableClock clock = MutableClock.atDefault();
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private HttpServer server;
  private RemoteJwks remote;
  private JwtVerifier verifier;

  @BeforeEach
  void start() throws IOException {
    publish(k1);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/.well-known/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status.get(), bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    URI uri =
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    remote =
        RemoteJwks.builder(uri)
            .clock(clock)
            .cacheTtl(Duration.ofMinutes(10))
            .refetchInterval(Duration.ofMinutes(1))
            .timeout(Duration.ofSeconds(5))
            .build();
    verifier =
        Fixture.verifierBuilder()
            .keys(remote)
            .issuer(Fixture.ISSUER)
            .audiences(List.of("api"))
            .cacheSize(0)
            .blacklist(TokenBlacklist.none())
            .clock(clock)
            .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void publish(JwtKey... keys) {
    body.set(Jwks.of(List.of(keys)).json());
  }

  private String token(JwtKey key) {
    return Tokens.sign(key, Tokens.header(key, "at+jwt"), Tokens.claims(clock.instant()));
  }

  @Test
  void fetchesOnFirstUseAndServesFromTheCache() {
    assertThat(verifier.verify(token(k1)).isOk()).isTrue();
    assertThat(verifier.verify(token(k1)).isOk()).isTrue();
    clock.advance(Duration.ofMinutes(9));
    assertThat(verifier.verify(token(k1)).isOk()).isTrue();

    assertThat(fetches).hasValue(1);
    assertThat(remote.fetchedAt()).isPresent();
  }

  @Test
  void refetchesWhenTheCacheExpires() {
    verifier.verify(token(k1));
    clock.advance(Duration.ofMinutes(11));

    assertThat(verifier.verify(token(k1)).isOk()).isTrue();
    assertThat(fetches).hasValue(2);
  }

  @Test
  void anUnknownKidRefetchesAtMostOncePerInterval() {
    verifier.verify(token(k1));
    clock.advance(Duration.ofMinutes(2));
    publish(k1, k2); // the issuer rotated

    assertThat(verifier.verify(token(k2)).isOk()).isTrue();
    assertThat(fetches).hasValue(2);

    JwtKey madeUp = TestKeys.key("made-up", JwsAlgorithm.ES256);
    for (int i = 0; i < 20; i++) {
      assertThat(code(verifier.verify(token(madeUp)))).isEqualTo("token_unknown_key");
    }
    assertThat(fetches).hasValue(2);

    clock.advance(Duration.ofSeconds(61));
    assertThat(code(verifier.verify(token(madeUp)))).isEqualTo("token_unknown_key");
    assertThat(fetches).hasValue(3);
  }

  @Test
  void keepsServingTheCachedKeysWhenAFetchFails() {
    verifier.verify(token(k1));
    status.set(500);
    clock.advance(Duration.ofMinutes(11));

    assertThat(verifier.verify(token(k1)).isOk()).isTrue();
    assertThat(fetches).hasValue(2);
    assertThat(verifier.verify(token(k1)).isOk()).isTrue();
    assertThat(fetches).hasValue(2); // no retry storm: next attempt after the interval
  }

  @Test
  void keepsServingTheCachedKeysWhenTheIssuerIsUnreachable() {
    verifier.verify(token(k1));
    server.stop(0);
    clock.advance(Duration.ofMinutes(11));

    assertThat(verifier.verify(token(k1)).isOk()).isTrue();
  }

  @Test
  void failsClosedWhenNoKeysWereEverFetched() {
    status.set(503);

    var r = verifier.verify(token(k1));

    assertThat(code(r)).isEqualTo("service_unavailable");
    assertThat(Fixture.error(r).message()).contains("HTTP status 503").contains("remote-jwks.url");
  }

  @Test
  void neverTakesASharedSecretFromAKeySet() {
    JwtKey secret = TestKeys.key("k1", JwsAlgorithm.HS256);
    Map<String, Object> oct =
        Map.of(
            "kty",
            "oct",
            "kid",
            "k1",
            "alg",
            "HS256",
            "k",
            "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM0");
    body.set(Json.writeString(Map.of("keys", List.of(oct, k2.publicJwk()))));

    assertThat(code(verifier.verify(token(secret)))).isEqualTo("token_unknown_key");
    assertThat(verifier.verify(token(k2)).isOk()).isTrue();
  }

  @Test
  void verifiesTokensOfARealIssuerThroughItsPublishedJwks() {
    Fixture issuer = Fixture.create().withRing(KeyRing.of(k2));
    body.set(issuer.ring.jwks(issuer.clock.instant()).json());
    clock.set(issuer.clock.instant());

    var pair = issuer.login("alice", "user");

    assertThat(verifier.verify(pair.accessToken()).unwrap().roles()).containsExactly("user");
    assertThat(code(verifier.verify(pair.refreshToken()))).isEqualTo("token_type");
  }
}
