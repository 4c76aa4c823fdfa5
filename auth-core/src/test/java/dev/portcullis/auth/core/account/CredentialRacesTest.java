package dev.portcullis.auth.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.PasswordContext;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.CountingHasher;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.login.Identifiers;
import dev.portcullis.auth.core.policy.PasswordPolicies;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.AuthSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password changes and resets interleaved at their most dangerous points, deterministically: a hook
 * in the policy or the hasher runs the competing use case between the steps of the first one.
 */
final class CredentialRacesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String PASSWORD = "correct horse battery staple";
  private static final String VICTIMS_NEW = "the victim's brand new passphrase";
  private static final String ATTACKERS = "the attacker's chosen passphrase";

  private final TestClock clock = new TestClock(T0);
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final List<Notification> sent = new ArrayList<>();

  /** Runs once, the first time the policy checks (or the hasher hashes) the keyed password. */
  private final Map<String, Runnable> duringPolicyCheck = new HashMap<>();

  private final Map<String, Runnable> duringHashing = new HashMap<>();

  /** Runs once, at the next hash of any password. */
  private Runnable duringNextHash;

  private AccountService accounts;
  private User alice;

  @BeforeEach
  void setUp() {
    AuthSettings settings =
        AuthSettings.load(
            AuthConfig.load(
                "auth.reset.link-template = \"https://app.example/reset?t={token}\"", Map.of()));
    PasswordPolicy nist = PasswordPolicies.nistDefaults();
    PasswordPolicy hookedPolicy =
        (String password, PasswordContext context) -> {
          Runnable hook = duringPolicyCheck.remove(password);
          if (hook != null) {
            hook.run();
          }
          return nist.check(password, context);
        };
    CountingHasher plain = new CountingHasher();
    PasswordHasher hookedHasher =
        new PasswordHasher() {
          @Override
          public String hash(CharSequence password) {
            Runnable hook = duringHashing.remove(password.toString());
            if (hook == null) {
              hook = duringNextHash;
            }
            duringNextHash = null;
            if (hook != null) {
              hook.run();
            }
            return plain.hash(password);
          }

          @Override
          public boolean verify(CharSequence password, String encodedHash) {
            return plain.verify(password, encodedHash);
          }

          @Override
          public boolean needsRehash(String encodedHash) {
            return plain.needsRehash(encodedHash);
          }

          @Override
          public boolean supports(String encodedHash) {
            return plain.supports(encodedHash);
          }
        };
    accounts =
        new AccountService(
            new Identifiers(320),
            stores.users,
            stores.sessions,
            stores.blacklist,
            stores.resetTokens,
            hookedHasher,
            hookedPolicy,
            n -> {
              sent.add(n);
              return Result.ok();
            },
            stores.limiter,
            stores.tracker,
            settings,
            clock,
            new AuthEvents(Set.of()));
    alice = accounts.register(Registration.of("alice@example.com", PASSWORD)).unwrap();
  }

  private String requestLink() {
    sent.clear();
    accounts.requestPasswordReset("alice@example.com", "192.0.2.1").unwrap();
    Notification.PasswordReset reset = (Notification.PasswordReset) sent.get(0);
    return reset.link().substring(reset.link().indexOf("t=") + 2);
  }

  private String storedHash() {
    return stores.users.hashOf(alice.id());
  }

  private void victimChangesPassword() {
    accounts.changePassword(alice.id(), PASSWORD, VICTIMS_NEW, null).unwrap();
  }

  @Test
  void aLinkRefusedForItsPassword_isDeadAfterAChangeThatRanWhileItWasChecked() {
    String leaked = requestLink();
    // The attacker keeps the link busy with a password the policy refuses; the victim changes
    // the password exactly while that check runs.
    duringPolicyCheck.put("short", this::victimChangesPassword);

    assertThat(accounts.resetPassword(leaked, "short").failure().orElseThrow().code())
        .isEqualTo("password_policy");
    Result<Void> later = accounts.resetPassword(leaked, ATTACKERS);

    assertThat(later.failure().orElseThrow().code()).isEqualTo("reset_token_invalid");
    assertThat(storedHash()).endsWith(VICTIMS_NEW);
  }

  @Test
  void aChangeThatLandsWhileAResetHashes_winsAndTheResetFails() {
    String leaked = requestLink();
    duringHashing.put(ATTACKERS, this::victimChangesPassword);

    Result<Void> reset = accounts.resetPassword(leaked, ATTACKERS);

    assertThat(reset.failure().orElseThrow().code()).isEqualTo("reset_token_invalid");
    assertThat(storedHash()).endsWith(VICTIMS_NEW);
    assertThat(accounts.resetPassword(leaked, ATTACKERS).isErr()).isTrue();
  }

  @Test
  void aLinkIssuedBeforeAChange_isDeadAfterIt() {
    String leaked = requestLink();
    victimChangesPassword();

    assertThat(accounts.resetPassword(leaked, ATTACKERS).failure().orElseThrow().code())
        .isEqualTo("reset_token_invalid");
    assertThat(storedHash()).endsWith(VICTIMS_NEW);
  }

  @Test
  void twoLinksUsedAtOnce_onlyTheFirstToSetThePasswordWins() {
    String first = requestLink();
    String second = requestLink();
    duringHashing.put(ATTACKERS, () -> accounts.resetPassword(second, VICTIMS_NEW).unwrap());

    Result<Void> slower = accounts.resetPassword(first, ATTACKERS);

    assertThat(slower.failure().orElseThrow().code()).isEqualTo("reset_token_invalid");
    assertThat(storedHash()).endsWith(VICTIMS_NEW);
  }

  @Test
  void aRefusedPassword_leavesTheLinkUsableAndNothingIsGivenBack() {
    String link = requestLink();

    assertThat(accounts.resetPassword(link, "short").isErr()).isTrue();
    assertThat(accounts.resetPassword(link, VICTIMS_NEW).isOk()).isTrue();
    assertThat(accounts.resetPassword(link, ATTACKERS).failure().orElseThrow().code())
        .isEqualTo("reset_token_invalid");
    assertThat(storedHash()).endsWith(VICTIMS_NEW);
  }

  @Test
  void aResetThatLandsWhileAChangeChecksTheCurrentPassword_winsAndTheChangeFails() {
    String link = requestLink();
    duringHashing.put(
        "the changer's new passphrase", () -> accounts.resetPassword(link, VICTIMS_NEW).unwrap());

    Result<Void> change =
        accounts.changePassword(alice.id(), PASSWORD, "the changer's new passphrase", null);

    assertThat(change.failure().orElseThrow().code()).isEqualTo("invalid_credentials");
    assertThat(storedHash()).endsWith(VICTIMS_NEW);
  }

  @Test
  void aCompletedReset_provesTheAddress() {
    assertThat(alice.emailVerified()).isFalse();

    accounts.resetPassword(requestLink(), VICTIMS_NEW).unwrap();

    assertThat(stores.users.findById(alice.id()).orElseThrow().user().emailVerified()).isTrue();
  }

  @Test
  void provingTheAddressOfAnUnprovenAccount_removesItsPasswordAndEndsItsSessions() {
    stores.sessions.create(
        Session.start("s-stranger", alice.id(), "r1", T0, T0.plusSeconds(3600), null, null, 0));

    assertThat(accounts.proveEmail(alice.id()).unwrap()).isTrue();

    assertThat(storedHash()).doesNotEndWith(PASSWORD);
    assertThat(stores.users.findById(alice.id()).orElseThrow().user().emailVerified()).isTrue();
    assertThat(stores.sessions.find("s-stranger").orElseThrow().isActive(T0)).isFalse();
    assertThat(stores.blacklist.revokedSessions).containsKey("s-stranger");
    assertThat(accounts.changePassword(alice.id(), PASSWORD, VICTIMS_NEW, null).isErr()).isTrue();

    assertThat(accounts.proveEmail(alice.id()).unwrap())
        .as("a proven address is not proven again")
        .isFalse();
  }

  @Test
  void provingTheAddress_alsoRemovesAPasswordSetWhileItRan() {
    // The stranger changes his password exactly while the removal hashes its random password: the
    // removal's compare-and-set fails, it reads again and removes the new password too.
    duringNextHash = () -> accounts.changePassword(alice.id(), PASSWORD, ATTACKERS, null).unwrap();

    assertThat(accounts.proveEmail(alice.id()).unwrap()).isTrue();

    assertThat(stores.users.findById(alice.id()).orElseThrow().credentialsVersion()).isEqualTo(2);
    assertThat(storedHash()).doesNotEndWith(ATTACKERS).doesNotEndWith(PASSWORD);
  }
}
