package dev.portcullis.auth.testkit.sample;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;

import com.google.inject.Inject;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.testkit.AuthTestKit;
import dev.portcullis.auth.testkit.PortcullisExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sample service tested through the testkit alone: no Guice, no settings, no sleeps. */
final class NotesServiceTest {

  @RegisterExtension
  final PortcullisExtension portcullis = PortcullisExtension.create().install(new NotesModule());

  @Inject NotesService notes;
  @Inject AuthTestKit kit;

  private User alice;

  @BeforeEach
  void aliceHasANote() {
    alice = kit.createUser("alice@example.com", NotesService.READ_ROLE);
    notes.add(alice.id(), "buy milk");
  }

  @Test
  void login_thenRead_returnsTheNotes() {
    TokenPair tokens = kit.login("alice@example.com", AuthTestKit.PASSWORD).unwrap();

    assertThat(notes.read(tokens.accessToken())).isOk().hasValue(List.of("buy milk"));
  }

  @Test
  void login_withAWrongPassword_isInvalidCredentials() {
    assertThat(kit.login("alice@example.com", "not her password"))
        .isErr()
        .hasCode("invalid_credentials")
        .hasHttpStatus(401);
  }

  @Test
  void lockedAccount_refusesEvenTheRightPassword_untilTheLockEnds() {
    kit.lock("alice@example.com");

    assertThat(kit.login("alice@example.com", AuthTestKit.PASSWORD))
        .isErr()
        .hasCode("account_locked")
        .hasHttpStatus(423)
        .hasRetryAfter(Duration.ofMinutes(5));

    kit.advance(Duration.ofMinutes(5));
    assertThat(kit.login("alice@example.com", AuthTestKit.PASSWORD)).isOk();
  }

  @Test
  void fiveWrongPasswords_lockTheAccount() {
    for (int i = 0; i < 5; i++) {
      assertThat(kit.login("alice@example.com", "guess " + i)).isErr("invalid_credentials");
    }

    assertThat(kit.login("alice@example.com", AuthTestKit.PASSWORD)).isErr("account_locked");
  }

  @Test
  void expiredToken_isRefused() {
    assertThat(notes.read(kit.tokens().expired(alice)))
        .isErr()
        .hasCode("token_expired")
        .hasMessageContaining("expired");
  }

  @Test
  void accessToken_expiresWhenItsLifetimeEnds() {
    String token = kit.tokens().valid(alice);
    assertThat(notes.read(token)).isOk();

    kit.advance(Duration.ofMinutes(15).plusSeconds(60)); // lifetime, then the leeway

    assertThat(notes.read(token)).isErr("token_expired");
  }

  @Test
  void revokedToken_isRefused() {
    assertThat(notes.read(kit.tokens().revoked(alice))).isErr().hasCode("token_revoked");
  }

  @Test
  void tokenForAnotherAudience_isRefused() {
    assertThat(notes.read(kit.tokens().wrongAudience(alice)))
        .isErr()
        .hasCode("token_audience")
        .hasRemedyContaining("auth.token.audiences");
  }

  @Test
  void tokenNotYetValid_isRefused() {
    assertThat(notes.read(kit.tokens().notYetValid(alice))).isErr("token_not_yet_valid");
  }

  @Test
  void tokenSignedWithAnotherKey_isRefused() {
    assertThat(notes.read(kit.tokens().foreignSigned(alice))).isErr("token_signature");
  }

  @Test
  void refreshToken_isNoAccessToken() {
    assertThat(notes.read(kit.tokens().refresh(alice))).isErr("token_type");
  }

  @Test
  void noToken_isAccessTokenNotFound() {
    assertThat(notes.read("")).isErr().hasCode("access_token_not_found");
  }

  @Test
  void tokenWithoutTheRole_seesNoNotes() {
    User bob = kit.createUser("bob@example.com");

    assertThat(notes.read(kit.tokens().valid(bob))).isErr("not_found");
  }

  @Test
  void disabledUser_cannotLogIn() {
    kit.disable(alice);

    assertThat(kit.login("alice@example.com", AuthTestKit.PASSWORD)).isErr("invalid_credentials");
  }
}
