package dev.portcullis.auth.jwt.testing;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.JwtVerifier;
import dev.portcullis.auth.jwt.KeyFiles;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.TokenClaims;
import dev.portcullis.auth.jwt.TokenInspector;
import dev.portcullis.auth.jwt.internal.JwtTokenService;
import dev.portcullis.auth.jwt.internal.KeyLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A token service over fake stores and a hand-moved clock. */
public final class Fixture {

  /** A secret of 48 bytes that is not a placeholder. */
  public static final String SECRET = "k3v9-TEST-only-7f2c1e8a5b4d6f0a9c8e7d6b5a4f3e2d1c";

  public static final String ISSUER = "https://auth.example.test";

  /** Settings every fixture starts from (environment test). */
  public static final String BASE =
      "auth.environment = test\n"
          + "auth.token.issuer = \""
          + ISSUER
          + "\"\n"
          + "auth.token.audiences = \"api\"\n"
          + "auth.token.algorithm = HS256\n"
          + "auth.token.secret-key = \""
          + SECRET
          + "\"\n";

  public final MutableClock clock = MutableClock.atDefault();
  public final TestStores stores = new TestStores(clock);
  public final List<AuthEvent> events = new CopyOnWriteArrayList<>();
  public final JwtSettings settings;

  /** The signing keys, loaded from the settings as JwtModule loads them. */
  public final KeyRing ring;

  public final JwtVerifier verifier;
  public final TokenService service;
  public final TokenInspector inspector;

  private Fixture(JwtSettings settings, TokenClaims extra) {
    this.settings = settings;
    this.ring = ring(settings);
    this.verifier = JwtVerifier.fromSettings(settings, ring, stores.blacklist, clock);
    AuthEventListener listener = events::add;
    this.service =
        new JwtTokenService(
            settings,
            ring,
            verifier,
            stores.sessions,
            stores.blacklist,
            stores.users,
            new AuthEvents(Set.of(listener)),
            extra,
            clock);
    this.inspector = new TokenInspector(verifier);
  }

  /** A fixture with the base settings. */
  public static Fixture create() {
    return create("");
  }

  /** A fixture with {@code hocon} over the base settings. */
  public static Fixture create(String hocon) {
    return new Fixture(settings(hocon), TokenClaims.none());
  }

  /** A fixture with these settings and extra claims. */
  public static Fixture create(JwtSettings settings, TokenClaims extra) {
    return new Fixture(settings, extra);
  }

  /** A fixture like this one whose keys are {@code ring}. */
  public Fixture withRing(KeyRing ring) {
    return new Fixture(settings.withKeyRing(ring), TokenClaims.none());
  }

  /** Settings: {@code hocon} over the base settings. */
  public static JwtSettings settings(String hocon) {
    return JwtSettings.load(config(hocon));
  }

  /**
   * A verifier builder with the {@code reference.conf} defaults of leeway, token size and cache
   * (the builder holds none of its own).
   */
  public static JwtVerifier.Builder verifierBuilder() {
    JwtSettings defaults = JwtSettings.load(AuthConfig.defaults());
    return JwtVerifier.builder()
        .leeway(defaults.leeway())
        .maxTokenSize(defaults.maxTokenSize())
        .cacheSize(defaults.verifyCacheSize());
  }

  /** The key ring of {@code settings}, loaded as JwtModule loads it (key files read once). */
  public static KeyRing ring(JwtSettings settings) {
    return KeyLoader.load(settings.signingKeys(), KeyFiles.system());
  }

  /** Config: {@code hocon} over the base settings, with no environment variables. */
  public static Config config(String hocon) {
    return rawConfig(BASE + "\n" + hocon, Map.of());
  }

  /** Config: only {@code hocon} over every reference.conf, with these environment variables. */
  public static Config rawConfig(String hocon, Map<String, String> env) {
    return AuthConfig.load(hocon, env);
  }

  /** Adds a user with roles and logs them in. */
  public TokenPair login(String userId, String... roles) {
    User u = stores.addUser(userId, Set.of(roles));
    return service.issue(new Authentication(u, 0, clock.instant(), "192.0.2.1", "test")).unwrap();
  }

  /** The error of a failed result. */
  public static AuthError error(Result<?> r) {
    return r.failure().orElseThrow(() -> new AssertionError("expected an error, got " + r));
  }

  /** The error code of a failed result. */
  public static String code(Result<?> r) {
    return error(r).code();
  }
}
