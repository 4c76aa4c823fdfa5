package dev.portcullis.auth.server.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.event.AuditTrail;
import dev.portcullis.auth.core.mfa.LoginStep;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.server.http.RequestLog;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trips of one password login on the JDBC store (H2), through the server's own wiring:
 * the authenticator, the second-factor step and the token issue, as {@code POST /auth/login} runs
 * them. Each statement executed is one round trip; commits are explicit commits plus writes in
 * autocommit mode.
 */
final class LoginRoundTripsTest {
  private static final String EMAIL = "ada@example.com";
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dataDir;

  private JdbcDataSource h2;
  private CountingDataSource counting;
  private PortcullisServer server;

  @BeforeEach
  void start() {
    h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:round_trips_"
            + System.nanoTime()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    counting = new CountingDataSource(h2);
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    "auth.server.store = jdbc\n"
                        + "auth.store.jdbc.url = \"jdbc:h2:mem:unused\"\n"
                        + "auth.store.jdbc.migrate-on-start = true\n"
                        + "auth.store.jdbc.purge-interval = 0s\n"
                        + "auth.rate-limit.login = \"100/minute\""))
            .dataDir(dataDir)
            .requestLog(RequestLog.none())
            .overrides(
                new AbstractModule() {
                  @Provides
                  @Singleton
                  JdbcStores stores(JdbcStoreSettings settings, Clock clock, LockoutPolicy policy) {
                    return JdbcStores.open(counting, settings, clock, policy);
                  }
                })
            .build();
    server
        .injector()
        .getInstance(AccountService.class)
        .register(new Registration(EMAIL, PASSWORD, "Ada", Set.of(), "203.0.113.9"))
        .unwrap();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  /** What {@code POST /auth/login} does with the stores; counts the authenticator's part apart. */
  private boolean login(String email, String password, int[] authenticatorCounts) {
    Result<Authentication> auth =
        server
            .injector()
            .getInstance(Authenticator.class)
            .authenticate(new LoginRequest(email, password, "203.0.113.9", "test"));
    authenticatorCounts[0] = counting.statements();
    authenticatorCounts[1] = counting.commits();
    if (auth.isErr()) {
      return false;
    }
    LoginStep step = server.injector().getInstance(MfaService.class).begin(auth.unwrap());
    assertThat(step).isNotInstanceOf(LoginStep.ChallengeRequired.class);
    server.injector().getInstance(TokenService.class).issue(auth.unwrap()).unwrap();
    return true;
  }

  private Counts measure(String email, String password, boolean expected) {
    int[] authenticator = new int[2];
    // The first login of an address or identifier creates its rows; count the steady state.
    login(email, password, authenticator);
    flushAudit();
    counting.reset();
    assertThat(login(email, password, authenticator)).isEqualTo(expected);
    Counts counts =
        new Counts(
            counting.statements(),
            counting.commits(),
            authenticator[0],
            authenticator[1],
            counting.trace());
    System.out.printf(
        "login %s: %d statements, %d commits (authenticator %d, %d)%n  %s%n",
        expected ? "success" : "failure",
        counts.statements,
        counts.commits,
        counts.authStatements,
        counts.authCommits,
        String.join("\n  ", counts.trace));
    flushAudit();
    return counts;
  }

  private void flushAudit() {
    assertThat(server.injector().getInstance(AuditTrail.class).flush(Duration.ofSeconds(30)))
        .isTrue();
  }

  record Counts(
      int statements, int commits, int authStatements, int authCommits, List<String> trace) {}

  /**
   * Before: 13 statements and 5 commits (rate limit, reservation, success record, audit, session).
   * Now 7 and 3: the authenticator's two steps take 5 statements and 2 commits (permit, budget look
   * and reservation in one transaction; the success in one statement), the audit record is queued,
   * and the token issue adds the session insert and a user read (SessionTokens, not the login's
   * stores: merging the success record into the session's transaction needs a unit of work across
   * SessionStore and LoginAttemptTracker, a follow-up).
   */
  @Test
  void aSuccessfulLogin_takesAtMostEightStatements_andTheAuthenticatorTwoCommits() {
    assertThat(server.injector().getInstance(AuditTrail.class).queued()).isTrue();
    Counts counts = measure(EMAIL, PASSWORD, true);
    assertThat(counts.statements()).isLessThanOrEqualTo(8);
    assertThat(counts.authCommits()).isLessThanOrEqualTo(2);
    assertThat(counts.commits()).isLessThanOrEqualTo(3);
  }

  /** Before: 12 statements and 5 commits. Now 8 and 2: the failure and its budget are one. */
  @Test
  void aWrongPassword_takesAtMostEightStatementsAndTwoCommits() {
    Counts counts = measure(EMAIL, "not the password at all", false);
    assertThat(counts.statements()).isLessThanOrEqualTo(8);
    assertThat(counts.commits()).isLessThanOrEqualTo(2);
  }

  @Test
  void anUnknownUser_costsTheSameAsAWrongPassword() {
    Counts wrong = measure(EMAIL, "not the password at all", false);
    Counts unknown = measure("nobody@example.com", "not the password at all", false);
    assertThat(unknown.statements()).isEqualTo(wrong.statements());
    assertThat(unknown.commits()).isEqualTo(wrong.commits());
  }

  @Test
  void stoppingTheServer_writesTheQueuedAuditRecordsBeforeTheStoreCloses() throws Exception {
    int[] ignored = new int[2];
    for (int i = 0; i < 20; i++) {
      login(EMAIL, i % 2 == 0 ? PASSWORD : "not the password at all", ignored);
    }
    server.stop();
    try (Connection c = h2.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM portcullis_audit WHERE type IN ('logged_in',"
                    + " 'login_failed')")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(20);
    }
  }
}
