package dev.portcullis.auth.core.hash.internal;

import static dev.portcullis.auth.core.hash.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.core.hash.Vectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pyca/bcrypt vector, on raw bytes: several passwords are not UTF-8, so they cannot travel
 * through the {@code CharSequence} API.
 */
final class BcryptVectorsTest {

  static Stream<Arguments> pyca() {
    return Vectors.rows("pyca-bcrypt/test_bcrypt.tsv").stream()
        .map(row -> Arguments.of(row[0], row[1]));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("pyca")
  void matchesEveryPycaBcryptVector(String passwordHex, String hash) {
    assertThat(BcryptHash.parse(hash, false).matches(hex(passwordHex))).isTrue();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("pyca")
  void rejectsEachPycaBcryptVectorWithTheLastPasswordByteChanged(String passwordHex, String hash) {
    byte[] password = hex(passwordHex);
    password[password.length - 1] ^= 1;

    assertThat(BcryptHash.parse(hash, false).matches(password)).isFalse();
  }
}
