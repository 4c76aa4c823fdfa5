package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.account.AccountAdmin;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.store.jdbc.testsupport.CountingDataSource;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.CountingPasswordHasher;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.StrictInjector;
import dev.portcullis.auth.testkit.StubAuthModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two complete instances (AuthModule + JwtModule + JdbcStoreModule, each with its own pool) on one
 * H2 database: every way of revoking a refresh token through one is seen by a refresh through the
 * other, since the refresh reads the session row they share and no longer asks the blacklist; and a
 * refresh costs two statements of its own (the session with its user, the rotation) besides the
 * audit record.
 */
final class RefreshAcrossInstancesTest {
  private static final String ALICE = "alice@example.com";
  private static final String PASSWORD = "correct horse battery staple";

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private final CountingPasswordHasher hasher = CountingPasswordHasher.fast();
  private HikariDataSource poolA;
  private HikariDataSource poolB;
  private CountingDataSource countedA;
  private Injector a;
  private Injector b;

  private Injector instance(CountingDataSource dataSource, JdbcStoreSettings settings) {
    PortcullisSettings portcullis =
        PortcullisSettings.load(AuthConfig.load(StubAuthModule.STUB_SETTINGS, Map.of()));
    return StrictInjector.of(
        new AuthModule(portcullis),
        new JwtModule(portcullis),
        new JdbcStoreModule(dataSource.dataSource(), settings),
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
            OptionalBinder.newOptionalBinder(binder(), PasswordHasher.class)
                .setBinding()
                .toInstance(hasher);
          }
        });
  }

  @BeforeEach
  void twoInstancesOnOneDatabase() {
    JdbcStoreSettings settings = TestDatabase.h2Settings();
    poolA = TestDatabase.pool(settings, 4);
    poolB = TestDatabase.pool(settings, 4);
    countedA = new CountingDataSource(poolA);
    a = instance(countedA, settings);
    b = instance(new CountingDataSource(poolB), settings.withMigrateOnStart(false));
    a.getInstance(AccountService.class).register(Registration.of(ALICE, PASSWORD)).unwrap();
  }

  @AfterEach
  void close() {
    a.getInstance(JdbcStores.class).close();
    b.getInstance(JdbcStores.class).close();
    poolA.close();
    poolB.close();
  }

  private TokenPair login(Injector instance) {
    var authentication =
        instance
            .getInstance(Authenticator.class)
            .authenticate(LoginRequest.of(ALICE, PASSWORD))
            .unwrap();
    clock.advance(Duration.ofMillis(5));
    return instance.getInstance(TokenService.class).issue(authentication).unwrap();
  }

  private static String code(Result<?> result) {
    return result.failure().map(e -> e.code()).orElse("ok");
  }

  private String refreshThroughB(TokenPair pair) {
    clock.advance(Duration.ofMillis(5));
    return code(b.getInstance(TokenService.class).refresh(pair.refreshToken()));
  }

  @Test
  void refresh_isTwoStatementsOfItsOwnPlusTheAuditRecord() {
    TokenPair pair = login(a);
    clock.advance(Duration.ofSeconds(1));
    countedA.reset();

    TokenPair next = a.getInstance(TokenService.class).refresh(pair.refreshToken()).unwrap();

    List<String> statements = countedA.statements();
    List<String> own =
        statements.stream()
            .filter(sql -> !sql.toLowerCase(Locale.ROOT).contains("portcullis_audit"))
            .toList();
    assertThat(own).as("statements besides the audit record: %s", statements).hasSize(2);
    assertThat(own.get(0)).startsWith("SELECT").contains("portcullis_sessions");
    assertThat(own.get(1)).startsWith("UPDATE").contains("portcullis_sessions");
    assertThat(statements).hasSizeLessThanOrEqualTo(3);
    assertThat(countedA.commits()).isLessThanOrEqualTo(1);
    assertThat(next.sessionId()).isEqualTo(pair.sessionId());
  }

  @Test
  void aRefreshThroughTheOther_isRefusedAfterLogout() {
    TokenPair pair = login(a);
    var principal = a.getInstance(TokenService.class).verify(pair.accessToken()).unwrap();

    a.getInstance(TokenService.class).revoke(principal).unwrap();

    assertThat(refreshThroughB(pair)).isEqualTo("token_revoked");
  }

  @Test
  void aRefreshThroughTheOther_isRefusedAfterTheSessionWasEnded() {
    TokenPair pair = login(a);
    String userId = a.getInstance(TokenService.class).verify(pair.accessToken()).unwrap().subject();

    a.getInstance(TokenService.class).revokeSession(userId, pair.sessionId()).unwrap();

    assertThat(refreshThroughB(pair)).isEqualTo("token_revoked");
  }

  @Test
  void aRefreshThroughTheOther_isRefusedAfterLogOutEverywhere() {
    TokenPair first = login(a);
    TokenPair second = login(b);
    String userId =
        a.getInstance(TokenService.class).verify(first.accessToken()).unwrap().subject();

    a.getInstance(TokenService.class).revokeAll(userId).unwrap();

    assertThat(refreshThroughB(first)).isEqualTo("token_revoked");
    assertThat(refreshThroughB(second)).isEqualTo("token_revoked");
  }

  @Test
  void aRefreshThroughTheOther_isRefusedAfterAPasswordChange() {
    TokenPair other = login(a);
    TokenPair changing = login(a);
    String userId =
        a.getInstance(TokenService.class).verify(other.accessToken()).unwrap().subject();

    a.getInstance(AccountService.class)
        .changePassword(userId, PASSWORD, "another correct horse battery", changing.sessionId())
        .unwrap();

    assertThat(refreshThroughB(other)).isEqualTo("token_revoked");
    assertThat(refreshThroughB(changing)).isEqualTo("ok");
  }

  @Test
  void aRefreshThroughTheOther_isRefusedAfterTheUserWasDisabled() {
    TokenPair pair = login(a);

    a.getInstance(AccountAdmin.class).setEnabled(ALICE, false).unwrap();

    assertThat(refreshThroughB(pair)).isEqualTo("token_revoked");
    a.getInstance(AccountAdmin.class).setEnabled(ALICE, true).unwrap();
    assertThat(refreshThroughB(pair)).isEqualTo("token_revoked");
  }

  @Test
  void aRefreshThroughTheOther_isRefusedAfterReuseWasDetectedThroughTheFirst() {
    TokenPair pair = login(a);
    clock.advance(Duration.ofSeconds(1));
    TokenPair next = a.getInstance(TokenService.class).refresh(pair.refreshToken()).unwrap();
    clock.advance(Duration.ofMinutes(5));

    assertThat(code(a.getInstance(TokenService.class).refresh(pair.refreshToken())))
        .isEqualTo("refresh_token_reused");

    assertThat(refreshThroughB(next)).isEqualTo("token_revoked");
  }

  @Test
  void aRefreshThroughTheOther_ofADisabledUsersSession_isRefusedEvenIfNothingEndedIt() {
    TokenPair pair = login(a);
    String userId = a.getInstance(TokenService.class).verify(pair.accessToken()).unwrap().subject();

    // The user row alone, as an operator's UPDATE would leave it: the refresh reads it too.
    a.getInstance(JdbcStores.class).users().setEnabled(userId, false);

    assertThat(refreshThroughB(pair)).isEqualTo("invalid_credentials");
  }
}
