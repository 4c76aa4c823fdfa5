package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.jwt.internal.JwtTokenService;
import dev.portcullis.auth.jwt.testing.Fixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A refresh answers revocation from the session row, not from the blacklist: every revocation shows
 * on the row, and the one race the row alone would miss (a login's session created just after log
 * out everywhere ended the user's sessions) is closed when the session starts.
 */
final class RefreshRevocationTest {

  /**
   * {@code delegate}, with {@code before} run before each call of the method named {@code name}.
   */
  private static <T> T hooked(Class<T> port, T delegate, String name, Runnable before) {
    return port.cast(
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (p, method, args) -> {
              if (method.getName().equals(name)) {
                before.run();
              }
              try {
                return method.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  private static TokenService service(Fixture f, SessionStore sessions, TokenBlacklist blacklist) {
    AuthEventListener ignored = e -> {};
    return new JwtTokenService(
        f.settings,
        f.ring,
        f.verifier,
        sessions,
        blacklist,
        f.stores.users,
        new AuthEvents(Set.of(ignored)),
        TokenClaims.none(),
        f.clock);
  }

  @Test
  void refresh_neverAsksTheBlacklist() {
    Fixture f = Fixture.create();
    AtomicInteger checks = new AtomicInteger();
    TokenBlacklist counted =
        hooked(TokenBlacklist.class, f.stores.blacklist, "check", checks::incrementAndGet);
    TokenService service = service(f, f.stores.sessions, counted);
    User alice = f.stores.addUser("alice", Set.of());
    TokenPair pair =
        service.issue(new Authentication(alice, 0, f.clock.instant(), null, null)).unwrap();
    f.clock.advance(Duration.ofSeconds(1));
    checks.set(0);

    assertThat(service.refresh(pair.refreshToken()).isOk()).isTrue();
    assertThat(checks).hasValue(0);
  }

  @Test
  void refresh_ofASessionEndedOnlyInTheSessionStore_isRevoked() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    f.clock.advance(Duration.ofSeconds(1));

    f.stores.sessions.revoke(pair.sessionId(), f.clock.instant());

    assertThat(code(f.service.refresh(pair.refreshToken()))).isEqualTo("token_revoked");
  }

  @Test
  void issue_racingLogOutEverywhere_leavesNoSessionThatOutlivesIt() {
    Fixture f = Fixture.create();
    User alice = f.stores.addUser("alice", Set.of());
    AtomicReference<TokenService> service = new AtomicReference<>();
    // Log out everywhere runs whole between the login's clock reading and its session's creation:
    // it ends every session that exists, which is not yet this one.
    SessionStore racing =
        hooked(
            SessionStore.class,
            f.stores.sessions,
            "create",
            () -> service.get().revokeAll("alice").unwrap());
    service.set(service(f, racing, f.stores.blacklist));

    Result<TokenPair> issued =
        service.get().issue(new Authentication(alice, 0, f.clock.instant(), null, null));

    assertThat(code(issued)).isEqualTo("invalid_credentials");
    assertThat(f.stores.sessions.listActive("alice", f.clock.instant())).isEmpty();
  }

  @Test
  void issue_afterLogOutEverywhere_startsASessionThatRefreshes() {
    Fixture f = Fixture.create();
    User alice = f.stores.addUser("alice", Set.of());
    f.service.revokeAll("alice").unwrap();
    f.clock.advance(Duration.ofMillis(1));

    TokenPair pair =
        f.service.issue(new Authentication(alice, 0, f.clock.instant(), null, null)).unwrap();
    f.clock.advance(Duration.ofSeconds(1));

    assertThat(f.service.refresh(pair.refreshToken()).isOk()).isTrue();
  }
}
