package dev.portcullis.auth.core.hash.internal;

import static dev.portcullis.auth.core.hash.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.core.hash.Vectors;
import dev.portcullis.auth.core.hash.internal.Kdf.Argon2Type;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Argon2 tags against RFC 9106 section 5 and the reference implementation's test.c. */
final class Argon2VectorsTest {

  static Stream<Arguments> rfc9106() {
    return Vectors.rows("ietf/rfc9106-argon2.tsv").stream().map(row -> Arguments.of((Object) row));
  }

  @ParameterizedTest(name = "RFC 9106 section {0}")
  @MethodSource("rfc9106")
  void derivesTheRfc9106TagsWithSecretAndAssociatedData(String[] row) {
    byte[] tag = argon2(row, hex(row[8]), hex(row[9]));

    assertThat(tag).isEqualTo(hex(row[10]));
  }

  @Test
  void theRfc9106Argon2idTagDependsOnTheSecretAndTheAssociatedData() {
    String[] row = Vectors.rows("ietf/rfc9106-argon2.tsv").get(2);
    assertThat(row[0]).isEqualTo("5.3");

    assertThat(argon2(row, null, hex(row[9]))).isNotEqualTo(hex(row[10]));
    assertThat(argon2(row, hex(row[8]), null)).isNotEqualTo(hex(row[10]));
  }

  static Stream<Arguments> referenceImplementation() {
    return Vectors.rows("phc-winner-argon2/test_c.tsv", "match").stream()
        .map(row -> Arguments.of((Object) row));
  }

  @ParameterizedTest(name = "test.c {0} v={1} t={2} m={3} p={4}")
  @MethodSource("referenceImplementation")
  void derivesTheReferenceImplementationTags(String[] row) {
    byte[] tag =
        Kdf.argon2(
            Argon2Type.fromPhcId(row[0]),
            row[1].equals("19") ? Kdf.ARGON2_VERSION_13 : Kdf.ARGON2_VERSION_10,
            row[5].getBytes(StandardCharsets.UTF_8),
            row[6].getBytes(StandardCharsets.UTF_8),
            null,
            null,
            Integer.parseInt(row[3]),
            Integer.parseInt(row[2]),
            Integer.parseInt(row[4]),
            32);

    assertThat(tag).isEqualTo(hex(row[7]));
  }

  private static byte[] argon2(String[] row, byte[] secret, byte[] associatedData) {
    return Kdf.argon2(
        Argon2Type.fromPhcId(row[1]),
        Integer.parseInt(row[2]) == 19 ? Kdf.ARGON2_VERSION_13 : Kdf.ARGON2_VERSION_10,
        hex(row[6]),
        hex(row[7]),
        secret,
        associatedData,
        Integer.parseInt(row[3]),
        Integer.parseInt(row[4]),
        Integer.parseInt(row[5]),
        32);
  }
}
