package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.store.jdbc.testsupport.EmbeddedPostgresServer;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.store.jdbc.testsupport.TestModule;
import dev.portcullis.auth.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registration reported as done is still there after the store is closed and reopened. */
final class PersistenceTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final NewUser ALICE =
      new NewUser(
          "u-alice",
          "alice@example.com",
          "alice@example.com",
          "Alice",
          "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
          Set.of("user"),
          NOW,
          false);

  private final MutableClock clock = MutableClock.at(NOW);

  @Test
  void h2File_keepsARegisteredUser_acrossCloseAndReopen(@TempDir Path dir) {
    JdbcStoreSettings settings = TestDatabase.h2FileSettings(dir);

    User registered = register(settings);

    assertThat(find(settings.withMigrateOnStart(false)))
        .contains(new StoredUser(registered, ALICE.passwordHash(), 0));
  }

  @Test
  void postgres_keepsARegisteredUser_acrossCloseAndReopen_andAServerRestart() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      JdbcStoreSettings settings = TestDatabase.postgresSettings(server);

      User registered = register(settings);
      server.stop();
      server.restart();

      assertThat(find(settings.withMigrateOnStart(false)))
          .contains(new StoredUser(registered, ALICE.passwordHash(), 0));
    }
  }

  private User register(JdbcStoreSettings settings) {
    Injector injector = injector(settings);
    try {
      Result<User> result = injector.getInstance(UserStore.class).create(ALICE);
      assertThat(result.isOk()).isTrue();
      return result.unwrap();
    } finally {
      injector.getInstance(JdbcStores.class).close();
    }
  }

  private java.util.Optional<StoredUser> find(JdbcStoreSettings settings) {
    Injector injector = injector(settings);
    try {
      return injector.getInstance(UserStore.class).findByIdentifier("alice@example.com");
    } finally {
      injector.getInstance(JdbcStores.class).close();
    }
  }

  private Injector injector(JdbcStoreSettings settings) {
    return TestModule.strictInjector(
        new TestModule(clock, LockoutPolicy.defaults()), new JdbcStoreModule(settings));
  }
}
