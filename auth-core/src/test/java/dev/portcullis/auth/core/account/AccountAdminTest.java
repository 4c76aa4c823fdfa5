package dev.portcullis.auth.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

final class AccountAdminTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String PASSWORD = "correct horse battery staple";

  private final TestClock clock = new TestClock(T0);
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final CountingHasher hasher = new CountingHasher();
  private final RecordingListener listener = new RecordingListener();
  private final List<String> revokedUsers = new CopyOnWriteArrayList<>();
  private final AuthEvents events = new AuthEvents(Set.of(listener));
  private final AccountService accounts =
      new AccountService(
          new Identifiers(320),
          stores.users,
          stores.sessions,
          stores.blacklist,
          stores.resetTokens,
          hasher,
          PasswordPolicies.nistDefaults(),
          n -> Result.ok(),
          stores.limiter,
          stores.tracker,
          AuthSettings.load(AuthConfig.load("", Map.of())),
          clock,
          events);
  private final AccountAdmin admin =
      new AccountAdmin(
          new Identifiers(320),
          stores.users,
          hasher,
          PasswordPolicies.nistDefaults(),
          new RevokeAllRecorder(),
          clock,
          events,
          accounts);

  @Test
  void create_storesAnAccountWhoseAddressTheOperatorVouchesFor() {
    User u = admin.create("Ada@Example.com", PASSWORD, "Ada", Set.of("admin")).unwrap();

    assertThat(u.identifier()).isEqualTo("ada@example.com");
    assertThat(u.emailVerified()).isTrue();
    assertThat(u.roles()).containsExactly("admin");
    assertThat(stores.users.hashOf(u.id())).isEqualTo("$plain$v2$" + PASSWORD);
    assertThat(listener.types()).containsExactly("registered");
  }

  @Test
  void create_refusesAWeakPasswordAndANonAddress_storingNothing() {
    assertThat(admin.create("ada@example.com", "short", null, Set.of()).failure().orElseThrow())
        .extracting(e -> e.code())
        .isEqualTo("password_policy");
    assertThat(admin.create("ada", PASSWORD, null, Set.of()).failure().orElseThrow())
        .extracting(e -> e.code())
        .isEqualTo("invalid_request");
    assertThat(admin.list(0, 10).unwrap()).isEmpty();
  }

  @Test
  void upsert_createsAnAccountNobodyCanLogInTo_thenFindsIt() {
    AccountAdmin.Synced first = admin.upsert("ada@example.com", "Ada", "192.0.2.1").unwrap();
    AccountAdmin.Synced again = admin.upsert("ADA@example.com", null, "192.0.2.1").unwrap();

    assertThat(first.created()).isTrue();
    assertThat(first.passwordRemoved()).isFalse();
    assertThat(again.created()).isFalse();
    assertThat(again.user().id()).isEqualTo(first.user().id());
    assertThat(again.passwordRemoved()).isFalse();
  }

  @Test
  void upsert_ofAnAccountWithAnUnprovenAddress_removesThePasswordItWasRegisteredWith() {
    User squatter = accounts.register(Registration.of("ada@example.com", PASSWORD)).unwrap();
    String squattersHash = stores.users.hashOf(squatter.id());

    AccountAdmin.Synced synced = admin.upsert("ada@example.com", null, null).unwrap();

    assertThat(synced.created()).isFalse();
    assertThat(synced.passwordRemoved()).isTrue();
    assertThat(synced.user().emailVerified()).isTrue();
    assertThat(stores.users.hashOf(squatter.id())).isNotEqualTo(squattersHash);
  }

  @Test
  void setEnabled_false_disablesTheAccountAndRevokesEveryTokenOfIt() {
    User u = admin.create("ada@example.com", PASSWORD, null, Set.of()).unwrap();

    User disabled = admin.setEnabled("Ada@example.com", false).unwrap();

    assertThat(disabled.enabled()).isFalse();
    assertThat(stores.users.findById(u.id()).orElseThrow().user().enabled()).isFalse();
    assertThat(revokedUsers).containsExactly(u.id());
    assertThat(admin.setEnabled("ada@example.com", true).unwrap().enabled()).isTrue();
    assertThat(revokedUsers).containsExactly(u.id());
    assertThat(admin.setEnabled("nobody@example.com", false).failure().orElseThrow().code())
        .isEqualTo("not_found");
  }

  @Test
  void aStoreThatCannotAnswerGivesServiceUnavailable() {
    stores.down = true;

    assertThat(admin.list(0, 10).failure().orElseThrow().code()).isEqualTo("service_unavailable");
    assertThat(admin.upsert("ada@example.com", null, null).failure().orElseThrow().code())
        .isEqualTo("service_unavailable");
    assertThat(admin.setEnabled("ada@example.com", false).failure().orElseThrow().code())
        .isEqualTo("service_unavailable");
  }

  /** Records revokeAll; nothing else is used by AccountAdmin. */
  private final class RevokeAllRecorder implements TokenService {
    @Override
    public Result<Void> revokeAll(String userId) {
      revokedUsers.add(userId);
      return Result.ok();
    }

    @Override
    public Result<TokenPair> issue(Authentication authentication) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result<Principal> verify(String accessToken) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result<TokenPair> refresh(String refreshToken) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result<Void> revoke(Principal principal) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result<Void> revokeSession(String userId, String sessionId) {
      throw new UnsupportedOperationException();
    }
  }
}
