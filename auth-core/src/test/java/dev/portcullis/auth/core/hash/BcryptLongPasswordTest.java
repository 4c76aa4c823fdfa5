package dev.portcullis.auth.core.hash;

import static dev.portcullis.auth.core.hash.Vectors.fastSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.PasswordHasher;
import org.junit.jupiter.api.Test;

/** bcrypt reads 72 bytes: refused for new hashes, first 72 bytes for existing ones. */
final class BcryptLongPasswordTest {
  private static final String SEVENTY_TWO =
      "0123456789abcdefghijklmnopqrstuvwxyz" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private final PasswordHasher hasher = PasswordHashers.create(fastSettings(HashAlgorithm.BCRYPT));

  @Test
  void refusesToHashAPasswordOver72BytesWithoutQuotingIt() {
    String password = SEVENTY_TWO + "chars after 72 are ignored";

    assertThatThrownBy(() -> hasher.hash(password))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("bcrypt takes at most 72 bytes", "argon2id")
        .message()
        .doesNotContain(SEVENTY_TWO)
        .doesNotContain("chars after");
  }

  @Test
  void hashesAPasswordOfExactly72Bytes() {
    String hash = hasher.hash(SEVENTY_TWO);

    assertThat(SEVENTY_TWO).hasSize(72);
    assertThat(hasher.verify(SEVENTY_TWO, hash)).isTrue();
    assertThat(hasher.verify(SEVENTY_TWO.substring(0, 71), hash)).isFalse();
  }

  @Test
  void countsUtf8BytesRatherThanCharacters() {
    assertThat(hasher.hash("é".repeat(36))).startsWith("$2b$");
    assertThatThrownBy(() -> hasher.hash("é".repeat(37)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("72 bytes");
  }

  @Test
  void verifiesALongerPasswordAgainstAnExistingHashByItsFirst72Bytes() {
    String existing = hasher.hash(SEVENTY_TWO);

    assertThat(hasher.verify(SEVENTY_TWO + "whatever followed", existing)).isTrue();
    assertThat(hasher.verify(SEVENTY_TWO.substring(0, 71) + "!" + "whatever", existing)).isFalse();
  }

  @Test
  void otherAlgorithmsTakeLongPasswordsWhole() {
    PasswordHasher argon2 = PasswordHashers.create(fastSettings(HashAlgorithm.ARGON2ID));

    String hash = argon2.hash(SEVENTY_TWO + "tail");

    assertThat(argon2.verify(SEVENTY_TWO + "tail", hash)).isTrue();
    assertThat(argon2.verify(SEVENTY_TWO + "tale", hash)).isFalse();
  }
}
