package dev.portcullis.auth.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class HashingSettingsTest {
  private static final byte[] PEPPER =
      "a pepper of thirty-two bytes!!!!".getBytes(StandardCharsets.US_ASCII);

  @Test
  void defaultsAreArgon2idWithTheOwaspCosts() {
    HashingSettings defaults = HashingSettings.defaults();

    assertThat(defaults.algorithm()).isEqualTo(HashAlgorithm.ARGON2ID);
    assertThat(defaults.argon2()).isEqualTo(new Argon2Params(19456, 2, 1));
    assertThat(defaults.bcrypt()).isEqualTo(new BcryptParams(12));
    assertThat(defaults.scrypt()).isEqualTo(new ScryptParams(1 << 17, 8, 1));
    assertThat(defaults.pbkdf2()).isEqualTo(new Pbkdf2Params(600_000, 210_000));
    assertThat(defaults.saltLength()).isEqualTo(16);
    assertThat(defaults.pepper()).isEmpty();
    assertThat(defaults.hasPepper()).isFalse();
  }

  @Test
  void refusesASaltOutsideSixteenToSixtyFourBytes() {
    assertThatThrownBy(() -> HashingSettings.defaults().withSaltLength(8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("salt length (bytes) must be from 16 to 64, was 8");
    assertThatThrownBy(() -> HashingSettings.defaults().withSaltLength(65))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 65");
    assertThat(HashingSettings.defaults().withSaltLength(64).saltLength()).isEqualTo(64);
  }

  @Test
  void refusesAMissingAlgorithmAndNamesTheChoices() {
    assertThatThrownBy(() -> HashingSettings.defaults().withAlgorithm(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("algorithm is missing")
        .hasMessageContaining("argon2id, bcrypt, scrypt, pbkdf2-sha256, pbkdf2-sha512");
  }

  @Test
  void listsEveryProblemOfTheSettingsInOneMessage() {
    HashingSettings d = HashingSettings.defaults();

    assertThatThrownBy(
            () ->
                new HashingSettings(
                    null, d.argon2(), d.bcrypt(), d.scrypt(), d.pbkdf2(), 8, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("algorithm is missing", "salt length");
  }

  @Test
  void withArgon2ChecksTheNewCostsThroughTheirRecord() {
    assertThatThrownBy(() -> HashingSettings.defaults().withArgon2(7, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid argon2 parameters")
        .hasMessageContaining("argon2 memoryKib");
    assertThat(HashingSettings.defaults().withArgon2(1024, 1, 1).argon2())
        .isEqualTo(new Argon2Params(1024, 1, 1));
  }

  @Test
  void toStringNeverShowsThePepper() {
    String text = HashingSettings.defaults().withPepper(Pepper.of(PEPPER)).toString();

    assertThat(text)
        .contains("Pepper[redacted]")
        .doesNotContain(new String(PEPPER, StandardCharsets.US_ASCII))
        .doesNotContain(Base64.getEncoder().encodeToString(PEPPER))
        .doesNotContain(HexFormat.of().formatHex(PEPPER))
        .doesNotContain(Arrays.toString(PEPPER));
  }

  @Test
  void settingsWithEqualPeppersAreEqual() {
    HashingSettings one = HashingSettings.defaults().withPepper(Pepper.of(PEPPER.clone()));
    HashingSettings two = HashingSettings.defaults().withPepper(Pepper.of(PEPPER.clone()));

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(one).isNotEqualTo(HashingSettings.defaults());
    assertThat(one).isNotEqualTo(one.withArgon2(1024, 1, 1));
  }

  @Test
  void theBytesPerHashFollowTheAlgorithm() {
    HashingSettings d = HashingSettings.defaults();

    assertThat(d.bytesPerHash()).isEqualTo(19456L * 1024);
    assertThat(d.withAlgorithm(HashAlgorithm.SCRYPT).bytesPerHash())
        .isEqualTo(128L * (1 << 17) * 8);
    assertThat(d.withAlgorithm(HashAlgorithm.BCRYPT).bytesPerHash()).isZero();
  }

  @Test
  void onlyUnpepperedBcryptLimitsThePasswordLength() {
    HashingSettings bcrypt = HashingSettings.defaults().withAlgorithm(HashAlgorithm.BCRYPT);

    assertThat(bcrypt.maxPasswordBytes()).hasValue(72);
    assertThat(bcrypt.withPepper(Pepper.of(PEPPER)).maxPasswordBytes()).isEmpty();
    assertThat(HashingSettings.defaults().maxPasswordBytes()).isEmpty();
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
}
