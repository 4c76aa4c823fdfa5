package dev.portcullis.auth.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one configuration every benchmark shares: a test-environment Portcullis on the in-memory
 * stores with an HS256 key, an issuer and an audience, and limits raised so that rate limits and
 * lockout never answer instead of the path being measured.
 */
public final class Fixtures {

  public static final String ISSUER = "https://auth.bench.example";
  public static final String AUDIENCE = "https://api.bench.example";

  /** 48 bytes: an HS256 secret of the size {@code openssl rand -base64 32} prints. */
  public static final String SECRET = "bG9uZy1lbm91Z2gtc2VjcmV0LWZvci1iZW5jaG1hcmtzLTAx";

  public static final String PASSWORD = "correct horse battery staple";
  public static final String IDENTIFIER = "alice@bench.example";
  public static final Set<String> ROLES = Set.of("user", "billing");
  public static final String CLIENT = "127.0.0.1";

  /** OWASP's argon2id settings, Portcullis's default. */
  public static final int[] ARGON2_DEFAULT = {19_456, 2, 1};

  /** Keycloak's published argon2id settings: 7 MiB, 5 passes, 1 lane. */
  public static final int[] ARGON2_KEYCLOAK = {7_168, 5, 1};

  private Fixtures() {}

  /** The benchmark configuration with a verify cache of {@code verifyCacheSize} tokens. */
  public static Config config(int verifyCacheSize) {
    return config(verifyCacheSize, ARGON2_DEFAULT);
  }

  /** The benchmark configuration, with other argon2id costs. */
  public static Config config(int verifyCacheSize, int[] argon2) {
    String overrides =
        """
        auth {
          environment = test
          rate-limit { login = "999999999/second", login-failures = "999999999/second" }
          lockout { max-attempts = 1000, window = 1m }
          hashing.argon2 { memory-kib = %d, iterations = %d, parallelism = %d }
          token {
            issuer = "%s"
            audiences = "%s"
            algorithm = HS256
            secret-key = "%s"
            verify-cache-size = %d
          }
        }
        """
            .formatted(argon2[0], argon2[1], argon2[2], ISSUER, AUDIENCE, SECRET, verifyCacheSize);
    return AuthConfig.load(overrides, Map.of());
  }

  /** A strict injector: AuthModule, the in-memory stores and JwtModule with these settings. */
  public static Injector injector(Config config, JwtSettings jwt, Module... extra) {
    return injector(PortcullisSettings.load(config), jwt, extra);
  }

  /** A strict injector on {@code config}'s token settings, every setting read once. */
  public static Injector injector(Config config) {
    PortcullisSettings settings = PortcullisSettings.load(config);
    return injector(settings, settings.get(JwtSettings.class));
  }

  private static Injector injector(PortcullisSettings settings, JwtSettings jwt, Module... extra) {
    Module[] modules = new Module[3 + extra.length];
    modules[0] = new AuthModule(settings);
    modules[1] = new MemoryStoreModule(settings);
    modules[2] = new JwtModule(jwt);
    System.arraycopy(extra, 0, modules, 3, extra.length);
    return Guice.createInjector(Stage.PRODUCTION, modules);
  }

  /** Creates an account with {@code passwordHash} and returns it. */
  public static User createUser(Injector injector, String identifier, String passwordHash) {
    Result<User> created =
        injector
            .getInstance(UserStore.class)
            .create(
                new NewUser(
                    UUID.randomUUID().toString(),
                    identifier,
                    identifier,
                    "Bench User",
                    passwordHash,
                    ROLES,
                    Instant.now(),
                    true));
    return created.unwrap();
  }

  /** Creates the standard account, hashing {@link #PASSWORD} with the injector's hasher. */
  public static User createUser(Injector injector) {
    String hash = injector.getInstance(PasswordHasher.class).hash(PASSWORD);
    return createUser(injector, IDENTIFIER, hash);
  }

  /**
   * Issues a token pair for {@code user}: an access token with iss, sub, aud, exp, nbf, iat, jti,
   * sid and roles, as every verification benchmark uses.
   */
  public static TokenPair issue(Injector injector, User user) {
    // A fresh benchmark user has credentials version 0.
    return injector
        .getInstance(TokenService.class)
        .issue(new Authentication(user, 0, Instant.now(), CLIENT, "portcullis-bench"))
        .unwrap();
  }

  /** The HS256 key bytes (the UTF-8 bytes of the secret, as Portcullis reads it). */
  public static byte[] secretBytes() {
    return SECRET.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code token} without its signature: the JWS signing input. */
  public static String signingInput(String token) {
    return token.substring(0, token.lastIndexOf('.'));
  }

  /** The decoded signature of {@code token}. */
  public static byte[] signature(String token) {
    return java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
  }

  /**
   * Fails the trial when a setup check fails, so no benchmark measures an error path by mistake.
   */
  public static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark setup check failed: " + what);
    }
  }
}
