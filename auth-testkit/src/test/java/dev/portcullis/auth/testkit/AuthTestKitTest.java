package dev.portcullis.auth.testkit;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThatThrownBy;

import com.google.inject.Injector;
import dev.portcullis.auth.api.error.IdentifierTakenException;
import dev.portcullis.auth.api.error.NotFoundException;
import dev.portcullis.auth.api.error.PasswordPolicyException;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.account.AccountService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class AuthTestKitTest {

  private final StubAuthModule stub = new StubAuthModule();
  private final Injector injector = StrictInjector.of(stub);
  private final AuthTestKit kit = injector.getInstance(AuthTestKit.class);
  private User alice;

  @BeforeEach
  void createAlice() {
    alice = kit.createUser("  Alice@Example.com ", "reader", "writer");
  }

  @Test
  void createUser_registersThroughTheCore_normalisingTheIdentifier() {
    assertThat(alice.identifier()).isEqualTo("alice@example.com");
    assertThat(alice.roles()).containsExactlyInAnyOrder("reader", "writer");
    assertThat(kit.authenticate("alice@example.com", AuthTestKit.PASSWORD)).isOk();
    assertThat(kit.events(AuthEvent.Registered.class)).hasSize(1);
  }

  @Test
  void createUser_twice_throwsTheMatchingException() {
    assertThatThrownBy(() -> kit.createUser("alice@example.com"))
        .isInstanceOf(IdentifierTakenException.class);
  }

  @Test
  void createUser_appliesThePasswordPolicy() {
    assertThatThrownBy(() -> kit.createUser("bob@example.com", "short", Set.of()))
        .isInstanceOf(PasswordPolicyException.class);
  }

  @Test
  void login_issuesTokensWithTheUsersRoles() {
    String access = kit.login("alice@example.com", AuthTestKit.PASSWORD).unwrap().accessToken();

    assertThat(kit.verify(access).unwrap())
        .isFor(alice)
        .hasExactlyRoles("reader", "writer")
        .hasAudience(StubAuthModule.AUDIENCE)
        .hasIssuer(StubAuthModule.ISSUER)
        .expiresAt(StubAuthModule.DEFAULT_START.plus(Duration.ofMinutes(15)));
  }

  @Test
  void lock_locksForThePolicysDuration_andUnlockClearsIt() {
    LockStatus lock = kit.lock("ALICE@example.com");

    assertThat(lock.lockedUntil()).isEqualTo(kit.now().plus(Duration.ofMinutes(5)));
    assertThat(kit.lockStatus("alice@example.com").locked()).isTrue();
    assertThat(kit.login("alice@example.com", AuthTestKit.PASSWORD))
        .isErr()
        .isLockedUntil(lock.lockedUntil());

    kit.unlock("alice@example.com");
    assertThat(kit.login("alice@example.com", AuthTestKit.PASSWORD)).isOk();
  }

  @Test
  void lock_ofALockedIdentifier_returnsTheExistingLock() {
    LockStatus first = kit.lock("alice@example.com");
    kit.advance(Duration.ofMinutes(1));

    assertThat(kit.lock("alice@example.com").lockedUntil()).isEqualTo(first.lockedUntil());
  }

  @Test
  void unlock_withoutALock_throwsNotFound() {
    assertThatThrownBy(() -> kit.unlock("alice@example.com")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void advance_movesTheInjectedClock() {
    Instant before = kit.now();

    assertThat(kit.advance(Duration.ofHours(1))).isEqualTo(before.plus(Duration.ofHours(1)));
    assertThat(kit.now()).isEqualTo(stub.clock().instant());
  }

  @Test
  void validToken_verifies() {
    assertThat(kit.verify(kit.tokens().valid(alice))).isOk();
  }

  @Test
  void eachBadToken_failsForItsOwnReason() {
    assertThat(kit.verify(kit.tokens().expired(alice)))
        .isErr()
        .hasTokenFailure(TokenFailure.EXPIRED);
    assertThat(kit.verify(kit.tokens().notYetValid(alice)))
        .isErr()
        .hasTokenFailure(TokenFailure.NOT_YET_VALID);
    assertThat(kit.verify(kit.tokens().revoked(alice)))
        .isErr()
        .hasTokenFailure(TokenFailure.REVOKED);
    assertThat(kit.verify(kit.tokens().wrongAudience(alice)))
        .isErr()
        .hasTokenFailure(TokenFailure.AUDIENCE);
    assertThat(kit.verify(kit.tokens().foreignSigned(alice)))
        .isErr()
        .hasTokenFailure(TokenFailure.SIGNATURE);
    assertThat(kit.verify(kit.tokens().refresh(alice))).isErr().hasTokenFailure(TokenFailure.TYPE);
  }

  @Test
  void badTokens_failOnlyForTheirOwnReason() {
    assertThat(kit.inspect(kit.tokens().expired(alice)))
        .failsWith("token_expired")
        .satisfies(r -> assertThat(r.findings()).hasSize(1));
    assertThat(kit.inspect(kit.tokens().wrongAudience(alice)))
        .failsWith("token_audience")
        .satisfies(r -> assertThat(r.findings()).hasSize(1));
    assertThat(kit.inspect(kit.tokens().foreignSigned(alice)))
        .failsWith("token_signature")
        .satisfies(r -> assertThat(r.findings()).hasSize(1));
  }

  @Test
  void expiredToken_liesJustBeyondTheLeeway() {
    String token = kit.tokens().expired(alice);
    long exp = kit.now().minusSeconds(60 + 60).getEpochSecond();

    assertThat(kit.inspect(token)).hasClaim("exp", exp).hasClaim("sub", alice.id());
  }

  @Test
  void builder_mintsCustomClaims_thatTheServiceAccepts() {
    String token =
        kit.tokens()
            .forUser(alice)
            .roles("admin")
            .claim("tenant", "acme")
            .claim("limits", Map.of("notes", 10))
            .lifetime(Duration.ofMinutes(2))
            .sign();

    Principal principal = kit.verify(token).unwrap();
    assertThat(principal)
        .hasExactlyRoles("admin")
        .hasClaim("tenant", "acme")
        .hasClaim("limits", Map.of("notes", 10))
        .expiresAt(kit.now().plus(Duration.ofMinutes(2)));
  }

  @Test
  void builder_canBreakAnyClaim() {
    assertThat(kit.verify(kit.tokens().forSubject("ghost").issuer("https://evil.test").sign()))
        .isErr("token_issuer");
    assertThat(kit.verify(kit.tokens().forUser(alice).keyId("unknown").sign()))
        .isErr("token_unknown_key");
    assertThat(kit.verify(kit.tokens().forUser(alice).sessionId(null).sign()))
        .isErr("token_missing_claim");
    assertThat(kit.verify(kit.tokens().forUser(alice).type(null).sign())).isErr("token_type");
    assertThat(kit.verify(kit.tokens().forUser(alice).audience().sign()))
        .isErr("token_missing_claim");
    assertThat(kit.verify(kit.tokens().forUser(alice).issuedAt(kit.now().plusSeconds(3600)).sign()))
        .isErr("token_issued_in_future");
  }

  @Test
  void mintedTokens_useTheInjectedClock() {
    kit.advance(Duration.ofDays(3));
    String token = kit.tokens().valid(alice);

    assertThat(kit.verify(token).unwrap()).wasIssuedAt(kit.now());
  }

  @Test
  void requestPasswordReset_returnsTheTokenFromTheLink_whichResetsThePassword() {
    String token = kit.requestPasswordReset("alice@example.com");

    assertThat(kit.notifications()).singleElement().isInstanceOf(Notification.PasswordReset.class);
    assertThat(
            injector
                .getInstance(AccountService.class)
                .resetPassword(token, "a brand new passphrase"))
        .isOk();
    assertThat(kit.login("alice@example.com", "a brand new passphrase")).isOk();
  }

  @Test
  void disable_and_setRoles_changeTheStoredUser() {
    kit.setRoles(alice, "admin");
    kit.disable(alice);

    User stored = kit.reload(alice);
    assertThat(stored.roles()).containsExactly("admin");
    assertThat(stored.enabled()).isFalse();
  }

  @Test
  void events_recordWhatWasPublished() {
    kit.login("alice@example.com", "wrong");
    kit.login("alice@example.com", AuthTestKit.PASSWORD);

    assertThat(kit.events())
        .extracting(AuthEvent::type)
        .containsExactly("registered", "login_failed", "logged_in");
  }
}
