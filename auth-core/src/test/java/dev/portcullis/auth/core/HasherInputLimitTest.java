package dev.portcullis.auth.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.PasswordViolation;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** With bcrypt configured, passwords bcrypt cannot take are policy violations, not failures. */
final class HasherInputLimitTest {
  private static final String BCRYPT =
      "auth.environment = test\n" + "auth.hashing { algorithm = bcrypt, bcrypt.cost = 4 }\n";
  private static final String PASSWORD = "correct horse battery staple";
  // 86 ASCII characters: within the policy's 128, over bcrypt's 72 bytes.
  private static final String LONG =
      "the quick brown fox jumps over the lazy dog and then it runs away into the woods again";

  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final List<Notification> sent = new CopyOnWriteArrayList<>();

  private AccountService accounts(String hocon) {
    Injector injector = CoreInjectors.strict(stores, sent, hocon);
    return injector.getInstance(AccountService.class);
  }

  private static List<String> violations(Result<?> r) {
    AuthError e = r.failure().orElseThrow();
    assertThat(e).isInstanceOf(AuthError.PasswordPolicyViolated.class);
    return ((AuthError.PasswordPolicyViolated) e)
        .violations().stream().map(PasswordViolation::code).toList();
  }

  @Test
  void registration_refusesAPasswordOver72BytesAsAPolicyViolation() {
    assertThat(LONG).hasSize(86);
    AccountService accounts = accounts(BCRYPT);

    assertThat(violations(accounts.register(Registration.of("alice@example.com", LONG))))
        .containsExactly("too_long_for_hasher");
    // 40 two-byte letters are 40 characters but 80 bytes.
    assertThat(violations(accounts.register(Registration.of("bob@example.com", "é".repeat(40)))))
        .contains("too_long_for_hasher");
    assertThat(stores.users.list(0, 10)).isEmpty();
    assertThat(accounts.register(Registration.of("carol@example.com", "é".repeat(36))).isOk())
        .as("72 bytes exactly")
        .isTrue();
  }

  @Test
  void changeAndReset_refuseIt_too() {
    AccountService accounts = accounts(BCRYPT);
    User alice = accounts.register(Registration.of("alice@example.com", PASSWORD)).unwrap();

    assertThat(violations(accounts.changePassword(alice.id(), PASSWORD, LONG, null)))
        .containsExactly("too_long_for_hasher");

    accounts.requestPasswordReset("alice@example.com", "10.0.0.1");
    String link = ((Notification.PasswordReset) sent.get(sent.size() - 1)).link();
    String token = link.substring(link.indexOf("token=") + "token=".length());
    assertThat(violations(accounts.resetPassword(token, LONG)))
        .containsExactly("too_long_for_hasher");
  }

  @Test
  void withAPepper_orWithArgon2_longPasswordsAreFine() {
    String peppered = BCRYPT + "auth.hashing.pepper = \"an-unguessable-pepper-of-32-bytes!!\"\n";
    assertThat(accounts(peppered).register(Registration.of("alice@example.com", LONG)).isOk())
        .isTrue();
    String argon2 =
        "auth.environment = test\n" + "auth.hashing.argon2 { memory-kib = 64, iterations = 1 }\n";
    assertThat(accounts(argon2).register(Registration.of("bob@example.com", LONG)).isOk()).isTrue();
  }

  @Test
  void anUnpairedSurrogate_isAPolicyViolation_notAFailureInTheHasher() {
    AccountService accounts = accounts(BCRYPT);

    assertThat(
            violations(
                accounts.register(
                    Registration.of("alice@example.com", "correct horse \uD800 staple"))))
        .contains("invalid_characters");
  }
}
