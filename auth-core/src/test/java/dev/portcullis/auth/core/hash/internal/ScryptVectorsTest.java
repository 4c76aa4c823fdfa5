package dev.portcullis.auth.core.hash.internal;

import static dev.portcullis.auth.core.hash.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.core.hash.Vectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** scrypt against RFC 7914 section 12 (the three vectors under 1 GiB). */
final class ScryptVectorsTest {

  static Stream<Arguments> rfc7914() {
    return Vectors.rows("ietf/rfc7914-scrypt.tsv").stream()
        .map(
            row ->
                Arguments.of(
                    row[0],
                    row[1],
                    Integer.parseInt(row[2]),
                    Integer.parseInt(row[3]),
                    Integer.parseInt(row[4]),
                    Integer.parseInt(row[5]),
                    row[6]));
  }

  @ParameterizedTest(name = "RFC 7914 section 12, N={2} r={3} p={4}")
  @MethodSource("rfc7914")
  void derivesTheRfc7914Section12Vectors(
      String password, String salt, int n, int r, int p, int length, String expected) {
    assertThat(Kdf.scrypt(hex(password), hex(salt), n, r, p, length)).isEqualTo(hex(expected));
  }
}
