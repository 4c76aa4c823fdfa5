package dev.portcullis.auth.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.PasswordHasher;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hashes published by passlib, Django and Spring Security with their passwords (sources in each
 * file under vectors/ and in vectors/README.md): each verifies, a wrong password does not, and each
 * asks to be rehashed into the default argon2id.
 */
final class ForeignHashesTest {
  private final PasswordHasher hasher = PasswordHashers.create(HashingSettings.defaults());

  static Stream<Arguments> published() {
    Stream<Arguments> passlib =
        Vectors.rows("passlib/hashes.tsv", "match").stream()
            .map(row -> Arguments.of("passlib", row[0], row[1]));
    Stream<Arguments> django =
        Vectors.rows("django/hashes.tsv").stream()
            .map(row -> Arguments.of("Django", row[0], row[1]));
    Stream<Arguments> spring =
        Vectors.rows("spring-security/hashes.tsv").stream()
            .map(row -> Arguments.of("Spring Security", row[0], row[1]));
    return Stream.of(passlib, django, spring).flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("published")
  void verifiesThePublishedHashWithItsPassword(String source, String password, String hash) {
    assertThat(hasher.supports(hash)).isTrue();
    assertThat(hasher.verify(password, hash)).isTrue();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("published")
  void rejectsAWrongPassword(String source, String password, String hash) {
    assertThat(hasher.verify(password + "z", hash)).isFalse();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("published")
  void asksForARehashUnderTheDefaultSettings(String source, String password, String hash) {
    assertThat(hasher.needsRehash(hash)).isTrue();
  }

  static Stream<Arguments> passlibMalformed() {
    return Vectors.rows("passlib/hashes.tsv", "malformed").stream()
        .map(row -> Arguments.of(row[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passlibMalformed")
  void refusesTheHashesPasslibCallsMalformed(String hash) {
    assertThat(hasher.supports(hash)).isFalse();
    assertThatThrownBy(() -> hasher.verify("password", hash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed $");
  }

  @Test
  void readsSpringSecurityV58Pbkdf2ValuesAsTheJdkComputesThem() throws Exception {
    // Spring's Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8() is the JDK's
    // PBKDF2WithHmacSHA256, 310000 iterations, 16-byte salt, 256-bit hash, hex of salt + hash.
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] key =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(new PBEKeySpec("pässword".toCharArray(), salt, 310_000, 256))
            .getEncoded();
    String stored =
        "{pbkdf2@SpringSecurity_v5_8}"
            + HexFormat.of().formatHex(salt)
            + HexFormat.of().formatHex(key);

    assertThat(hasher.verify("pässword", stored)).isTrue();
    assertThat(hasher.verify("password", stored)).isFalse();
    assertThat(hasher.needsRehash(stored)).isTrue();
  }
}
