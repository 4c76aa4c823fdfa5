package dev.portcullis.auth.testkit;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replacing single bindings for every test of a class, plain and OptionalBinder-declared. */
final class PortcullisExtensionBindTest {

  private static final Instant FIXED = Instant.parse("2040-04-04T04:04:04Z");

  private final UserStore down = new UnavailableUserStore();

  @RegisterExtension
  final PortcullisExtension portcullis =
      PortcullisExtension.create()
          .bind(UserStore.class, down)
          .bind(Clock.class, Clock.fixed(FIXED, ZoneOffset.UTC));

  @Inject AuthTestKit kit;
  @Inject UserStore users;
  @Inject Clock clock;

  @Test
  void aPlainBinding_isReplaced_andTheCoreFailsClosed() {
    assertThat(users).isSameAs(down);
    assertThat(kit.authenticate("alice@example.com", AuthTestKit.PASSWORD))
        .isErr()
        .hasCode("service_unavailable")
        .hasHttpStatus(503)
        .hasMessageContaining("test user store");
  }

  @Test
  void anOptionalBinderDefault_isReplaced() {
    assertThat(clock.instant()).isEqualTo(FIXED);
    assertThat(kit.now()).isEqualTo(FIXED);
  }

  /** A user store whose database is down. */
  private static final class UnavailableUserStore implements UserStore {
    private static ServiceUnavailableException down() {
      return new ServiceUnavailableException(
          new AuthError.ServiceUnavailable("test user store", "the database is down"));
    }

    @Override
    public Result<User> create(NewUser user) {
      throw down();
    }

    @Override
    public Optional<StoredUser> findById(String userId) {
      throw down();
    }

    @Override
    public Optional<StoredUser> findByIdentifier(String identifier) {
      throw down();
    }

    @Override
    public boolean setPassword(
        String userId, long expectedVersion, String newHash, Instant changedAt) {
      throw down();
    }

    @Override
    public boolean markEmailVerified(String userId) {
      throw down();
    }

    @Override
    public boolean replaceHash(String userId, String expectedHash, String newHash) {
      throw down();
    }

    @Override
    public boolean setEnabled(String userId, boolean enabled) {
      throw down();
    }

    @Override
    public boolean setRoles(String userId, Set<String> roles) {
      throw down();
    }

    @Override
    public List<User> list(int offset, int limit) {
      throw down();
    }
  }
}
