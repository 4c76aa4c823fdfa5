package dev.portcullis.auth.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.CountingHasher;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.RecordingListener;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.login.Identifiers;
import dev.portcullis.auth.core.policy.PasswordPolicies;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.AuthSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class AccountServiceTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String PASSWORD = "correct horse battery staple";
  private static final String NEW_PASSWORD = "a brand new passphrase here";

  private final TestClock clock = new TestClock(T0);
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final CountingHasher hasher = new CountingHasher();
  private final RecordingListener listener = new RecordingListener();
  private final List<Notification> sent = new CopyOnWriteArrayList<>();
  private final NotificationSender sender =
      n -> {
        sent.add(n);
        return Result.ok();
      };
  private AccountService accounts;

  @BeforeEach
  void setUp() {
    AuthSettings settings =
        AuthSettings.load(
            AuthConfig.load(
                "auth.reset.link-template = \"https://app.example/reset?t={token}\"", Map.of()));
    accounts =
        new AccountService(
            new Identifiers(320),
            stores.users,
            stores.sessions,
            stores.blacklist,
            stores.resetTokens,
            hasher,
            PasswordPolicies.nistDefaults(),
            sender,
            stores.limiter,
            stores.tracker,
            settings,
            clock,
            new AuthEvents(Set.of(listener)));
  }

  private User registerAlice() {
    return accounts.register(Registration.of("Alice@Example.com", PASSWORD)).unwrap();
  }

  private String sentToken() {
    Notification.PasswordReset reset = (Notification.PasswordReset) sent.get(0);
    return reset.link().substring(reset.link().indexOf("t=") + 2);
  }

  @Test
  void register_storesANormalisedHashedUserAndEmitsRegistered() {
    User u = registerAlice();

    assertThat(u.identifier()).isEqualTo("alice@example.com");
    assertThat(u.email()).isEqualTo("alice@example.com");
    assertThat(u.enabled()).isTrue();
    assertThat(stores.users.hashOf(u.id())).isEqualTo("$plain$v2$" + PASSWORD);
    assertThat(listener.types()).containsExactly("registered");
  }

  @Test
  void register_fromFortyAddressesOfOneIpv6Network_sharesOneBudget() {
    int created = 0;
    for (int i = 0; i < 40; i++) {
      Registration r =
          new Registration(
              "user" + i + "@example.com", PASSWORD, null, Set.of(), "2001:db8:1:2::" + (i + 1));
      if (accounts.register(r).isOk()) {
        created++;
      }
    }
    Result<User> otherNetwork =
        accounts.register(
            new Registration("other@example.com", PASSWORD, null, Set.of(), "2001:db8:1:3::1"));

    assertThat(created).as("register = 10/hour per /64").isEqualTo(10);
    assertThat(otherNetwork.isOk()).isTrue();
  }

  @Test
  void requestPasswordReset_fromOneIpv6Network_sharesOneBudget() {
    registerAlice();
    long allowed =
        java.util.stream.IntStream.range(0, 20)
            .filter(
                i ->
                    accounts
                        .requestPasswordReset("alice@example.com", "2001:db8:9:9::" + (i + 1))
                        .isOk())
            .count();

    assertThat(allowed).as("password-forgot = 5/hour per /64").isEqualTo(5);
  }

  @Test
  void register_twiceIsIdentifierTaken() {
    registerAlice();

    Result<User> again = accounts.register(Registration.of("alice@example.com ", PASSWORD));

    assertThat(again.failure().orElseThrow()).isEqualTo(AuthError.of(ErrorKind.IDENTIFIER_TAKEN));
  }

  @Test
  void register_withAWeakPasswordListsEveryViolationAndStoresNothing() {
    Result<User> r = accounts.register(Registration.of("bob@example.com", "bob"));

    AuthError.PasswordPolicyViolated e =
        (AuthError.PasswordPolicyViolated) r.failure().orElseThrow();
    assertThat(e.violations())
        .extracting(v -> v.code())
        .containsExactly("too_short", "contains_personal_info");
    assertThat(stores.users.list(0, 10)).isEmpty();
    assertThat(hasher.hashes.get()).isZero();
  }

  @Test
  void changePassword_needsTheCurrentOneAndEndsOtherSessions() {
    User u = registerAlice();
    stores.sessions.create(
        Session.start("s-keep", u.id(), "r1", T0, T0.plusSeconds(3600), null, null, 0));
    stores.sessions.create(
        Session.start("s-other", u.id(), "r2", T0, T0.plusSeconds(3600), null, null, 0));

    Result<Void> wrong = accounts.changePassword(u.id(), "not it", NEW_PASSWORD, "s-keep");
    Result<Void> right = accounts.changePassword(u.id(), PASSWORD, NEW_PASSWORD, "s-keep");

    assertThat(wrong.failure().orElseThrow().code()).isEqualTo("invalid_credentials");
    assertThat(right.isOk()).isTrue();
    assertThat(stores.users.hashOf(u.id())).isEqualTo("$plain$v2$" + NEW_PASSWORD);
    assertThat(stores.sessions.find("s-keep").orElseThrow().revokedAt()).isNull();
    assertThat(stores.sessions.find("s-keep").orElseThrow().credentialsVersion())
        .as("the kept session carries over to the new credentials")
        .isEqualTo(1);
    assertThat(stores.sessions.find("s-other").orElseThrow().revokedAt()).isEqualTo(T0);
    assertThat(stores.blacklist.revokedSessions).containsOnlyKeys("s-other");
    assertThat(listener.types()).contains("password_changed");
    assertThat(sent).singleElement().isInstanceOf(Notification.PasswordChanged.class);
  }

  @Test
  void changePassword_toAWeakOneIsRefusedAndKeepsTheOld() {
    User u = registerAlice();

    Result<Void> r = accounts.changePassword(u.id(), PASSWORD, "short", null);

    assertThat(r.failure().orElseThrow().code()).isEqualTo("password_policy");
    assertThat(stores.users.hashOf(u.id())).isEqualTo("$plain$v2$" + PASSWORD);
  }

  @Test
  void forgot_answersTheSameForUnknownIdentifiersAndSendsNothing() {
    registerAlice();

    Result<Void> unknown = accounts.requestPasswordReset("nobody@example.com", "10.0.0.1");

    assertThat(unknown.isOk()).isTrue();
    assertThat(sent).isEmpty();
    assertThat(stores.resetTokens.byHash).isEmpty();
  }

  @Test
  void reset_tokenIsStoredOnlyAsItsSha256AndWorksOnce() {
    User u = registerAlice();
    stores.sessions.create(
        Session.start("s1", u.id(), "r1", T0, T0.plusSeconds(3600), null, null, 0));
    accounts.requestPasswordReset("alice@example.com", "10.0.0.1");
    String token = sentToken();

    assertThat(token).hasSize(43); // 256 bits, base64url without padding
    assertThat(stores.resetTokens.byHash).containsOnlyKeys(ResetLinks.sha256Hex(token));
    assertThat(accounts.resetPassword(token, NEW_PASSWORD).isOk()).isTrue();
    assertThat(stores.users.hashOf(u.id())).isEqualTo("$plain$v2$" + NEW_PASSWORD);
    assertThat(stores.sessions.find("s1").orElseThrow().revokedAt()).isEqualTo(T0);
    assertThat(accounts.resetPassword(token, "yet another passphrase").failure().orElseThrow())
        .isEqualTo(AuthError.of(ErrorKind.RESET_TOKEN_INVALID));
    assertThat(listener.types()).contains("password_reset_requested", "password_reset_completed");
  }

  @Test
  void reset_tokenExpiresAfterAnHour() {
    registerAlice();
    accounts.requestPasswordReset("alice@example.com", null);
    clock.advance(Duration.ofHours(1));

    assertThat(accounts.resetPassword(sentToken(), NEW_PASSWORD).failure().orElseThrow().code())
        .isEqualTo("reset_token_invalid");
  }

  @Test
  void reset_withAWeakPasswordKeepsTheTokenUsable() {
    registerAlice();
    accounts.requestPasswordReset("alice@example.com", null);
    String token = sentToken();

    assertThat(accounts.resetPassword(token, "weak").failure().orElseThrow().code())
        .isEqualTo("password_policy");
    assertThat(accounts.resetPassword(token, NEW_PASSWORD).isOk()).isTrue();
  }

  @Test
  void reset_withGarbageTokensIsInvalid() {
    assertThat(accounts.resetPassword("", NEW_PASSWORD).isErr()).isTrue();
    assertThat(accounts.resetPassword("x".repeat(500), NEW_PASSWORD).failure().orElseThrow().code())
        .isEqualTo("reset_token_invalid");
  }

  @Test
  void forgot_isRateLimitedPerAddress() {
    registerAlice();
    for (int i = 0; i < 5; i++) {
      assertThat(accounts.requestPasswordReset("alice@example.com", "10.0.0.7").isOk()).isTrue();
    }

    assertThat(
            accounts
                .requestPasswordReset("alice@example.com", "10.0.0.7")
                .failure()
                .orElseThrow()
                .code())
        .isEqualTo("rate_limited");
  }

  @Test
  void storeDown_isServiceUnavailable() {
    stores.down = true;

    assertThat(
            accounts
                .register(Registration.of("c@example.com", PASSWORD))
                .failure()
                .orElseThrow()
                .code())
        .isEqualTo("service_unavailable");
    assertThat(accounts.requestPasswordReset("c@example.com", null).failure().orElseThrow().code())
        .isEqualTo("service_unavailable");
  }

  @Test
  void lockoutAdmin_listsAndClearsWithAnUnlockedEvent() {
    LockoutAdmin admin =
        new LockoutAdmin(
            stores.tracker, new Identifiers(320), clock, new AuthEvents(Set.of(listener)));
    for (int i = 0; i < 5; i++) {
      var g =
          (dev.portcullis.auth.api.model.AttemptReservation.Granted)
              stores.tracker.reserve("eve@example.com");
      stores.tracker.recordFailure(g);
    }

    assertThat(admin.activeLockouts().unwrap())
        .singleElement()
        .satisfies(s -> assertThat(s.key()).isEqualTo("eve@example.com"));
    assertThat(admin.clear(" EVE@example.com").isOk()).isTrue();
    assertThat(admin.activeLockouts().unwrap()).isEmpty();
    assertThat(admin.clear("eve@example.com").failure().orElseThrow().code())
        .isEqualTo("not_found");
    assertThat(listener.of(AuthEvent.Unlocked.class)).hasSize(1);
  }
}
