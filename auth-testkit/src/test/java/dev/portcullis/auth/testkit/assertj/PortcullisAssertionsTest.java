package dev.portcullis.auth.testkit.assertj;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.model.PasswordViolation;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.testkit.AuthTestKit;
import dev.portcullis.auth.testkit.StrictInjector;
import dev.portcullis.auth.testkit.StubAuthModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class PortcullisAssertionsTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final AuthError LOCKED =
      new AuthError.AccountLocked(NOW.plus(Duration.ofMinutes(5)), Duration.ofMinutes(5));
  private static final AuthError WEAK =
      new AuthError.PasswordPolicyViolated(
          List.of(
              new PasswordViolation("too_short", "Use at least 12 characters."),
              new PasswordViolation("common_password", "Avoid common passwords.")));
  private static final Principal PRINCIPAL =
      new Principal(
          "user-1",
          "session-1",
          "https://issuer.test",
          List.of("api", "admin-api"),
          Set.of("reader", "writer"),
          "token-1",
          NOW,
          NOW.plus(Duration.ofMinutes(15)),
          Map.of("tenant", "acme", "quota", 10L));

  // ---- Result

  @Test
  void isOk_passesForOk_andShowsTheErrorForErr() {
    assertThat(Result.ok("value")).isOk().hasValue("value");
    assertThat(Result.ok()).isOk();

    assertThatThrownBy(() -> assertThat(Result.err(LOCKED)).isOk())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting an Ok result but was Err")
        .hasMessageContaining("account_locked (HTTP 423)")
        .hasMessageContaining("Remedy:");
  }

  @Test
  void isErr_passesForErr_andShowsTheValueForOk() {
    assertThat(Result.err(LOCKED)).isErr().hasCode("account_locked");
    assertThat(Result.err(LOCKED)).isErr("account_locked");

    assertThatThrownBy(() -> assertThat(Result.ok("the value")).isErr())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting an Err result but was Ok")
        .hasMessageContaining("the value");
  }

  @Test
  void valueAssertions_failOnAnotherValue() {
    assertThat(Result.ok(List.of(1, 2))).value().isEqualTo(List.of(1, 2));
    assertThat(Result.ok("abc")).hasValueSatisfying(v -> assertThat(v).startsWith("a"));

    assertThatThrownBy(() -> assertThat(Result.ok("abc")).hasValue("xyz"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("xyz")
        .hasMessageContaining("abc");
  }

  @Test
  void nullResult_fails() {
    assertThatThrownBy(() -> assertThat((Result<String>) null).isOk())
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void description_isShown() {
    assertThatThrownBy(() -> assertThat(Result.err(LOCKED)).as("login of alice").isOk())
        .hasMessageContaining("login of alice");
  }

  // ---- AuthError

  @Test
  void codeStatusAndOauthError() {
    assertThat(LOCKED).hasCode("account_locked").hasHttpStatus(423).hasOauthError("invalid_grant");

    assertThatThrownBy(() -> assertThat(LOCKED).hasCode("invalid_credentials"))
        .hasMessageContaining("invalid_credentials")
        .hasMessageContaining("account_locked");
    assertThatThrownBy(() -> assertThat(LOCKED).hasHttpStatus(401)).hasMessageContaining("423");
    assertThatThrownBy(() -> assertThat(LOCKED).hasOauthError("invalid_token"))
        .hasMessageContaining("invalid_grant");
  }

  @Test
  void retryAfter() {
    assertThat(LOCKED)
        .hasRetryAfter(Duration.ofMinutes(5))
        .hasRetryAfterBetween(Duration.ofMinutes(4), Duration.ofMinutes(6))
        .isLockedUntil(NOW.plus(Duration.ofMinutes(5)));
    assertThat(AuthError.of(ErrorKind.INVALID_CREDENTIALS)).hasNoRetryAfter();

    assertThatThrownBy(() -> assertThat(LOCKED).hasRetryAfter(Duration.ofMinutes(1)))
        .hasMessageContaining("PT5M");
    assertThatThrownBy(
            () ->
                assertThat(LOCKED)
                    .hasRetryAfterBetween(Duration.ofMinutes(1), Duration.ofMinutes(2)))
        .hasMessageContaining("PT5M");
    assertThatThrownBy(
            () -> assertThat(AuthError.of(ErrorKind.INVALID_CREDENTIALS)).hasRetryAfter(null))
        .hasMessageContaining("Expecting a retry-after but there is none");
    assertThatThrownBy(() -> assertThat(LOCKED).hasNoRetryAfter()).hasMessageContaining("PT5M");
    assertThatThrownBy(() -> assertThat(LOCKED).isLockedUntil(NOW))
        .hasMessageContaining("it ends at");
    assertThatThrownBy(
            () -> assertThat(AuthError.of(ErrorKind.INVALID_CREDENTIALS)).isLockedUntil(NOW))
        .hasMessageContaining("Expecting account_locked");
  }

  @Test
  void messageAndRemedy() {
    assertThat(LOCKED).hasMessageContaining("locked until").hasRemedyContaining("operator");

    assertThatThrownBy(() -> assertThat(LOCKED).hasMessageContaining("nope"))
        .hasMessageContaining("locked until");
    assertThatThrownBy(() -> assertThat(LOCKED).hasRemedyContaining("nope"))
        .hasMessageContaining("Wait until the lock ends");
  }

  @Test
  void violations() {
    assertThat(WEAK)
        .hasCode("password_policy")
        .hasViolation("too_short")
        .hasViolation("too_short", "common_password")
        .hasExactlyViolations("common_password", "too_short");

    assertThatThrownBy(() -> assertThat(WEAK).hasViolation("too_long"))
        .hasMessageContaining("[too_long] are missing");
    assertThatThrownBy(() -> assertThat(WEAK).hasExactlyViolations("too_short"))
        .hasMessageContaining("[common_password, too_short]");
    assertThatThrownBy(() -> assertThat(LOCKED).hasViolation("too_short"))
        .hasMessageContaining("Expecting password_policy");
  }

  @Test
  void tokenFailure() {
    AuthError expired = AuthError.TokenRejected.of(TokenFailure.EXPIRED);
    assertThat(expired).hasCode("token_expired").hasTokenFailure(TokenFailure.EXPIRED);

    assertThatThrownBy(() -> assertThat(expired).hasTokenFailure(TokenFailure.AUDIENCE))
        .hasMessageContaining("AUDIENCE")
        .hasMessageContaining("token_expired");
  }

  @Test
  void configurationProblems() {
    AuthError invalid =
        new AuthError.ConfigurationInvalid(
            List.of(new ConfigProblem("auth.token.secret-key", "AUTH_TOKEN_SECRET_KEY", "x", "y")));
    assertThat(invalid).hasProblemWithKey("auth.token.secret-key");

    assertThatThrownBy(() -> assertThat(invalid).hasProblemWithKey("auth.token.issuer"))
        .hasMessageContaining("[auth.token.secret-key]");
  }

  // ---- Principal

  @Test
  void principalClaims() {
    assertThat(PRINCIPAL)
        .hasSubject("user-1")
        .hasIssuer("https://issuer.test")
        .hasAudience("api")
        .hasRole("reader")
        .hasExactlyRoles("writer", "reader")
        .doesNotHaveRole("admin")
        .hasClaim("tenant", "acme")
        .hasClaim("quota", 10) // numbers compare by value, whatever their Java type
        .doesNotHaveClaim("email")
        .hasSessionId("session-1")
        .wasIssuedAt(NOW)
        .expiresAt(NOW.plus(Duration.ofMinutes(15)));
  }

  @Test
  void principalFailures_nameTheClaim() {
    assertThatThrownBy(() -> assertThat(PRINCIPAL).hasRole("admin"))
        .hasMessageContaining("[admin] are missing")
        .hasMessageContaining("[reader, writer]");
    assertThatThrownBy(() -> assertThat(PRINCIPAL).hasClaim("tenant", "globex"))
        .hasMessageContaining("globex")
        .hasMessageContaining("acme");
    assertThatThrownBy(() -> assertThat(PRINCIPAL).hasClaim("email"))
        .hasMessageContaining("'email'");
    assertThatThrownBy(() -> assertThat(PRINCIPAL).hasAudience("other"))
        .hasMessageContaining("[api, admin-api]");
    assertThatThrownBy(() -> assertThat(PRINCIPAL).hasSubject("user-2"))
        .hasMessageContaining("sub");
    assertThatThrownBy(() -> assertThat(PRINCIPAL).doesNotHaveRole("reader"))
        .hasMessageContaining("[reader]");
  }

  // ---- TokenReport

  @Test
  void tokenReports() {
    AuthTestKit kit = StrictInjector.of(new StubAuthModule()).getInstance(AuthTestKit.class);
    User alice = kit.createUser("alice@example.com", "reader");
    String valid = kit.tokens().valid(alice);
    String bad =
        kit.tokens()
            .forUser(alice)
            .audience("elsewhere")
            .issuedAt(NOW.minus(Duration.ofHours(2)))
            .expiresAt(NOW.minus(Duration.ofHours(1)))
            .sign();

    assertThat(kit.inspect(valid))
        .isValid()
        .isKind("access")
        .hasHeader("kid", StubAuthModule.KEY_ID)
        .hasHeader("typ", "at+jwt")
        .hasClaim("sub", alice.id())
        .hasClaim("roles", List.of("reader"))
        .doesNotHaveClaim("email");
    assertThat(kit.inspect(bad))
        .isNotValid()
        .failsWith("token_audience")
        .hasFinding("token_expired");

    assertThatThrownBy(() -> assertThat(kit.inspect(bad)).isValid())
        .hasMessageContaining("FAILS (access token)")
        .hasMessageContaining("token_audience");
    assertThatThrownBy(() -> assertThat(kit.inspect(valid)).isNotValid())
        .hasMessageContaining("PASSES");
    assertThatThrownBy(() -> assertThat(kit.inspect(bad)).failsWith("token_expired"))
        .hasMessageContaining("to fail with token_expired first");
    assertThatThrownBy(() -> assertThat(kit.inspect(valid)).hasClaim("sub", "someone"))
        .hasMessageContaining("someone");
    assertThatThrownBy(() -> assertThat(kit.inspect(valid)).hasHeader("kid", "other"))
        .hasMessageContaining("other");
    assertThatThrownBy(() -> assertThat(kit.inspect(valid)).isKind("refresh"))
        .hasMessageContaining("it is access");
  }

  // ---- Injector

  @Test
  void injector_resolvesPorts() {
    Injector injector = StrictInjector.of(new StubAuthModule());

    assertThat(injector)
        .resolvesEveryPort()
        .resolves(Authenticator.class)
        .doesNotBind(Runnable.class);
  }

  @Test
  void injector_namesWhatIsMissing() {
    Injector empty = StrictInjector.of(new AbstractModule() {});

    assertThatThrownBy(() -> assertThat(empty).resolves(Authenticator.class, UserStore.class))
        .hasMessageContaining("dev.portcullis.auth.api.Authenticator: not bound")
        .hasMessageContaining("dev.portcullis.auth.api.store.UserStore: not bound");
  }

  // ---- AssertJ's own entry points come with the same import

  @Test
  void assertJsEntryPoints_areInherited() {
    assertThat("text").startsWith("te");
    assertThat(List.of(1)).containsExactly(1);
  }
}
