package dev.portcullis.auth.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.PasswordHashers;
import dev.portcullis.auth.core.settings.RateLimitSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * With DEBUG on for the login package (see the surefire settings of this module), every decision is
 * traced, and no password or hash appears in the output.
 */
final class LogHygieneTest {
  private static final String PASSWORD = "Sup3r-Secret-Passphrase!";
  private static final String WRONG = "Wr0ng-Guess-Passphrase?";

  @Test
  void loginDecisions_areTracedWithoutPasswordsOrHashes() {
    TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
    PasswordHasher hasher =
        PasswordHashers.create(HashingSettings.defaults().withArgon2(1024, 1, 1));
    String legacy =
        PasswordHashers.create(HashingSettings.defaults().withArgon2(512, 1, 1)).hash(PASSWORD);
    stores.users.create(
        new NewUser(
            "u1",
            "carol@example.com",
            "carol@example.com",
            null,
            legacy,
            Set.of(),
            clock.instant(),
            false));
    PasswordAuthenticator authenticator =
        new PasswordAuthenticator(
            new Identifiers(320),
            stores.limiter,
            RateLimitSettings.defaults(),
            stores.tracker,
            stores.users,
            hasher,
            clock,
            AuthEvents.none());

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      authenticator.authenticate(new LoginRequest("carol@example.com", PASSWORD, "10.0.0.1", null));
      for (int i = 0; i < 6; i++) {
        authenticator.authenticate(new LoginRequest("carol@example.com", WRONG, "10.0.0.2", null));
      }
      authenticator.authenticate(new LoginRequest("nobody@example.com", WRONG, "10.0.0.3", null));
      stores.down = true;
      authenticator.authenticate(new LoginRequest("carol@example.com", PASSWORD, "10.0.0.4", null));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log)
        .contains("login succeeded for carol@example.com")
        .contains("login failed for carol@example.com")
        .contains("locked until")
        .contains("login failed closed");
    assertThat(log).doesNotContain(PASSWORD).doesNotContain(WRONG);
    assertThat(log)
        .doesNotContain(legacy)
        .doesNotContain(legacy.substring(legacy.lastIndexOf('$')));
    assertThat(log).doesNotContain(stores.users.hashOf("u1").substring(30));
  }
}
