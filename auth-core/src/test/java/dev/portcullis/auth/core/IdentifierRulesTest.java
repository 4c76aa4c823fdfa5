package dev.portcullis.auth.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Identifiers through every entry point (login, registration, reset request): one length rule, an
 * e-mail address validated as stored, and no character that could forge a log line.
 */
final class IdentifierRulesTest {
  private static final String FAST =
      "auth.environment = test\n" + "auth.hashing.argon2 { memory-kib = 64, iterations = 1 }\n";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, two UTF-16 code units

  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final List<Notification> sent = new CopyOnWriteArrayList<>();
  private AccountService accounts;
  private Authenticator authenticator;

  @BeforeEach
  void setUp() {
    Injector injector = CoreInjectors.strict(stores, sent, FAST);
    accounts = injector.getInstance(AccountService.class);
    authenticator = injector.getInstance(Authenticator.class);
  }

  private String loginCode(String identifier, String address) {
    return authenticator
        .authenticate(new LoginRequest(identifier, PASSWORD, address, "junit"))
        .failure()
        .map(AuthError::code)
        .orElse("ok");
  }

  private String registerCode(String identifier, String address) {
    return accounts
        .register(new Registration(identifier, PASSWORD, null, java.util.Set.of(), address))
        .failure()
        .map(AuthError::code)
        .orElse("ok");
  }

  private String forgotCode(String identifier, String address) {
    return accounts
        .requestPasswordReset(identifier, address)
        .failure()
        .map(AuthError::code)
        .orElse("ok");
  }

  @ParameterizedTest
  @ValueSource(ints = {170, 255, 256, 300})
  void astralIdentifiersOverTheLimit_areInvalidRequestEverywhere(int count) {
    String name = EMOJI.repeat(count);
    String email = EMOJI.repeat(count) + "@example.com";

    for (String identifier : List.of(name, email)) {
      assertThat(loginCode(identifier, "10.0.0.1")).isEqualTo("invalid_request");
      assertThat(registerCode(identifier, "10.0.0.2")).isEqualTo("invalid_request");
      assertThat(forgotCode(identifier, "10.0.0.3")).isEqualTo("invalid_request");
    }
    assertThat(stores.users.list(0, 10)).isEmpty();
  }

  @Test
  void theLimitCountsUtf16CodeUnits_soWhatIsAcceptedFitsAVarchar320InH2AndPostgres() {
    String fits = EMOJI.repeat(160); // 320 code units, 160 code points
    String alsoFits = EMOJI.repeat(159) + "ab"; // 320 code units, 161 code points

    assertThat(registerCode(fits, "10.0.0.1")).isEqualTo("ok");
    assertThat(stores.users.list(0, 10))
        .singleElement()
        .satisfies(u -> assertThat(u.identifier().length()).isEqualTo(320));
    assertThat(registerCode(alsoFits, "10.0.0.2")).isEqualTo("ok");
    assertThat(registerCode(alsoFits + "c", "10.0.0.3")).isEqualTo("invalid_request");
    assertThat(loginCode(EMOJI.repeat(161), "10.0.0.4")).isEqualTo("invalid_request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@b.com\uFF20attacker.example", // fullwidth commercial at
        "a@b.com\uFE6Battacker.example", // small commercial at
        "a\uFF20b.com@attacker.example",
        "a@b.com\uFF0C evil@attacker.example", // fullwidth comma and a space
        "a@b.com\uFF1E", // fullwidth greater-than
        "\uFF02a b\uFF02@example.com", // fullwidth quotation marks
        "a@b\u2024\u2024com", // one dot leaders fold to ".."
        "a@[203.0.113.7]",
        "@example.com",
        "alice@",
        "a..b@example.com",
        "alice@-example.com"
      })
  void emailAddresses_areValidatedAfterNormalisation(String identifier) {
    assertThat(registerCode(identifier, "10.0.0.1")).isEqualTo("invalid_request");
    assertThat(forgotCode(identifier, "10.0.0.2")).isEqualTo("invalid_request");
    assertThat(loginCode(identifier, "10.0.0.3")).isEqualTo("invalid_request");
    assertThat(stores.users.list(0, 10)).isEmpty();
    assertThat(sent).isEmpty();
  }

  @Test
  void compatibilityFormsOfAValidAddress_registerTheFoldedAddress() {
    User u =
        accounts.register(Registration.of("\uFF21lice\uFF20example\uFF0Ecom", PASSWORD)).unwrap();

    assertThat(u.identifier()).isEqualTo("alice@example.com");
    assertThat(u.email()).isEqualTo("alice@example.com");
    assertThat(loginCode("alice\uFE6Bexample.com", "10.0.0.1")).isEqualTo("ok");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice\u2028@example.com", // line separator
        "alice\u2029@example.com", // paragraph separator
        "alice\u0085x@example.com", // next line (C1)
        "alice\u001B[31m@example.com", // escape (C0)
        "alice\u202E@example.com", // right-to-left override
        "alice\u2066@example.com", // left-to-right isolate
        "alice\u200F@example.com", // right-to-left mark
        "alice\uFEFF@example.com", // zero-width no-break space
        "alice\uE000@example.com", // private use
        "alice\uD800@example.com", // unpaired surrogate
        "mallory\u2028INFO login succeeded for admin"
      })
  void separatorsControlsAndBidiOverrides_areInvalidRequestEverywhere(String identifier) {
    assertThat(loginCode(identifier, "10.0.0.1")).isEqualTo("invalid_request");
    assertThat(registerCode(identifier, "10.0.0.2")).isEqualTo("invalid_request");
    assertThat(forgotCode(identifier, "10.0.0.3")).isEqualTo("invalid_request");
    assertThat(stores.users.list(0, 10)).isEmpty();
  }

  @Test
  void aLineSeparatorInALogin_neverReachesTheLog() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      loginCode("mallory\u2028INFO login succeeded for admin@example.com", "10.0.0.1");
      loginCode("mallory\u2029@example.com", "10.0.0.2");
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log).doesNotContain("\u2028").doesNotContain("\u2029").doesNotContain("mallory");
  }
}
