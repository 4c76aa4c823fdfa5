package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.model.AuthorizationCode;
import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.model.ResetToken;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Expired rows of every table go away on the purge schedule, without anyone calling purge. */
final class ScheduledPurgeTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Test
  void theScheduledPurge_deletesWhatExpired_andKeepsWhatStillMatters() throws Exception {
    MutableClock clock = MutableClock.at(START);
    DB.deleteAll();
    JdbcStoreSettings settings =
        DB.settings()
            .withMigrateOnStart(false)
            .withPurgeInterval(Duration.ofMillis(20))
            .withAuditRetention(Duration.ofDays(30));
    try (JdbcStores stores =
        JdbcStores.open(DB.dataSource(), settings, clock, LockoutPolicy.defaults())) {
      Instant hour = START.plus(Duration.ofHours(1));
      stores.sessions().create(Session.start("s-old", "u1", "rt", START, hour, null, null, 0));
      stores.blacklist().revokeToken("iss", "jti", START, hour);
      stores.resetTokens().save(new ResetToken("a".repeat(64), "u1", START, hour, 0));
      stores.rateLimiter().tryAcquire("login:203.0.113.7", RateLimitRule.parse("5/minute"));
      stores.loginAttempts().reserve("alice@example.com");
      stores.singleUse().markUsed("client-assertion-jti", "jti-1", hour);
      stores
          .authorizationCodes()
          .save(
              new AuthorizationCode(
                  "b".repeat(64),
                  "client-1",
                  "https://app.example.com/cb",
                  "c".repeat(43),
                  Set.of("openid"),
                  null,
                  "u1",
                  "s-old",
                  START,
                  0,
                  START,
                  START.plusSeconds(60)));
      stores.authorizationCodes().consume("b".repeat(64), START);
      stores
          .deviceGrants()
          .save(
              DeviceGrant.pending(
                  "d".repeat(64),
                  "e".repeat(64),
                  "client-1",
                  Set.of("openid"),
                  START,
                  START.plusSeconds(600),
                  Duration.ofSeconds(5)));
      stores.deviceGrants().approve("e".repeat(64), "u1", "s-old", START, 0, START);
      stores.audit().append(new AuditRecord("login_failed", START, "u1", null, null, null));
      stores
          .audit()
          .append(
              new AuditRecord(
                  "login_failed", START.plus(Duration.ofDays(40)), "u1", null, null, null));

      clock.set(START.plus(Duration.ofDays(45)));
      long runs = stores.purger().completedRuns();
      assertThat(stores.purger().awaitRuns(runs + 2, Duration.ofSeconds(30))).isTrue();

      for (String table : TestDatabase.TABLES) {
        long expected = table.equals("portcullis_audit") ? 1 : 0;
        assertThat(DB.queryLong("SELECT COUNT(*) FROM " + table)).as(table).isEqualTo(expected);
      }
    }
  }
}
