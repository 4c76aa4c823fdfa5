package dev.portcullis.auth.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.PasswordHasher;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hash strings published by the reference implementations, through the public API: the Argon2
 * reference implementation's test.c (argon2i and argon2id, versions 16 and 19) and pyca/bcrypt's
 * vectors ($2a$, $2b$, $2y$).
 */
final class ReferenceHashesTest {
  private final PasswordHasher hasher = PasswordHashers.create(HashingSettings.defaults());

  static Stream<Arguments> argon2Matches() {
    return Vectors.rows("phc-winner-argon2/test_c.tsv", "match").stream()
        .map(row -> Arguments.of(row[8], row[5]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argon2Matches")
  void verifiesTheArgon2ReferenceStrings(String encoded, String password) {
    assertThat(hasher.supports(encoded)).isTrue();
    assertThat(hasher.verify(password, encoded)).isTrue();
    assertThat(hasher.verify(password + "x", encoded)).isFalse();
  }

  static Stream<Arguments> argon2Mismatches() {
    return Vectors.rows("phc-winner-argon2/test_c.tsv", "mismatch").stream()
        .map(row -> Arguments.of(row[1], row[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argon2Mismatches")
  void rejectsTheReferenceStringsMadeFromAnotherPassword(String encoded, String password) {
    assertThat(hasher.verify(password, encoded)).isFalse();
  }

  static Stream<Arguments> argon2Malformed() {
    return Vectors.rows("phc-winner-argon2/test_c.tsv", "malformed").stream()
        .map(row -> Arguments.of(row[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argon2Malformed")
  void refusesTheEncodingsTheReferenceImplementationRefuses(String encoded) {
    assertThat(hasher.supports(encoded)).isFalse();
    assertThatThrownBy(() -> hasher.verify("password", encoded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed $argon2i$ password hash");
  }

  static Stream<Arguments> bcryptWithTextPasswords() {
    return Vectors.rows("pyca-bcrypt/test_bcrypt.tsv").stream()
        .filter(row -> utf8(row[0]) != null)
        .map(row -> Arguments.of(row[1], utf8(row[0])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bcryptWithTextPasswords")
  void verifiesThePycaBcryptVectorsWhosePasswordsAreText(String encoded, String password) {
    assertThat(hasher.supports(encoded)).isTrue();
    assertThat(hasher.verify(password, encoded)).isTrue();
    assertThat(hasher.verify(password + "x", encoded)).isFalse();
    assertThat(hasher.needsRehash(encoded)).isTrue();
  }

  private static String utf8(String hex) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(Vectors.hex(hex)))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
