package dev.portcullis.auth.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.RecordingListener;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.PasswordHashers;
import dev.portcullis.auth.core.settings.RateLimitSettings;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Users imported with hashes made by other systems log in with their old password and leave with an
 * argon2id hash. The hashes are published examples (see src/test/resources/vectors/).
 */
final class HashMigrationOnLoginTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "passlib pbkdf2-sha256 | password | $pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
        "Django pbkdf2_sha256 | lètmein | pbkdf2_sha256$390000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=",
        "Spring {bcrypt} | password | {bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG",
        "Spring {argon2} | sometestpassword | {argon2}$argon2id$v=19$m=512,t=5,p=4$QUFBQUFBQUFBQUFBQUFBQQ$PNv4C3K50bz3rmON+LtFpdisD7ePieLNq+l5iUHgc1k",
        "passlib scrypt | password | $scrypt$ln=8,r=8,p=1$WKs1xljLudd6z9kbY0wpJQ$yCR4iDZYDKv+iEJj6yHY0lv/epnfB6f/w1EbXrsJOuQ"
      })
  void foreignHash_verifiesAndIsUpgradedToArgon2idOnLogin(
      String origin, String password, String foreignHash) {
    TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
    // Cheap argon2 so the test is fast; still argon2id, so every foreign hash needs a rehash.
    PasswordHasher hasher =
        PasswordHashers.create(HashingSettings.defaults().withArgon2(1024, 1, 1));
    RecordingListener listener = new RecordingListener();
    PasswordAuthenticator authenticator =
        new PasswordAuthenticator(
            new Identifiers(320),
            stores.limiter,
            RateLimitSettings.defaults(),
            stores.tracker,
            stores.users,
            hasher,
            clock,
            new AuthEvents(Set.of(listener)));
    stores.users.create(
        new NewUser(
            "u1",
            "migrated@example.com",
            "migrated@example.com",
            null,
            foreignHash,
            Set.of(),
            clock.instant(),
            false));

    assertThat(
            authenticator
                .authenticate(LoginRequest.of("migrated@example.com", password + "x"))
                .failure()
                .orElseThrow()
                .code())
        .isEqualTo("invalid_credentials");
    assertThat(stores.users.hashOf("u1")).isEqualTo(foreignHash);

    assertThat(authenticator.authenticate(LoginRequest.of("migrated@example.com", password)).isOk())
        .as(origin)
        .isTrue();

    String upgraded = stores.users.hashOf("u1");
    assertThat(upgraded).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(hasher.needsRehash(upgraded)).isFalse();
    assertThat(hasher.verify(password, upgraded)).isTrue();
    assertThat(listener.of(AuthEvent.PasswordRehashed.class))
        .singleElement()
        .satisfies(e -> assertThat(e.toScheme()).isEqualTo("argon2id"));
    assertThat(authenticator.authenticate(LoginRequest.of("migrated@example.com", password)).isOk())
        .isTrue();
  }
}
