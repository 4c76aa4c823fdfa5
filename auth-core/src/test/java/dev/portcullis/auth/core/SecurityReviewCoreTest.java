package dev.portcullis.auth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.AuthSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Regression tests for findings of the security review of auth-core. */
final class SecurityReviewCoreTest {
  private static final String FAST =
      "auth.environment = test\n" + "auth.hashing.argon2 { memory-kib = 64, iterations = 1 }\n";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String NEW_PASSWORD = "a brand new passphrase here";
  private static final String PRODUCTION =
      "auth.environment = production\n"
          + "auth.reset.link-template = \"https://app.example/reset?t={token}\"\n";

  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final List<Notification> sent = new CopyOnWriteArrayList<>();

  private Injector injector() {
    return Guice.createInjector(
        Stage.PRODUCTION,
        new AbstractModule() {
          @Override
          protected void configure() {
            binder().requireExplicitBindings();
            bind(UserStore.class).toInstance(stores.users);
            bind(SessionStore.class).toInstance(stores.sessions);
            bind(LoginAttemptTracker.class).toInstance(stores.tracker);
            bind(TokenBlacklist.class).toInstance(stores.blacklist);
            bind(RateLimiter.class).toInstance(stores.limiter);
            bind(ResetTokenStore.class).toInstance(stores.resetTokens);
            bind(AuditStore.class).toInstance(stores.audit);
            OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
            OptionalBinder.newOptionalBinder(binder(), NotificationSender.class)
                .setBinding()
                .toInstance(
                    n -> {
                      sent.add(n);
                      return Result.ok();
                    });
          }
        },
        new AuthModule(AuthConfig.load(FAST, Map.of())));
  }

  @Test
  void changePassword_wrongCurrentPasswordsCountTowardsTheLockout() {
    Injector injector = injector();
    AccountService accounts = injector.getInstance(AccountService.class);
    User alice = accounts.register(Registration.of("alice@example.com", PASSWORD)).unwrap();

    // A stolen access token must not turn change-password into an unlimited password oracle.
    for (int i = 0; i < 5; i++) {
      assertThat(
              accounts
                  .changePassword(alice.id(), "guess number " + i, NEW_PASSWORD, null)
                  .failure()
                  .orElseThrow()
                  .code())
          .isEqualTo("invalid_credentials");
    }

    assertThat(
            accounts
                .changePassword(alice.id(), PASSWORD, NEW_PASSWORD, null)
                .failure()
                .orElseThrow()
                .code())
        .isEqualTo("account_locked");
    assertThat(
            injector
                .getInstance(Authenticator.class)
                .authenticate(LoginRequest.of("alice@example.com", PASSWORD))
                .failure()
                .orElseThrow()
                .code())
        .isEqualTo("account_locked");
  }

  @Test
  void changePassword_withTheRightPasswordClearsEarlierFailures() {
    AccountService accounts = injector().getInstance(AccountService.class);
    User alice = accounts.register(Registration.of("alice@example.com", PASSWORD)).unwrap();
    for (int i = 0; i < 4; i++) {
      accounts.changePassword(alice.id(), "guess number " + i, NEW_PASSWORD, null);
    }

    assertThat(accounts.changePassword(alice.id(), PASSWORD, NEW_PASSWORD, null).isOk()).isTrue();
    assertThat(stores.tracker.status("alice@example.com").failures()).isZero();
  }

  @Test
  void changePassword_invalidatesResetLinksSentEarlier() {
    AccountService accounts = injector().getInstance(AccountService.class);
    User alice = accounts.register(Registration.of("alice@example.com", PASSWORD)).unwrap();
    accounts.requestPasswordReset("alice@example.com", "10.0.0.1");
    Notification.PasswordReset reset = (Notification.PasswordReset) sent.get(0);
    String token = reset.link().substring(reset.link().indexOf("token=") + 6);

    assertThat(accounts.changePassword(alice.id(), PASSWORD, NEW_PASSWORD, null).isOk()).isTrue();

    // Whoever read the old mail must not be able to undo the change.
    assertThat(
            accounts
                .resetPassword(token, "the attacker's passphrase")
                .failure()
                .orElseThrow()
                .code())
        .isEqualTo("reset_token_invalid");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "your-super-secret-jwt-token-with-at-least-32-characters-long",
        "my-company-secret-pepper-do-not-share-2024",
        "replace-with-a-long-random-string-of-bytes!!",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      })
  void production_refusesWellKnownOrLowEntropySecretsThatAreLongEnough(String pepper) {
    assertThatThrownBy(
            () ->
                AuthSettings.load(
                    AuthConfig.load(
                        PRODUCTION + "auth.hashing.pepper = \"" + pepper + "\"", Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigProblem::key)
                    .containsExactly("auth.hashing.pepper"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(pepper));
  }

  @Test
  void production_acceptsRandomSecrets() {
    AuthSettings s =
        AuthSettings.load(
            AuthConfig.load(
                PRODUCTION
                    + "auth.hashing.pepper = \"q3Jv8nW1xZ5tL0mB7cR2yK9pD4sF6hG0aE3uI8oP\"\n"
                    + "auth.hashing.pepper = \"8f0c2a9d4e7b1f3a6c5d8e0b2a4f6c8d\"\n",
                Map.of()));
    assertThat(s.hashing().hasPepper()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://app.example/reset?t={token}",
        "HTTP://LOCALHOST:8080/reset?t={token}",
        "https://localhost/reset?t={token}"
      })
  void production_refusesResetLinksThatAreNotPublicHttps(String template) {
    assertThatThrownBy(
            () ->
                AuthSettings.load(
                    AuthConfig.load(
                        "auth.environment = production\n"
                            + "auth.reset.link-template = \""
                            + template
                            + "\"\n",
                        Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigProblem::key)
                    .containsExactly("auth.reset.link-template"));
  }

  @Test
  void production_refusesSinglePassArgon2WithTheTwoPassMemoryFloor() {
    assertThatThrownBy(
            () ->
                AuthSettings.load(
                    AuthConfig.load(PRODUCTION + "auth.hashing.argon2.iterations = 1\n", Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigProblem::key)
                    .containsExactly("auth.hashing.argon2.iterations"));
    assertThat(
            AuthSettings.load(
                    AuthConfig.load(
                        PRODUCTION + "auth.hashing.argon2 { iterations = 1, memory-kib = 47104 }\n",
                        Map.of()))
                .hashing()
                .argon2()
                .iterations())
        .isEqualTo(1);
  }
}
