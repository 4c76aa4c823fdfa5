package dev.portcullis.auth.testkit.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.AuthTestKit;
import dev.portcullis.auth.testkit.StrictInjector;
import dev.portcullis.auth.testkit.StubAuthModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A login checks the password (tens of milliseconds of hashing), then starts a session. A password
 * change, a reset or a disable that lands between the two, or between creating the session and
 * minting its tokens, must leave nothing usable: the hooks below run the competing use case at
 * exactly those points.
 */
final class CredentialChangeDuringLoginTest {
  private static final String OLD = "correct horse battery staple";
  private static final String NEW = "a brand new and rather long passphrase";

  private final StubAuthModule stub = new StubAuthModule();
  private final HookedSessions sessions = new HookedSessions(stub);
  private Injector injector;
  private User alice;

  @BeforeEach
  void setUp() {
    injector =
        StrictInjector.of(
            Modules.override(stub)
                .with(
                    new AbstractModule() {
                      @Override
                      protected void configure() {
                        bind(SessionStore.class).toInstance(sessions);
                      }
                    }));
    alice =
        injector
            .getInstance(AccountService.class)
            .register(Registration.of("alice@example.com", OLD))
            .unwrap();
  }

  private Authentication checkOldPassword() {
    return injector
        .getInstance(Authenticator.class)
        .authenticate(LoginRequest.of("alice@example.com", OLD))
        .unwrap();
  }

  private void changePassword() {
    injector.getInstance(AccountService.class).changePassword(alice.id(), OLD, NEW, null).unwrap();
  }

  private Result<TokenPair> issue(Authentication authentication) {
    return injector.getInstance(TokenService.class).issue(authentication);
  }

  private List<Session> activeSessions() {
    return sessions.listActive(alice.id(), stub.clock().instant());
  }

  @Test
  void aChangeBetweenThePasswordCheckAndTheSession_leavesNoSession() {
    Authentication checked = checkOldPassword();
    changePassword();

    Result<TokenPair> tokens = issue(checked);

    assertThat(tokens.failure().orElseThrow().code()).isEqualTo("invalid_credentials");
    assertThat(activeSessions()).isEmpty();
  }

  @Test
  void aChangeRightAfterTheSessionIsCreated_endsItAndItsTokens() {
    Authentication checked = checkOldPassword();
    sessions.afterCreate = this::changePassword;

    Result<TokenPair> tokens = issue(checked);

    assertThat(tokens.failure().orElseThrow().code()).isEqualTo("invalid_credentials");
    assertThat(activeSessions()).isEmpty();
  }

  @Test
  void aChangeRightBeforeTheSessionIsCreated_leavesNoSession() {
    Authentication checked = checkOldPassword();
    sessions.beforeCreate = this::changePassword;

    assertThat(issue(checked).isErr()).isTrue();
    assertThat(activeSessions()).isEmpty();
  }

  @Test
  void aResetDuringTheLogin_leavesNoSession() {
    AccountService accounts = injector.getInstance(AccountService.class);
    String link = injector.getInstance(AuthTestKit.class).requestPasswordReset("alice@example.com");
    Authentication checked = checkOldPassword();
    sessions.afterCreate = () -> accounts.resetPassword(link, NEW).unwrap();

    assertThat(issue(checked).isErr()).isTrue();
    assertThat(activeSessions()).isEmpty();
  }

  @Test
  void aUserDisabledDuringTheLogin_getsNoTokens() {
    Authentication checked = checkOldPassword();
    sessions.afterCreate =
        () -> injector.getInstance(UserStore.class).setEnabled(alice.id(), false);

    assertThat(issue(checked).failure().orElseThrow().code()).isEqualTo("invalid_credentials");
    assertThat(activeSessions()).isEmpty();
  }

