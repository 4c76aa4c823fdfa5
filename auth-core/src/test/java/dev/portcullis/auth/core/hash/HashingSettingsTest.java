package dev.portcullis.auth.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class HashingSettingsTest {
  private static final byte[] PEPPER =
      "a pepper of thirty-two bytes!!!!".getBytes(StandardCharsets.US_ASCII);

  @Test
  void defaultsAreArgon2idWithTheOwaspCosts() {
    HashingSettings defaults = HashingSettings.defaults();

    assertThat(defaults.algorithm()).isEqualTo(HashAlgorithm.ARGON2ID);
    assertThat(defaults.argon2MemoryKib()).isEqualTo(19456);
    assertThat(defaults.argon2Iterations()).isEqualTo(2);
    assertThat(defaults.argon2Parallelism()).isEqualTo(1);
    assertThat(defaults.bcryptCost()).isEqualTo(12);
    assertThat(defaults.scryptN()).isEqualTo(1 << 17);
    assertThat(defaults.scryptR()).isEqualTo(8);
    assertThat(defaults.scryptP()).isEqualTo(1);
    assertThat(defaults.pbkdf2Sha256Iterations()).isEqualTo(600_000);
    assertThat(defaults.pbkdf2Sha512Iterations()).isEqualTo(210_000);
    assertThat(defaults.saltLength()).isEqualTo(16);
    assertThat(defaults.pepper()).isNull();
    assertThat(defaults.hasPepper()).isFalse();
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        invalid("argon2 memory below 8 KiB", s -> s.withArgon2(7, 2, 1), "argon2 memoryKib"),
        invalid("argon2 memory below 8 x lanes", s -> s.withArgon2(31, 2, 4), "argon2 memoryKib"),
        invalid(
            "argon2 memory above 1 GiB",
            s -> s.withArgon2((1 << 20) + 1, 1, 1),
            "argon2 memoryKib"),
        invalid("argon2 without passes", s -> s.withArgon2(19456, 0, 1), "argon2 iterations"),
        invalid("argon2 with 65 lanes", s -> s.withArgon2(19456 * 4, 2, 65), "argon2 parallelism"),
        invalid(
            "argon2 memory x passes above 4 GiB",
            s -> s.withArgon2(1 << 20, 5, 1),
            "argon2 memoryKib x iterations"),
        invalid("bcrypt cost 3", s -> s.withBcryptCost(3), "bcrypt cost"),
        invalid("bcrypt cost 31", s -> s.withBcryptCost(31), "bcrypt cost"),
        invalid("scrypt N not a power of two", s -> s.withScrypt(100_000, 8, 1), "scrypt N"),
        invalid("scrypt N of 1", s -> s.withScrypt(1, 8, 1), "scrypt N"),
        invalid("scrypt r of 0", s -> s.withScrypt(1 << 14, 0, 1), "scrypt r"),
        invalid("scrypt p of 17", s -> s.withScrypt(1 << 14, 8, 17), "scrypt p"),
        invalid(
            "scrypt memory above 1 GiB", s -> s.withScrypt(1 << 20, 16, 1), "scrypt 128 x N x r"),
        invalid(
            "PBKDF2-SHA256 without iterations",
            s -> s.withPbkdf2Sha256Iterations(0),
            "pbkdf2-sha256 iterations"),
        invalid(
            "PBKDF2-SHA512 above the cap",
            s -> s.withPbkdf2Sha512Iterations(10_000_001),
            "pbkdf2-sha512 iterations"),
        invalid("8-byte salt", s -> s.withSaltLength(8), "salt length"),
        invalid("short pepper", s -> s.withPepper(new byte[15]), "pepper must be at least 16"),
        invalid("no algorithm", s -> s.withAlgorithm(null), "algorithm is missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void refusesAValueOutOfRangeAndSaysWhich(
      String description, UnaryOperator<HashingSettings> change, String named) {
    assertThatThrownBy(() -> change.apply(HashingSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named);
  }

  @Test
  void listsEveryProblemInOneMessage() {
    assertThatThrownBy(
            () ->
                new HashingSettings(
                    HashAlgorithm.BCRYPT, 1, 0, 1, 40, 3, 8, 1, 600_000, 210_000, 16, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(
            "argon2 memoryKib", "argon2 iterations", "bcrypt cost", "scrypt N", "was 40");
  }

  @Test
  void acceptsTheBoundaries() {
    HashingSettings low =
        HashingSettings.defaults()
            .withArgon2(8, 1, 1)
            .withBcryptCost(4)
            .withScrypt(2, 1, 1)
            .withPbkdf2Sha256Iterations(1)
            .withPbkdf2Sha512Iterations(1)
            .withSaltLength(16)
            .withPepper(new byte[16]);
    HashingSettings high =
        HashingSettings.defaults()
            .withArgon2(1 << 20, 4, 64)
            .withBcryptCost(18)
            .withScrypt(1 << 20, 8, 4)
            .withPbkdf2Sha256Iterations(10_000_000)
            .withSaltLength(64);

    assertThat(low.bcryptCost()).isEqualTo(4);
    assertThat(high.bcryptCost()).isEqualTo(18);
  }

  @Test
  void toStringNeverShowsThePepper() {
    String text = HashingSettings.defaults().withPepper(PEPPER).toString();

    assertThat(text)
        .contains("pepper=set")
        .doesNotContain(new String(PEPPER, StandardCharsets.US_ASCII))
        .doesNotContain(Base64.getEncoder().encodeToString(PEPPER))
        .doesNotContain(HexFormat.of().formatHex(PEPPER))
        .doesNotContain(java.util.Arrays.toString(PEPPER));
    assertThat(HashingSettings.defaults().toString()).contains("pepper=none");
  }

  @Test
  void copiesThePepperInAndOut() {
    byte[] given = PEPPER.clone();
    HashingSettings settings = HashingSettings.defaults().withPepper(given);

    given[0] = 'X';
    byte[] returned = settings.pepper();
    returned[1] = 'Y';

    assertThat(settings.pepper()).isEqualTo(PEPPER);
  }

  @Test
  void settingsWithEqualPeppersAreEqual() {
    HashingSettings one = HashingSettings.defaults().withPepper(PEPPER.clone());
    HashingSettings two = HashingSettings.defaults().withPepper(PEPPER.clone());

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(one).isNotEqualTo(HashingSettings.defaults());
    assertThat(one).isNotEqualTo(one.withBcryptCost(13));
  }

  @Test
  void algorithmsAreNamedByTheirConfigurationIds() {
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      assertThat(HashAlgorithm.fromId(algorithm.id())).isEqualTo(algorithm);
    }
    assertThat(HashAlgorithm.fromId(" Argon2ID ")).isEqualTo(HashAlgorithm.ARGON2ID);
    assertThatThrownBy(() -> HashAlgorithm.fromId("md5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argon2id, bcrypt, scrypt, pbkdf2-sha256, pbkdf2-sha512");
  }

  private static Arguments invalid(
      String description, UnaryOperator<HashingSettings> change, String named) {
    return Arguments.of(description, change, named);
  }
}
