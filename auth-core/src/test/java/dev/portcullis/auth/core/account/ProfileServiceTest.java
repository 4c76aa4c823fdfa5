package dev.portcullis.auth.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ProfileServiceTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final TestClock clock = new TestClock(T0);
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final ProfileService profiles = new ProfileService(stores.users, stores.sessions, clock);

  private static Principal principal(String userId, String sessionId) {
    return new Principal(
        userId,
        sessionId,
        "https://issuer.test",
        List.of("api"),
        Set.of(),
        "jti",
        T0,
        T0.plusSeconds(900),
        Map.of());
  }

  private void addUser(String id) {
    stores
        .users
        .create(
            new NewUser(
                id, id + "@example.com", id + "@example.com", null, "h", Set.of(), T0, true))
        .unwrap();
  }

  @Test
  void account_ofAnEnabledUser_isTheUser() {
    addUser("ada");

    assertThat(profiles.account(principal("ada", "s1")).unwrap().email())
        .isEqualTo("ada@example.com");
  }

  @Test
  void account_ofADisabledOrDeletedUser_isTokenRevoked() {
    addUser("ada");
    stores.users.setEnabled("ada", false);

    assertThat(profiles.account(principal("ada", "s1")).failure().orElseThrow().code())
        .isEqualTo("token_revoked");
    assertThat(profiles.account(principal("nobody", "s1")).failure().orElseThrow().code())
        .isEqualTo("token_revoked");
  }

  @Test
  void activeSessions_listsTheUsersActiveSessionsOnly() {
    addUser("ada");
    stores.sessions.create(
        Session.start("s1", "ada", "r1", T0, T0.plus(Duration.ofDays(7)), null, null, 0));
    stores.sessions.create(
        Session.start("s2", "ada", "r2", T0, T0.plus(Duration.ofDays(7)), null, null, 0));
    stores.sessions.create(
        Session.start("s3", "bob", "r3", T0, T0.plus(Duration.ofDays(7)), null, null, 0));
    stores.sessions.revoke("s2", T0);

    assertThat(profiles.activeSessions(principal("ada", "s1")).unwrap())
        .extracting(Session::id)
        .containsExactly("s1");
  }

  @Test
  void aStoreThatCannotAnswerGivesServiceUnavailable() {
    stores.down = true;

    assertThat(profiles.account(principal("ada", "s1")).failure().orElseThrow().code())
        .isEqualTo("service_unavailable");
    assertThat(profiles.activeSessions(principal("ada", "s1")).failure().orElseThrow().code())
        .isEqualTo("service_unavailable");
  }
}
