package dev.portcullis.auth.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.MfaChallenge;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.model.RecoveryCode;
import dev.portcullis.auth.api.model.ResetToken;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.store.memory.MemoryStoreSettings;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.store.memory.internal.MemoryLoginAttemptTracker;
import dev.portcullis.auth.store.memory.internal.MemoryRateLimiter;
import dev.portcullis.auth.store.memory.internal.MemoryResetTokenStore;
import dev.portcullis.auth.store.memory.internal.MemorySessionStore;
import dev.portcullis.auth.store.memory.internal.MemoryTokenBlacklist;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the memory adapters do at their bounds: stores that protect someone refuse new entries and
 * keep the old; the others evict. Also the session retention, which only this adapter has.
 */
final class MemoryStoreBoundsTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final MutableClock clock = MutableClock.at(START);

  /** The defaults with every bound set to {@code max}. */
  private static MemoryStoreSettings bounded(int max, Duration sessionRetention) {
    MemoryStoreSettings d = MemoryStoreSettings.defaults();
    return new MemoryStoreSettings(
        max, max, sessionRetention, max, d.reservationTimeout(), max, max, max, max);
  }

  private static MemoryStoreSettings bounded(int max) {
    return bounded(max, Duration.ofDays(1));
  }

  @Test
  void tracker_whenFull_refusesNewKeysButKeepsEveryLock() {
    LockoutPolicy policy = LockoutPolicy.defaults();
    MemoryLoginAttemptTracker tracker =
        (MemoryLoginAttemptTracker) MemoryStores.loginAttemptTracker(policy, clock, bounded(3));
    for (int i = 0; i < policy.maxAttempts(); i++) {
      tracker.recordFailure((AttemptReservation.Granted) tracker.reserve("victim"));
    }
    tracker.reserve("attacker-1");
    tracker.reserve("attacker-2");

    assertThatThrownBy(() -> tracker.reserve("attacker-3"))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("auth.store.memory.max-tracked-keys");

    assertThat(tracker.status("victim").locked()).isTrue();
    assertThat(tracker.reserve("attacker-1")).isInstanceOf(AttemptReservation.Granted.class);
    assertThat(tracker.size()).isEqualTo(3);
  }

  @Test
  void tracker_whenEntriesExpire_admitsNewKeysAgain() {
    LockoutPolicy policy = LockoutPolicy.defaults();
    LoginAttemptTracker tracker = MemoryStores.loginAttemptTracker(policy, clock, bounded(1));
    tracker.reserve("a");

    clock.advance(policy.window());

    assertThat(tracker.reserve("b")).isInstanceOf(AttemptReservation.Granted.class);
  }

  @Test
  void blacklist_whenFull_refusesNewRevocationsButKeepsTheOld() {
    MemoryTokenBlacklist blacklist =
        (MemoryTokenBlacklist) MemoryStores.tokenBlacklist(clock, bounded(2));
    Instant end = START.plus(Duration.ofMinutes(15));
    blacklist.revokeToken("iss", "jti-1", START, end);
    blacklist.revokeToken("iss", "jti-2", START, end);

    assertThatThrownBy(() -> blacklist.revokeToken("iss", "jti-3", START, end))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("auth.store.memory.max-revocations");

    assertThat(blacklist.check("iss", "jti-1", "u", null, START)).isPresent();
    assertThat(blacklist.check("iss", "jti-2", "u", null, START)).isPresent();
    blacklist.revokeToken("iss", "jti-1", START, end.plusSeconds(60)); // an update still works
    clock.set(end);
    blacklist.revokeToken("iss", "jti-3", START, end.plusSeconds(60)); // jti-2 made room
    assertThat(blacklist.size()).isEqualTo(2);
  }

  @Test
  void users_whenFull_refuseRegistrations() {
    UserStore users = MemoryStores.userStore(bounded(1));
    users.create(new NewUser("u1", "a@example.com", null, null, "$h$1", Set.of(), START, false));

    assertThatThrownBy(
            () ->
                users.create(
                    new NewUser("u2", "b@example.com", null, null, "$h$2", Set.of(), START, false)))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("auth.store.memory.max-users");
    assertThat(users.findById("u1")).isPresent();
  }

  @Test
  void mfaFactors_whenFull_refuseANewUsersEnrolment_butReplaceAPendingOneAndKeepTheActive() {
    FactorStore factors = MemoryStores.factorStore(bounded(2));
    factors.savePending(FactorCredential.pending("f-1", "u-1", "totp", "s", START));
    factors.activate("f-1", 1, START);
    factors.savePending(FactorCredential.pending("f-2", "u-2", "totp", "s", START));

    assertThatThrownBy(
            () -> factors.savePending(FactorCredential.pending("f-3", "u-3", "totp", "s", START)))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("auth.store.memory.max-users");

    assertThat(factors.savePending(FactorCredential.pending("f-4", "u-2", "totp", "s", START)))
        .isTrue();
    assertThat(factors.find("u-1", "totp").orElseThrow().active()).isTrue();
  }

  @Test
  void recoveryCodes_whenFull_refuseANewUser_butRegenerateAnExistingUsersCodes() {
    RecoveryCodeStore codes = MemoryStores.recoveryCodeStore(bounded(1));
    codes.replaceAll("u-1", List.of(new RecoveryCode("u-1", "abcd", "hash")));

    assertThatThrownBy(
            () -> codes.replaceAll("u-2", List.of(new RecoveryCode("u-2", "abcd", "hash"))))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("auth.store.memory.max-users");

    codes.replaceAll("u-1", List.of(new RecoveryCode("u-1", "efgh", "hash")));
    assertThat(codes.find("u-1", "efgh")).isPresent();
  }

  @Test
  void mfaChallenges_whenFull_refuseNewOnes_untilTheOldExpire() {
    MfaChallengeStore challenges = MemoryStores.mfaChallengeStore(bounded(1));
    challenges.create(challenge("a".repeat(64), START));

    assertThatThrownBy(() -> challenges.create(challenge("b".repeat(64), START)))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("auth.store.memory.max-reset-tokens");
    assertThat(challenges.find("a".repeat(64), START)).isPresent();

    Instant later = START.plus(Duration.ofMinutes(6));
    challenges.create(challenge("c".repeat(64), later));
    assertThat(challenges.find("c".repeat(64), later)).isPresent();
  }

  private static MfaChallenge challenge(String hash, Instant at) {
    return new MfaChallenge(hash, "u-1", 0, at, null, null, at.plus(Duration.ofMinutes(5)), 0);
  }

  @Test
  void sessions_whenFull_evict() {
    MemorySessionStore sessions =
        (MemorySessionStore) MemoryStores.sessionStore(clock, bounded(10));

    for (int i = 0; i < 50; i++) {
      sessions.create(
          Session.start("s" + i, "u", "rt", START, START.plus(Duration.ofHours(1)), null, null, 0));
    }

    assertThat(sessions.size()).isLessThanOrEqualTo(10);
    assertThat(sessions.listActive("u", START)).hasSizeLessThanOrEqualTo(10);
  }

  @Test
  void rateLimiter_whenFull_evicts() {
    MemoryRateLimiter limiter = (MemoryRateLimiter) MemoryStores.rateLimiter(clock, bounded(10));

    for (int i = 0; i < 50; i++) {
      limiter.tryAcquire("key-" + i, RateLimitRule.parse("5/minute"));
    }

    assertThat(limiter.size()).isLessThanOrEqualTo(10);
  }

  @Test
  void resetTokens_whenFull_evict() {
    MemoryResetTokenStore tokens =
        (MemoryResetTokenStore) MemoryStores.resetTokenStore(clock, bounded(10));

    for (int i = 0; i < 50; i++) {
      String hash = String.format("%064x", i);
      tokens.save(new ResetToken(hash, "u", START, START.plus(Duration.ofMinutes(30)), 0));
    }

    assertThat(tokens.size()).isLessThanOrEqualTo(10);
  }

  @Test
  void audit_whenFull_dropsTheOldestRecords() {
    AuditStore audit = MemoryStores.auditStore(bounded(5));

    for (int i = 0; i < 8; i++) {
      audit.append(new AuditRecord("login_failed", START.plusSeconds(i), "u", null, null, null));
    }

    assertThat(audit.recent(1000))
        .extracting(AuditRecord::at)
        .containsExactly(
            START.plusSeconds(7),
            START.plusSeconds(6),
            START.plusSeconds(5),
            START.plusSeconds(4),
            START.plusSeconds(3));
    assertThat(audit.findByUser("u", 1000)).hasSize(5);
  }

  @Test
  void sessions_areDroppedWhenTheirRetentionAfterTheEndPasses() {
    MemorySessionStore sessions =
        (MemorySessionStore) MemoryStores.sessionStore(clock, bounded(10, Duration.ofHours(1)));
    sessions.create(
        Session.start("expires", "u", "rt", START, START.plus(Duration.ofHours(1)), null, null, 0));
    sessions.create(
        Session.start("revoked", "u", "rt", START, START.plus(Duration.ofDays(30)), null, null, 0));
    sessions.revoke("revoked", START.plus(Duration.ofMinutes(30)));

    clock.set(START.plus(Duration.ofMinutes(89)));
    assertThat(sessions.find("revoked")).isPresent();
    clock.set(START.plus(Duration.ofMinutes(90)));
    assertThat(sessions.find("revoked")).isEmpty();
    assertThat(sessions.find("expires")).isPresent();
    clock.set(START.plus(Duration.ofHours(2)));
    assertThat(sessions.find("expires")).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(sessions.size()).isZero();
  }
}
