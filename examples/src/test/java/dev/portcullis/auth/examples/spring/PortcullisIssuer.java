package dev.portcullis.auth.examples.spring;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The Portcullis server as the OAuth authorization server of the Spring example, in-process on a
 * loopback port: issuer {@code http://127.0.0.1:<port>}, RS256 with a fresh key, OAuth on, and one
 * confidential client ({@link #CLIENT_ID}, client credentials, scope {@code read}) whose secret is
 * generated per run. Its clock can be moved to issue tokens that have already expired.
 */
final class PortcullisIssuer implements AutoCloseable {
  static final String CLIENT_ID = "reports";
  private static final String SECRET_VARIABLE = "REPORTS_CLIENT_SECRET";

  private final PortcullisServer server;
  private final String issuer;
  private final String clientSecret;
  private final MutableClock clock;

  private PortcullisIssuer(
      PortcullisServer server, String issuer, String clientSecret, MutableClock clock) {
    this.server = server;
    this.issuer = issuer;
    this.clientSecret = clientSecret;
    this.clock = clock;
  }

  static PortcullisIssuer start(Path dir) {
    // The issuer names the port, and the settings are read before the server binds, so the port
    // is picked first; a collision in between fails the start loudly, never silently.
    int port = freeLoopbackPort();
    String issuer = "http://127.0.0.1:" + port;
    Path key = dir.resolve("signing-key.pem");
    writeRsaKey(key);
    String secret = randomSecret();
    MutableClock clock = MutableClock.at(Instant.now());
    String hocon =
        String.join(
            "\n",
            "auth.environment = test",
            "auth.hashing.argon2.memory-kib = 1024",
            "auth.hashing.argon2.iterations = 1",
            "auth.reset.link-template = \"https://app.example.com/reset-password?token={token}\"",
            "auth.server.host = \"127.0.0.1\"",
            "auth.server.store = memory",
            "auth.token.issuer = \"" + issuer + "\"",
            "auth.token.algorithm = RS256",
            "auth.token.private-key-file = \""
                + key.toAbsolutePath().toString().replace("\\", "\\\\")
                + "\"",
            "auth.oauth.enabled = true",
            "auth.oauth.scopes = [{name = read, description = \"Read reports\"}]",
            "auth.oauth.clients = [{",
            "  client-id = " + CLIENT_ID,
            "  type = confidential",
            "  auth-methods = [client_secret_basic]",
            "  client-secret-env = " + SECRET_VARIABLE,
            "  grant-types = [client_credentials]",
            "  scopes = [read]",
            "  access-token-audience = \"https://reports.example.com\"",
            "}]");
    Config config =
        ConfigFactory.parseString(hocon).withFallback(AuthConfig.load("", Map.of())).resolve();
    PortcullisServer server =
        PortcullisServer.builder()
            .config(config)
            .environment(Map.of(SECRET_VARIABLE, secret))
            .dataDir(dir)
            .clock(clock)
            .build()
            .start(port);
    return new PortcullisIssuer(server, issuer, secret, clock);
  }

  String issuer() {
    return issuer;
  }

  String clientSecret() {
    return clientSecret;
  }

  MutableClock clock() {
    return clock;
  }

  @Override
  public void close() {
    server.stop();
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeRsaKey(Path file) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
