package dev.portcullis.auth.server.interop;

import static dev.portcullis.auth.server.Api.obj;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Portcullis server as an OAuth authorization server for interop tests: in-process on a
 * loopback port, issuer {@code http://127.0.0.1:<port>} (http is allowed for loopback issuers),
 * RS256 with a fresh 2048-bit key, and declared confidential clients: one per client authentication
 * method, and the API they call registered as a client. Secrets and keys are generated per run; one
 * secret is declared as its {@code sha256:} hash, the others through {@code client-secret-env} and
 * the server's environment map, the two ways a declaration can hold a secret.
 */
final class InteropServer implements AutoCloseable {

  /** The {@code aud} the clients' access tokens carry (their declared access-token audience). */
  static final String AUDIENCE = "https://api.example.com";

  /** client_secret_basic; client credentials, refresh token (authorization code); read write. */
  static final String BASIC = "interop-basic";

  /** client_secret_post; client credentials; read. */
  static final String POST = "interop-post";

  /**
   * private_key_jwt with an inline JWKS (ES256); client credentials; read; its tokens are for
   * {@link #OTHER_AUDIENCE}.
   */
  static final String JWT = "interop-jwt";

  /** The access-token audience of {@link #JWT}: another API than {@link #AUDIENCE}. */
  static final String OTHER_AUDIENCE = "https://other-api.example.com";

  /**
   * The API of {@link #AUDIENCE} registered as a client (client_secret_basic) to introspect the
   * tokens issued for it: its client id is its audience, which carries ':' and '/' through RFC 6749
   * 2.3.1's form-encoding inside Basic.
   */
  static final String API = AUDIENCE;

  /** The environment variable {@link #API}'s declaration names for its secret. */
  static final String API_SECRET_VARIABLE = "INTEROP_API_CLIENT_SECRET";

  /** The environment variable {@link #POST}'s declaration names for its secret. */
  static final String POST_SECRET_VARIABLE = "INTEROP_POST_CLIENT_SECRET";

  private static final String PASSWORD = "correct horse battery staple 4 tests";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger USERS = new AtomicInteger();

  private final PortcullisServer server;
  private final String issuer;
  private final String basicSecret;
  private final String postSecret;
  private final String apiSecret;
  private final ClientKey jwtKey;

  private InteropServer(
      PortcullisServer server,
      String issuer,
      String basicSecret,
      String postSecret,
      String apiSecret,
      ClientKey jwtKey) {
    this.server = server;
    this.issuer = issuer;
    this.basicSecret = basicSecret;
    this.postSecret = postSecret;
    this.apiSecret = apiSecret;
    this.jwtKey = jwtKey;
  }

  /** Builds and starts the server; {@code dir} holds its data and its signing key. */
  static InteropServer start(Path dir) {
    return start(dir, "RS256");
  }

  /**
   * As {@link #start(Path)}, signing with a fresh key of {@code algorithm}: RS256 (2048 bits) or
   * ES256 (P-256).
   */
  static InteropServer start(Path dir, String algorithm) {
    int port = freeLoopbackPort();
    String issuer = "http://127.0.0.1:" + port;
    // An operator may declare any secret (here by its hash): characters that RFC 6749 2.3.1's
    // form-encoding inside Basic changes ('+', space, ':', '%', '/', non-ASCII) must survive every
    // client's encoding and the server's decoding.
    String basicSecret = secret() + " +:%/\u00e9";
    String postSecret = secret();
    String apiSecret = secret();
    ClientKey jwtKey = ClientKey.es256("interop-jwt-key-1");
    Path signingKey = dir.resolve("signing-key.pem");
    writeKey(signingKey, algorithm);
    Map<String, String> env =
        Map.of(POST_SECRET_VARIABLE, postSecret, API_SECRET_VARIABLE, apiSecret);
    PortcullisServer server =
        PortcullisServer.builder()
            .config(config(issuer, algorithm, signingKey, jwtKey, basicSecret))
            .environment(env)
            .dataDir(dir)
            .build()
            .start(port);
    return new InteropServer(server, issuer, basicSecret, postSecret, apiSecret, jwtKey);
  }

  /** The settings: {@link TestConfigs#BASE}, OAuth on with four declared clients. */
  private static Config config(
      String issuer, String algorithm, Path signingKey, ClientKey jwtKey, String basicSecret) {
    String hocon =
        String.join(
            "\n",
            "auth.server.store = memory",
            "auth.token.issuer = \"" + issuer + "\"",
            "auth.token.algorithm = " + algorithm,
            "auth.token.private-key-file = \"" + hoconPath(signingKey) + "\"",
            "auth.oauth.enabled = true",
            "auth.oauth.scopes = [",
            "  {name = read, description = \"Read things\"},",
            "  {name = write, description = \"Write things\"}",
            "]",
            "auth.oauth.clients = [",
            "  {",
            "    client-id = \"" + BASIC + "\"",
            "    display-name = \"Interop basic\"",
            "    type = confidential",
            "    auth-methods = [client_secret_basic]",
            "    client-secret-hash = \"" + sha256Hash(basicSecret) + "\"",
            "    grant-types = [client_credentials, refresh_token, authorization_code]",
            "    redirect-uris = [\"https://app.example.com/callback\"]",
            "    scopes = [read, write]",
            "    access-token-audience = \"" + AUDIENCE + "\"",
            "  },",
            "  {",
            "    client-id = \"" + POST + "\"",
            "    display-name = \"Interop post\"",
            "    type = confidential",
            "    auth-methods = [client_secret_post]",
            "    client-secret-env = " + POST_SECRET_VARIABLE,
            "    grant-types = [client_credentials]",
            "    scopes = [read]",
            "    access-token-audience = \"" + AUDIENCE + "\"",
            "  },",
            "  {",
            "    client-id = \"" + JWT + "\"",
            "    display-name = \"Interop private_key_jwt\"",
            "    type = confidential",
            "    auth-methods = [private_key_jwt]",
            "    jwks = \"\"\"" + jwtKey.publicJwks() + "\"\"\"",
            "    grant-types = [client_credentials]",
            "    scopes = [read]",
            "    access-token-audience = \"" + OTHER_AUDIENCE + "\"",
            "  },",
            "  {",
            "    client-id = \"" + API + "\"",
            "    display-name = \"Interop resource server\"",
            "    type = confidential",
            "    auth-methods = [client_secret_basic]",
            "    client-secret-env = " + API_SECRET_VARIABLE,
            "    grant-types = [client_credentials]",
            "  }",
            "]");
    return TestConfigs.config(hocon);
  }

  String issuer() {
    return issuer;
  }

  String basicSecret() {
    return basicSecret;
  }

  String postSecret() {
    return postSecret;
  }

  String apiSecret() {
    return apiSecret;
  }

  ClientKey jwtKey() {
    return jwtKey;
  }

  Api api() {
    return new Api(server.uri());
  }

  /**
   * A user session of {@link #BASIC} with scope {@code read write}, started in-process the way the
   * authorization-code grant (part 2) will start it: a registered user authenticates, then {@code
   * OAuthTokens.forUser}.
   *
   * @return its first tokens
   */
  OAuthTokens.GrantedTokens userSession() {
    String email = "interop-user-" + USERS.incrementAndGet() + "@example.com";
    Api.Res registered =
        api()
            .post("/auth/register")
            .json(obj("email", email, "password", PASSWORD, "name", "Ada"))
            .send();
    if (registered.status() != 201) {
      throw new AssertionError("registering a user answered " + registered);
    }
    Authentication authentication =
        server
            .injector()
            .getInstance(Authenticator.class)
            .authenticate(LoginRequest.of(email, PASSWORD))
            .unwrap();
    return server
        .injector()
        .getInstance(OAuthTokens.class)
        .forUser(
            authentication,
            new OAuthTokens.Grant(BASIC, Set.of("read", "write"), List.of(AUDIENCE)),
            List.of("pwd"),
            null)
        .unwrap();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static String secret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The {@code sha256:<hex>} hash of a client secret, as {@code ClientSecrets.hash} writes it. */
  private static String sha256Hash(String secret) {
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hoconPath(Path path) {
    return path.toAbsolutePath().toString().replace("\\", "\\\\");
  }

  /**
   * A port free at the time of asking. The issuer must be known before the settings are read, and
   * the settings before the server binds, so the port is picked first; a collision with another
   * process in between fails the start loudly, it cannot pass by mistake.
   */
  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeKey(Path file, String algorithm) {
    try {
      KeyPairGenerator generator;
      if (algorithm.equals("ES256")) {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"), RANDOM);
      } else if (algorithm.equals("RS256")) {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
      } else {
        throw new IllegalArgumentException("RS256 or ES256, not " + algorithm);
      }
      KeyPair pair = generator.generateKeyPair();
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(pair.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A client's P-256 key pair for {@code private_key_jwt}, with its JWKs.
   *
   * @param keyId the {@code kid}
   * @param pair the key pair
   */
  record ClientKey(String keyId, KeyPair pair) {
    static ClientKey es256(String keyId) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return new ClientKey(keyId, generator.generateKeyPair());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    ECPublicKey publicKey() {
      return (ECPublicKey) pair.getPublic();
    }

    ECPrivateKey privateKey() {
      return (ECPrivateKey) pair.getPrivate();
    }

    /** The public JWK's members, without braces. */
    private String publicMembers() {
      return "\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ES256\",\"use\":\"sig\",\"kid\":\""
          + keyId
          + "\",\"x\":\""
          + coordinate(publicKey().getW().getAffineX())
          + "\",\"y\":\""
          + coordinate(publicKey().getW().getAffineY())
          + "\"";
    }

    /** The JWK Set the client is registered with. */
    String publicJwks() {
      return "{\"keys\":[{" + publicMembers() + "}]}";
    }

    /** The private JWK, for the client's side only. */
    String privateJwk() {
      return "{" + publicMembers() + ",\"d\":\"" + coordinate(privateKey().getS()) + "\"}";
    }

    private static String coordinate(BigInteger value) {
      byte[] raw = value.toByteArray();
      byte[] fixed = new byte[32];
      int length = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    @Override
    public String toString() {
      return "ClientKey[" + keyId + "]";
    }
  }
}
