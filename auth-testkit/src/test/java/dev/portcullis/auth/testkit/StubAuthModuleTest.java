package dev.portcullis.auth.testkit;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.settings.Environment;
import dev.portcullis.auth.jwt.TokenInspector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class StubAuthModuleTest {

  @Test
  void strictInjector_resolvesEveryPort() {
    Injector injector = StrictInjector.of(new StubAuthModule());

    assertThat(injector).resolvesEveryPort().resolves(AuthTestKit.class, TokenInspector.class);
  }

  @Test
  void injectedClock_isTheStubsMutableClock() {
    StubAuthModule stub = new StubAuthModule();
    Injector injector = StrictInjector.of(stub);

    assertThat(injector.getInstance(Clock.class)).isSameAs(stub.clock());
    assertThat(injector.getInstance(MutableClock.class)).isSameAs(stub.clock());
    assertThat(stub.clock().instant()).isEqualTo(StubAuthModule.DEFAULT_START);
  }

  @Test
  void startingAt_movesTheStartOfANewClock() {
    Instant start = Instant.parse("2031-06-01T12:00:00Z");
    StubAuthModule stub = new StubAuthModule().startingAt(start);

    assertThat(StrictInjector.of(stub).getInstance(Clock.class).instant()).isEqualTo(start);
  }

  @Test
  void settings_areForTests_withACheapHasherAndFixedTokenSettings() {
    StubAuthModule stub = new StubAuthModule();

    assertThat(stub.authSettings().environment()).isEqualTo(Environment.TEST);
    assertThat(stub.jwtSettings().issuer()).isEqualTo(StubAuthModule.ISSUER);
    assertThat(stub.jwtSettings().audiences()).containsExactly(StubAuthModule.AUDIENCE);
    assertThat(stub.jwtSettings().verifyOnly()).isFalse();
    com.google.inject.Injector injector = StrictInjector.of(stub);
    assertThat(
            ((dev.portcullis.auth.jwt.KeyRing)
                    injector.getInstance(dev.portcullis.auth.jwt.KeySource.class))
                .active()
                .keyId())
        .isEqualTo(StubAuthModule.KEY_ID);
    String hash = injector.getInstance(PasswordHasher.class).hash("a password");
    assertThat(hash).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
  }

  @Test
  void tokens_verifyAcrossInjectors_becauseTheSecretIsFixed() {
    Injector issuer = StrictInjector.of(new StubAuthModule());
    Injector verifier = StrictInjector.of(new StubAuthModule());
    User alice = issuer.getInstance(AuthTestKit.class).createUser("alice@example.com");
    String token = issuer.getInstance(AuthTestKit.class).tokens().valid(alice);

    Principal principal = verifier.getInstance(TokenService.class).verify(token).unwrap();

    assertThat(principal).isFor(alice).hasIssuer(StubAuthModule.ISSUER);
  }

  @Test
  void overrides_goOverTheStubsSettings() {
    Injector injector = StrictInjector.of(new StubAuthModule("auth.lockout.max-attempts = 2\n"));
    AuthTestKit kit = injector.getInstance(AuthTestKit.class);
    kit.createUser("alice@example.com");
    kit.login("alice@example.com", "wrong 1");
    kit.login("alice@example.com", "wrong 2");

    assertThat(kit.login("alice@example.com", AuthTestKit.PASSWORD)).isErr("account_locked");
  }

  @Test
  void withSettings_addsToEarlierOverrides() {
    StubAuthModule stub =
        new StubAuthModule("auth.token.access-token-ttl = 2m")
            .withSettings("auth.lockout.max-attempts = 7");

    assertThat(stub.jwtSettings().accessTokenTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(stub.authSettings().lockout().maxAttempts()).isEqualTo(7);
  }

  @Test
  void invalidOverrides_failAtConstruction_listingEveryProblem() {
    assertThatThrownBy(
            () ->
                new StubAuthModule(
                    "auth.lockout.max-attempts = 0\nauth.password.min-length = -1\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.lockout.max-attempts")
        .hasMessageContaining("auth.password.min-length");
  }

  @Test
  void productionOverride_isRefused_becauseTheHashCostsAreWeak() {
    assertThatThrownBy(() -> new StubAuthModule("auth.environment = production"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.hashing.argon2.memory-kib");
  }

  @Test
  void replacingADefault_worksWithSetBinding() {
    PasswordHasher plain = new PlainHasher();
    Injector injector =
        StrictInjector.of(
            new StubAuthModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), PasswordHasher.class)
                    .setBinding()
                    .toInstance(plain);
              }
            });

    assertThat(injector.getInstance(PasswordHasher.class)).isSameAs(plain);
  }

  @Test
  void bindingTheClockTwice_failsWithGuicesMessage() {
    assertThatThrownBy(
            () ->
                StrictInjector.of(
                    new StubAuthModule(),
                    new AbstractModule() {
                      @Override
                      protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), Clock.class)
                            .setBinding()
                            .toInstance(Clock.systemUTC());
                      }
                    }))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("[Guice/BindingAlreadySet]: Clock");
  }

  /** A hasher that is obviously not a real one. */
  private static final class PlainHasher implements PasswordHasher {
    @Override
    public String hash(CharSequence password) {
      return "plain:" + password;
    }

    @Override
    public boolean verify(CharSequence password, String encodedHash) {
      return encodedHash.equals(hash(password));
    }

    @Override
    public boolean needsRehash(String encodedHash) {
      return false;
    }

    @Override
    public boolean supports(String encodedHash) {
      return encodedHash.startsWith("plain:");
    }
  }
}
