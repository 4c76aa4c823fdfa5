package dev.portcullis.auth.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

final class SeedCipherTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] key() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }

  @Test
  void encrypt_roundTripsAndNeverHoldsTheSeedInClear() {
    SeedCipher c = new SeedCipher(key(), null, RANDOM);
    byte[] seed = "12345678901234567890".getBytes();

    String stored = c.encrypt("u1", seed);

    assertThat(stored).startsWith("v1.").doesNotContain("12345678901234567890");
    assertThat(c.decrypt("u1", stored)).contains(seed);
    assertThat(c.encrypt("u1", seed)).isNotEqualTo(stored);
  }

  @Test
  void decrypt_refusesAnotherUsersRowATamperedOneAndAnUnknownKey() {
    SeedCipher c = new SeedCipher(key(), null, RANDOM);
    String stored = c.encrypt("u1", new byte[20]);
    char last = stored.charAt(stored.length() - 1);
    String tampered = stored.substring(0, stored.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(c.decrypt("u2", stored)).isEmpty();
    assertThat(c.decrypt("u1", tampered)).isEmpty();
    assertThat(new SeedCipher(key(), null, RANDOM).decrypt("u1", stored)).isEmpty();
    assertThat(c.decrypt("u1", "garbage")).isEmpty();
  }

  @Test
  void rotation_thePreviousKeyStillDecryptsAndNewSecretsUseTheCurrentOne() {
    byte[] oldKey = key();
    String old = new SeedCipher(oldKey, null, RANDOM).encrypt("u1", new byte[] {1, 2, 3});
    SeedCipher rotated = new SeedCipher(key(), oldKey, RANDOM);

    assertThat(rotated.decrypt("u1", old)).contains(new byte[] {1, 2, 3});
    assertThat(rotated.needsReencryption(old)).isTrue();
    assertThat(rotated.needsReencryption(rotated.encrypt("u1", new byte[] {1}))).isFalse();
  }

  @Test
  void aKeyOfTheWrongSizeIsRefused() {
    assertThatThrownBy(() -> new SeedCipher(new byte[16], null, RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
