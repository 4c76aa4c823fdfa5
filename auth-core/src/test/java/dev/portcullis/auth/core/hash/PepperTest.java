package dev.portcullis.auth.core.hash;

import static dev.portcullis.auth.core.hash.Vectors.fastSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.PasswordHasher;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class PepperTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final byte[] PEPPER =
      "the first pepper, 32 bytes long!".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OTHER_PEPPER =
      "the other pepper, 32 bytes long!".getBytes(StandardCharsets.US_ASCII);

  private static PasswordHasher peppered(HashAlgorithm algorithm, byte[] pepper) {
    return PasswordHashers.create(fastSettings(algorithm).withPepper(Pepper.of(pepper)));
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void marksPepperedHashesAndVerifiesThemWithThePepper(HashAlgorithm algorithm) {
    PasswordHasher hasher = peppered(algorithm, PEPPER);

    String hash = hasher.hash(PASSWORD);

    assertThat(hash)
        .matches(
            algorithm == HashAlgorithm.BCRYPT
                ? "\\$bcrypt-pepper\\$pepper=[A-Za-z0-9+/]{8}\\$2b\\$04\\$.{53}"
                : "\\$[a-z0-9-]+\\$(v=19\\$)?[a-z0-9=,]+,pepper=[A-Za-z0-9+/]{8}\\$.+");
    assertThat(hasher.verify(PASSWORD, hash)).isTrue();
    assertThat(hasher.verify(PASSWORD + ".", hash)).isFalse();
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void thePepperedHashIsNotAHashOfThePlainPassword(HashAlgorithm algorithm) {
    String hash = peppered(algorithm, PEPPER).hash(PASSWORD);
    String unmarked =
        hash.replaceFirst(",pepper=[A-Za-z0-9+/]{8}", "")
            .replaceFirst("^\\$bcrypt-pepper\\$pepper=[A-Za-z0-9+/]{8}", "");

    PasswordHasher plain = PasswordHashers.create(fastSettings(algorithm));

    assertThat(unmarked).doesNotContain("pepper");
    assertThat(plain.verify(PASSWORD, unmarked)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void verifiesUnmarkedHashesWithoutThePepper(HashAlgorithm algorithm) {
    String imported = PasswordHashers.create(fastSettings(algorithm)).hash(PASSWORD);

    PasswordHasher hasher = peppered(algorithm, PEPPER);

    assertThat(hasher.verify(PASSWORD, imported)).isTrue();
    assertThat(hasher.verify(PASSWORD + ".", imported)).isFalse();
    assertThat(hasher.needsRehash(imported)).isTrue();
  }

  @Test
  void refusesToVerifyAMarkedHashWhenNoPepperIsConfigured() {
    String hash = peppered(HashAlgorithm.ARGON2ID, PEPPER).hash(PASSWORD);
    PasswordHasher withoutPepper = PasswordHashers.create(fastSettings(HashAlgorithm.ARGON2ID));

    assertThatThrownBy(() -> withoutPepper.verify(PASSWORD, hash))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no pepper is configured")
        .message()
        .doesNotContain(PASSWORD)
        .doesNotContain(new String(PEPPER, StandardCharsets.US_ASCII));
  }

  @Test
  void refusesToVerifyAMarkedHashWithAnotherPepper() {
    String hash = peppered(HashAlgorithm.BCRYPT, PEPPER).hash(PASSWORD);
    PasswordHasher otherPepper = peppered(HashAlgorithm.BCRYPT, OTHER_PEPPER);

    assertThatThrownBy(() -> otherPepper.verify(PASSWORD, hash))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another pepper")
        .message()
        .doesNotContain(PASSWORD)
        .doesNotContain(new String(PEPPER, StandardCharsets.US_ASCII))
        .doesNotContain(new String(OTHER_PEPPER, StandardCharsets.US_ASCII));
  }

  @Test
  void pepperedBcryptTakesTheWholeOfALongPassword() {
    PasswordHasher hasher = peppered(HashAlgorithm.BCRYPT, PEPPER);
    String longPassword = "x".repeat(100);

    String hash = hasher.hash(longPassword);

    assertThat(hasher.verify(longPassword, hash)).isTrue();
    assertThat(hasher.verify("x".repeat(99) + "y", hash)).isFalse();
  }
}
