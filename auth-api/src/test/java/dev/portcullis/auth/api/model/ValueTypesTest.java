package dev.portcullis.auth.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ValueTypesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest
  @CsvSource({
    "5/minute, 5, 60",
    "100/hour, 100, 3600",
    "10/30s, 10, 30",
    "'  20 / Minutes ', 20, 60",
    "1/day, 1, 86400",
    "3/2h, 3, 7200"
  })
  void rateLimitRule_parsesTheSeedsSyntax(String text, int permits, long seconds) {
    RateLimitRule rule = RateLimitRule.parse(text);

    assertThat(rule.permits()).isEqualTo(permits);
    assertThat(rule.period()).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "five/minute", "5", "5/fortnight", "0/minute", "5/0m", "-1/minute"})
  void rateLimitRule_refusesNonsenseWithTheSyntaxInTheMessage(String text) {
    assertThatThrownBy(() -> RateLimitRule.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void rateLimitRule_printsBackInTheSameSyntax() {
    assertThat(RateLimitRule.parse("5/minute")).hasToString("5/minute");
    assertThat(RateLimitRule.parse("10/30s")).hasToString("10/30s");
    assertThat(RateLimitRule.parse("5/minute").refillInterval()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void lockoutPolicy_defaultsAreTheSeeds() {
    LockoutPolicy p = LockoutPolicy.defaults();

    assertThat(p.maxAttempts()).isEqualTo(5);
    assertThat(p.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.progressive()).isFalse();
    assertThat(p.lockDuration(7)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void lockoutPolicy_progressiveGrowsByTheIncrementUpToTheCap() {
    LockoutPolicy p =
        new LockoutPolicy(
            3,
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(6),
            Duration.ofHours(12));

    assertThat(p.progressive()).isTrue();
    assertThat(p.lockDuration(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.lockDuration(2)).isEqualTo(Duration.ofMinutes(3));
    assertThat(p.lockDuration(3)).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.lockDuration(4)).isEqualTo(Duration.ofMinutes(6));
    assertThat(p.lockDuration(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(6));
  }

  @Test
  void lockoutPolicy_refusesInconsistentValues() {
    Duration m = Duration.ofMinutes(1);
    assertThatThrownBy(() -> new LockoutPolicy(0, m, m, Duration.ZERO, m, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LockoutPolicy(5, Duration.ZERO, m, Duration.ZERO, m, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LockoutPolicy(5, m, m.multipliedBy(2), Duration.ZERO, m, m))
        .hasMessageContaining("maxDuration");
  }

  @Test
  void secretsNeverAppearInToString() {
    User user =
        new User("u1", "a@example.com", "a@example.com", "A", Set.of(), true, T0, T0, false);
    String hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

    assertThat(new StoredUser(user, hash, 0).toString()).doesNotContain(hash).contains("redacted");
    assertThat(new NewUser("u1", "a", null, null, hash, Set.of(), T0, false).toString())
        .doesNotContain(hash);
    assertThat(new LoginRequest("a", "hunter2-hunter2", "1.2.3.4", null).toString())
        .doesNotContain("hunter2");
    assertThat(new TokenPair("aaa.bbb.ccc", T0, "ddd.eee.fff", T0, "s1").toString())
        .doesNotContain("aaa.bbb.ccc")
        .doesNotContain("ddd.eee.fff");
    assertThat(
            new Notification.PasswordReset(user, "https://x/reset?token=SECRETTOKEN", T0)
                .toString())
        .doesNotContain("SECRETTOKEN");
  }

  @Test
  void tokenPair_countsSecondsLeftAndNeverNegative() {
    TokenPair p = new TokenPair("a", T0.plusSeconds(900), "r", T0.plusSeconds(60), "s");

    assertThat(p.tokenType()).isEqualTo("Bearer");
    assertThat(p.accessExpiresInSeconds(T0)).isEqualTo(900);
    assertThat(p.refreshExpiresInSeconds(T0.plusSeconds(120))).isZero();
  }

  @Test
  void session_isActiveUntilRevokedOrExpired() {
    Session s = Session.start("s1", "u1", "j1", T0, T0.plusSeconds(60), null, null, 0);

    assertThat(s.isActive(T0)).isTrue();
    assertThat(s.isActive(T0.plusSeconds(60))).isFalse();
    Session revoked = s.endedAt(T0.plusSeconds(1));
    assertThat(revoked.isActive(T0.plusSeconds(2))).isFalse();
    assertThat(revoked.revoked()).contains(T0.plusSeconds(1));
  }

  @Test
  void resetToken_acceptsOnlyASha256HexHash() {
    assertThatThrownBy(() -> new ResetToken("plaintext-token", "u", T0, T0.plusSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("plaintext-token");
    assertThat(new ResetToken("a".repeat(64), "u", T0, T0.plusSeconds(1), 0).userId())
        .isEqualTo("u");
  }

  @Test
  void collections_areCopiedSoValuesStayImmutable() {
    java.util.HashSet<String> roles = new java.util.HashSet<>(Set.of("admin"));
    User user = new User("u1", "a", null, null, roles, true, T0, T0, false);
    roles.add("root");

    assertThat(user.roles()).containsExactly("admin");
    assertThatThrownBy(() -> user.roles().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
