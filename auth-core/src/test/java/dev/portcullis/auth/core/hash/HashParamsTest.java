package dev.portcullis.auth.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The limits each parameter record checks itself, and the {@link Pepper} value. */
final class HashParamsTest {
  private static final byte[] SECRET =
      "a pepper of thirty-two bytes!!!!".getBytes(StandardCharsets.US_ASCII);

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        invalid("argon2 memory below 8 KiB", () -> new Argon2Params(7, 2, 1), "argon2 memoryKib"),
        invalid(
            "argon2 memory below 8 x lanes", () -> new Argon2Params(31, 2, 4), "argon2 memoryKib"),
        invalid(
            "argon2 memory above 1 GiB",
            () -> new Argon2Params((1 << 20) + 1, 1, 1),
            "argon2 memoryKib"),
        invalid("argon2 without passes", () -> new Argon2Params(19456, 0, 1), "argon2 iterations"),
        invalid("argon2 with 65 passes", () -> new Argon2Params(64, 65, 1), "argon2 iterations"),
        invalid(
            "argon2 with 65 lanes", () -> new Argon2Params(19456 * 4, 2, 65), "argon2 parallelism"),
        invalid(
            "argon2 memory x passes above 4 GiB",
            () -> new Argon2Params(1 << 20, 5, 1),
            "argon2 memoryKib x iterations"),
        invalid("bcrypt cost 3", () -> new BcryptParams(3), "bcrypt cost"),
        invalid("bcrypt cost 19", () -> new BcryptParams(19), "bcrypt cost"),
        invalid("scrypt N not a power of two", () -> new ScryptParams(100_000, 8, 1), "scrypt N"),
        invalid("scrypt N of 1", () -> new ScryptParams(1, 8, 1), "scrypt N"),
        invalid("scrypt N of 2^21", () -> new ScryptParams(1 << 21, 1, 1), "scrypt N"),
        invalid("scrypt r of 0", () -> new ScryptParams(1 << 14, 0, 1), "scrypt r"),
        invalid("scrypt r of 33", () -> new ScryptParams(1 << 14, 33, 1), "scrypt r"),
        invalid("scrypt p of 17", () -> new ScryptParams(1 << 14, 8, 17), "scrypt p"),
        invalid(
            "scrypt memory above 1 GiB",
            () -> new ScryptParams(1 << 20, 16, 1),
            "scrypt 128 x N x r must"),
        invalid(
            "scrypt memory x p above 4 GiB",
            () -> new ScryptParams(1 << 20, 8, 5),
            "scrypt 128 x N x r x p"),
        invalid(
            "PBKDF2-SHA256 without iterations",
            () -> new Pbkdf2Params(0, 210_000),
            "pbkdf2-sha256 iterations"),
        invalid(
            "PBKDF2-SHA512 above the cap",
            () -> new Pbkdf2Params(600_000, 10_000_001),
            "pbkdf2-sha512 iterations"),
        invalid("15-byte pepper", () -> Pepper.of(new byte[15]), "at least 16 bytes, was 15"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void refusesAValueOutOfRangeAndSaysWhich(
      String description, ThrowingCallable create, String named) {
    assertThatThrownBy(create)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named);
  }

  @Test
  void listsEveryProblemOfARecordInOneMessage() {
    assertThatThrownBy(() -> new Argon2Params(1, 0, 65))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid argon2 parameters: ")
        .hasMessageContainingAll("argon2 memoryKib", "argon2 iterations", "argon2 parallelism");
    assertThatThrownBy(() -> new ScryptParams(3, 0, 0))
        .hasMessageContainingAll("scrypt N", "scrypt r", "scrypt p");
    assertThatThrownBy(() -> new Pbkdf2Params(0, 0))
        .hasMessageContainingAll("pbkdf2-sha256", "pbkdf2-sha512");
  }

  @Test
  void acceptsTheBoundaries() {
    assertThatCode(
            () -> {
              new Argon2Params(8, 1, 1);
              new Argon2Params(1 << 20, 4, 64);
              new Argon2Params(512, 64, 64);
              new BcryptParams(4);
              new BcryptParams(18);
              new ScryptParams(2, 1, 1);
              new ScryptParams(1 << 20, 8, 4);
              new ScryptParams(1 << 10, 32, 16);
              new Pbkdf2Params(1, 1);
              new Pbkdf2Params(10_000_000, 10_000_000);
              Pepper.of(new byte[16]);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void theDefaultsAreTheOwaspFigures() {
    assertThat(Argon2Params.defaults()).isEqualTo(new Argon2Params(19456, 2, 1));
    assertThat(BcryptParams.defaults()).isEqualTo(new BcryptParams(12));
    assertThat(ScryptParams.defaults()).isEqualTo(new ScryptParams(1 << 17, 8, 1));
    assertThat(Pbkdf2Params.defaults()).isEqualTo(new Pbkdf2Params(600_000, 210_000));
  }

  @Test
  void pepperToStringNeverShowsTheSecret() {
    Pepper pepper = Pepper.of(SECRET);

    assertThat(pepper.toString())
        .isEqualTo("Pepper[redacted]")
        .doesNotContain(new String(SECRET, StandardCharsets.US_ASCII))
        .doesNotContain(Base64.getEncoder().encodeToString(SECRET))
        .doesNotContain(HexFormat.of().formatHex(SECRET))
        .doesNotContain(Arrays.toString(SECRET));
  }

  @Test
  void aShortPepperIsRefusedWithoutQuotingIt() {
    byte[] shortSecret = "fifteen bytes!!".getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> Pepper.of(shortSecret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openssl rand -base64 32")
        .message()
        .doesNotContain("fifteen");
  }

  @Test
  void pepperCopiesItsBytesInAndOut() {
    byte[] given = SECRET.clone();
    Pepper pepper = Pepper.of(given);

    given[0] = 'X';
    pepper.bytes()[1] = 'Y';

    assertThat(pepper.bytes()).isEqualTo(SECRET);
  }

  @Test
  void peppersOfEqualBytesAreEqual() {
    Pepper one = Pepper.of(SECRET.clone());
    Pepper two = Pepper.of(SECRET.clone());
    byte[] other = SECRET.clone();
    other[31] = '?';

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(one).isNotEqualTo(Pepper.of(other));
    assertThat(one).isNotEqualTo(Pepper.of(Arrays.copyOf(SECRET, 33)));
    assertThat(one.hashCode()).isEqualTo(SECRET.length);
  }

  private static Arguments invalid(String description, ThrowingCallable create, String named) {
    return Arguments.of(description, create, named);
  }
}
