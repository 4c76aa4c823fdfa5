package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.MutableClock;
import dev.portcullis.auth.jwt.testing.TestKeys;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JwtModule in a strict injector, next to AuthModule and the in-memory stores. */
final class JwtModuleTest {

  private final MutableClock clock = MutableClock.atDefault();

  private Module strict(Module... extra) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        binder().requireAtInjectOnConstructors();
        OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
        for (Module m : extra) {
          install(m);
        }
      }
    };
  }

  private Injector injector(Config config, Module... extra) {
    PortcullisSettings settings = PortcullisSettings.load(config);
    return Guice.createInjector(
        Stage.PRODUCTION,
        strict(extra),
        new AuthModule(settings),
        new MemoryStoreModule(settings),
        new JwtModule(settings));
  }

  /** Key files read through the seam, counted by path. */
  private static final class CountingKeyFiles implements KeyFiles {
    final Map<Path, Integer> reads = new ConcurrentHashMap<>();

    @Override
    public String read(Path file) throws IOException {
      reads.merge(file, 1, Integer::sum);
      return KeyFiles.system().read(file);
    }
  }

  private static Module keyFiles(KeyFiles files) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), KeyFiles.class).setBinding().toInstance(files);
      }
    };
  }

  private static User user(Injector injector, String id, String... roles) {
    return injector
        .getInstance(UserStore.class)
        .create(
            new NewUser(
                id,
                id + "@example.com",
                id + "@example.com",
                null,
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                Set.of(roles),
                java.time.Instant.parse("2029-01-01T00:00:00Z"),
                false))
        .unwrap();
  }

  @Test
  void aStrictProductionStageInjectorIssuesVerifiesRefreshesAndRevokes() {
    Injector injector = injector(Fixture.config(""));
    TokenService tokens = injector.getInstance(TokenService.class);
    User alice = user(injector, "alice", "admin");

    TokenPair pair =
        tokens.issue(new Authentication(alice, 0, clock.instant(), "192.0.2.7", "curl")).unwrap();
    Principal p = tokens.verify(pair.accessToken()).unwrap();
    TokenPair next = tokens.refresh(pair.refreshToken()).unwrap();

    assertThat(p.roles()).containsExactly("admin");
    assertThat(tokens.refresh(pair.refreshToken()).failure().orElseThrow().code())
        .isEqualTo("refresh_token_reused");
    assertThat(tokens.verify(next.accessToken()).failure().orElseThrow().code())
        .isEqualTo("token_revoked");
    assertThat(injector.getInstance(TokenService.class)).isSameAs(tokens);
  }

  @Test
  void logoutAndLogOutEverywhereWorkAgainstTheMemoryStores() {
    Injector injector = injector(Fixture.config(""));
    TokenService tokens = injector.getInstance(TokenService.class);
    User alice = user(injector, "alice");
    TokenPair a = tokens.issue(new Authentication(alice, 0, clock.instant(), null, null)).unwrap();
    TokenPair b = tokens.issue(new Authentication(alice, 0, clock.instant(), null, null)).unwrap();

    tokens.revoke(tokens.verify(a.accessToken()).unwrap()).unwrap();
    assertThat(tokens.verify(a.accessToken()).failure().orElseThrow().code())
        .isEqualTo("token_revoked");
    assertThat(tokens.verify(b.accessToken()).isOk()).isTrue();

    clock.advance(Duration.ofMillis(5));
    tokens.revokeAll("alice").unwrap();
    assertThat(tokens.verify(b.accessToken()).failure().orElseThrow().code())
        .isEqualTo("token_revoked");
    clock.advance(Duration.ofMillis(1));
    TokenPair c = tokens.issue(new Authentication(alice, 0, clock.instant(), null, null)).unwrap();
    assertThat(tokens.verify(c.accessToken()).isOk()).isTrue();
  }

  @Test
  void bindsTheInspectorVerifierSettingsAndTheCurrentJwks() {
    Injector injector = injector(Fixture.config("auth.token.algorithm = EdDSA\n"));

    com.google.inject.Provider<Jwks> jwks = injector.getProvider(Jwks.class);
    assertThat(jwks.get().keys()).hasSize(1);
    assertThat(jwks.get().json()).contains("\"kty\":\"OKP\"").doesNotContain("\"d\"");
    assertThat(injector.getInstance(TokenInspector.class)).isNotNull();
    assertThat(injector.getInstance(JwtVerifier.class)).isNotNull();
    assertThat(((KeyRing) injector.getInstance(KeySource.class)).active().algorithm())
        .isEqualTo(JwsAlgorithm.EDDSA);
  }

  @Test
  void extraClaimsCanBeBoundAndNeverOverrideReservedOnes() {
    Module claims =
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), TokenClaims.class)
                .setBinding()
                .toInstance(u -> Map.of("tenant", "acme", "sub", "root"));
          }
        };
    Injector injector = injector(Fixture.config(""), claims);
    TokenService tokens = injector.getInstance(TokenService.class);
    User alice = user(injector, "alice");

    Principal p =
        tokens
            .verify(
                tokens
                    .issue(new Authentication(alice, 0, clock.instant(), null, null))
                    .unwrap()
                    .accessToken())
            .unwrap();

    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.claims()).containsEntry("tenant", "acme");
  }

  @Test
  void authModuleReportsTokenProblemsTogetherWithCoreProblems() {
    Config config =
        Fixture.rawConfig(
            "auth.environment = production\n"
                + "auth.lockout.max-attempts = 0\n"
                + "auth.token.algorithm = HS256\n"
                + "auth.token.secret-key = \"change-me\"\n",
            Map.of());

    assertThatThrownBy(() -> new AuthModule(config))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key)
                    .contains(
                        "auth.lockout.max-attempts",
                        "auth.token.secret-key",
                        "auth.token.audiences"))
        .hasMessageContaining("AUTH_TOKEN_SECRET_KEY")
        .hasMessageContaining("AUTH_TOKEN_AUDIENCES");
  }

  @Test
  void aValidProductionConfigurationPassesCoreAndTokenValidationTogether() {
    Config config =
        Fixture.rawConfig(
            "auth.environment = production\n"
                + "auth.reset.link-template = \"https://app.example.com/reset?token={token}\"\n",
            Map.of(
                "AUTH_TOKEN_ALGORITHM", "HS256",
                "AUTH_TOKEN_SECRET_KEY", "q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ=",
                "AUTH_TOKEN_AUDIENCES", "https://api.example.com"));

    AuthSettings settings = AuthSettings.load(config);

    assertThat(settings.environment().strict()).isTrue();
    assertThat(new JwtModule(config).settings().audiences())
        .containsExactly("https://api.example.com");
  }

  @Test
  void buildingTheModuleReadsNoKeyFile_theInjectorReadsItOnce(@TempDir Path dir)
      throws IOException {
    Path key =
        Files.writeString(
            dir.resolve("key.pem"), TestKeys.privatePem(TestKeys.pair(JwsAlgorithm.EDDSA)));
    PortcullisSettings settings =
        PortcullisSettings.load(
            Fixture.config(
                "auth.token.algorithm = EdDSA\nauth.token.private-key-file = \"" + key + "\"\n"));
    CountingKeyFiles files = new CountingKeyFiles();

    JwtModule module = new JwtModule(settings);
    assertThat(files.reads).isEmpty();
    Injector injector =
        Guice.createInjector(
            Stage.DEVELOPMENT,
            strict(keyFiles(files)),
            new AuthModule(settings),
            new MemoryStoreModule(settings),
            module);
    assertThat(files.reads).containsExactly(Map.entry(key, 1));

    TokenService tokens = injector.getInstance(TokenService.class);
    User alice = user(injector, "alice");
    TokenPair pair =
        tokens.issue(new Authentication(alice, 0, clock.instant(), null, null)).unwrap();
    assertThat(tokens.verify(pair.accessToken()).isOk()).isTrue();
    injector.getInstance(Jwks.class);
    assertThat(files.reads).containsExactly(Map.entry(key, 1));
  }

  @Test
  void aKeyFileThatCannotBeReadFailsTheInjectorNamingTheSettingAndItsVariable(@TempDir Path dir) {
    Path missing = dir.resolve("missing.pem");
    PortcullisSettings settings =
        PortcullisSettings.load(
            Fixture.config(
                "auth.token.algorithm = ES256\nauth.token.private-key-file = \""
                    + missing
                    + "\"\n"));

    assertThatThrownBy(
            () ->
                Guice.createInjector(
                    Stage.DEVELOPMENT,
                    strict(),
                    new AuthModule(settings),
                    new MemoryStoreModule(settings),
                    new JwtModule(settings)))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("auth.token.private-key-file")
        .hasMessageContaining("AUTH_TOKEN_PRIVATE_KEY_FILE")
        .hasMessageContaining("cannot be read");
  }

  @Test
  void aVerifyOnlyServiceStartsWithoutTouchingTheNetworkAndRefusesToIssue() {
    Injector injector =
        injector(
            Fixture.config("auth.token.remote-jwks.url = \"https://127.0.0.1:9/jwks.json\"\n"));
    TokenService tokens = injector.getInstance(TokenService.class);
    User alice = user(injector, "alice");

    assertThat(
            tokens
                .issue(new Authentication(alice, 0, clock.instant(), null, null))
                .failure()
                .orElseThrow()
                .code())
        .isEqualTo("service_unavailable");
    assertThat(injector.getInstance(KeySource.class)).isInstanceOf(RemoteJwks.class);
    OAuthTokens oauth = injector.getInstance(OAuthTokens.class);
    assertThat(
            oauth
                .forClient(new OAuthTokens.Grant("c", java.util.Set.of(), java.util.List.of("api")))
                .failure()
                .orElseThrow()
                .code())
        .isEqualTo("service_unavailable");
  }
}
