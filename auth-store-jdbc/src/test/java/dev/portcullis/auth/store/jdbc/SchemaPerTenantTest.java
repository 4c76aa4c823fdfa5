package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.store.jdbc.testsupport.EmbeddedPostgresServer;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code auth.store.jdbc.schema} gives each tenant its own tables in one database. */
final class SchemaPerTenantTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final LockoutPolicy POLICY = LockoutPolicy.defaults();

  private final MutableClock clock = MutableClock.at(NOW);

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("H2", (Supplier<JdbcStoreSettings>) TestDatabase::h2Settings),
        Arguments.of("PostgreSQL", (Supplier<JdbcStoreSettings>) TestDatabase::postgresSettings));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoTenants_inOneDatabase_shareNothing(String name, Supplier<JdbcStoreSettings> database) {
    JdbcStoreSettings base = database.get();
    JdbcStoreSettings acme = base.withSchema(EmbeddedPostgresServer.uniqueSchemaName("acme"));
    JdbcStoreSettings globex = base.withSchema(EmbeddedPostgresServer.uniqueSchemaName("globex"));
    try (JdbcStores a = JdbcStores.open(acme, clock, POLICY);
        JdbcStores g = JdbcStores.open(globex, clock, POLICY)) {

      User inAcme = a.users().create(user("acme-1", Set.of("admin"))).unwrap();
      User inGlobex = g.users().create(user("globex-1", Set.of("user"))).unwrap();

      assertThat(a.users().list(0, 10)).containsExactly(inAcme);
      assertThat(g.users().list(0, 10)).containsExactly(inGlobex);
      assertThat(g.users().findById("acme-1")).isEmpty();
      for (int i = 0; i < POLICY.maxAttempts(); i++) {
        a.loginAttempts()
            .recordFailure(
                (AttemptReservation.Granted) a.loginAttempts().reserve("alice@example.com"));
      }
      assertThat(a.loginAttempts().status("alice@example.com").locked()).isTrue();
      assertThat(g.loginAttempts().status("alice@example.com").locked()).isFalse();
      assertThat(g.loginAttempts().activeLockouts()).isEmpty();
    }
  }

  private static NewUser user(String id, Set<String> roles) {
    return new NewUser(
        id,
        "alice@example.com",
        null,
        null,
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
        roles,
        NOW,
        false);
  }
}