  @Test
  void withoutInterference_theLoginGetsItsSession() {
    Result<TokenPair> tokens = issue(checkOldPassword());

    assertThat(tokens.isOk()).isTrue();
    assertThat(activeSessions()).hasSize(1);
    assertThat(
            injector.getInstance(TokenService.class).verify(tokens.unwrap().accessToken()).isOk())
        .isTrue();
  }

  @Test
  void aSessionThatOutlivedAHalfFailedChange_endsAtItsNextRefresh() {
    TokenPair strangers = issue(checkOldPassword()).unwrap();
    // The new password is stored, then ending the other sessions fails: the change answers
    // service_unavailable, and the stranger's session is still there.
    sessions.listActiveFails = true;
    Result<Void> change =
        injector.getInstance(AccountService.class).changePassword(alice.id(), OLD, NEW, null);
    assertThat(change.failure().orElseThrow().code()).isEqualTo("service_unavailable");
    assertThat(activeSessions()).hasSize(1);

    Result<TokenPair> refreshed =
        injector.getInstance(TokenService.class).refresh(strangers.refreshToken());

    assertThat(refreshed.failure().orElseThrow().code()).isEqualTo("invalid_credentials");
    assertThat(activeSessions()).isEmpty();
    assertThat(injector.getInstance(TokenService.class).verify(strangers.accessToken()).isErr())
        .isTrue();
  }

  @Test
  void theSessionThatChangedThePassword_keepsRefreshing_theOthersDoNot() {
    TokenPair mine = issue(checkOldPassword()).unwrap();
    TokenPair other = issue(checkOldPassword()).unwrap();

    injector
        .getInstance(AccountService.class)
        .changePassword(alice.id(), OLD, NEW, mine.sessionId())
        .unwrap();

    TokenService tokens = injector.getInstance(TokenService.class);
    assertThat(tokens.refresh(mine.refreshToken()).isOk()).isTrue();
    assertThat(tokens.refresh(other.refreshToken()).isErr()).isTrue();
  }

  /** The in-memory session store with a hook before and after {@link #create}. */
  static final class HookedSessions implements SessionStore {
    private final SessionStore delegate;
    volatile Runnable beforeCreate;
    volatile Runnable afterCreate;
    volatile boolean listActiveFails;

    HookedSessions(StubAuthModule stub) {
      this.delegate = MemoryStores.sessionStore(stub.clock());
    }

    private static void runOnce(Runnable hook) {
      if (hook != null) {
        hook.run();
      }
    }

    @Override
    public void create(Session session) {
      Runnable before = beforeCreate;
      beforeCreate = null;
      runOnce(before);
      delegate.create(session);
      Runnable after = afterCreate;
      afterCreate = null;
      runOnce(after);
    }

    @Override
    public Optional<Session> find(String sessionId) {
      return delegate.find(sessionId);
    }

    @Override
    public RefreshRotation rotateRefreshToken(
        String sessionId,
        String presentedTokenId,
        String nextTokenId,
        Instant now,
        Instant nextExpiresAt,
        Duration retryGrace) {
      return delegate.rotateRefreshToken(
          sessionId, presentedTokenId, nextTokenId, now, nextExpiresAt, retryGrace);
    }

    @Override
    public boolean setCredentialsVersion(String sessionId, long credentialsVersion) {
      return delegate.setCredentialsVersion(sessionId, credentialsVersion);
    }

    @Override
    public List<Session> listActive(String userId, Instant now) {
      if (listActiveFails) {
        listActiveFails = false;
        throw new ServiceUnavailableException(
            new AuthError.ServiceUnavailable("test session store", "switched off by the test"));
      }
      return delegate.listActive(userId, now);
    }

    @Override
    public boolean revoke(String sessionId, Instant at) {
      return delegate.revoke(sessionId, at);
    }

    @Override
    public int revokeAllForUser(String userId, Instant at, String keepSessionId) {
      return delegate.revokeAllForUser(userId, at, keepSessionId);
    }

    @Override
    public int purge(Instant cutoff) {
      return delegate.purge(cutoff);
    }
  }
}
