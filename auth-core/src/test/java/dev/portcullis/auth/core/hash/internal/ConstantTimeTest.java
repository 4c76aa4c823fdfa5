package dev.portcullis.auth.core.hash.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ConstantTimeTest {

  @Test
  void equalBytesAreEqual() {
    assertThat(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2, 3})).isTrue();
    assertThat(ConstantTime.equals(new byte[0], new byte[0])).isTrue();
  }

  @Test
  void aDifferenceInAnyByteMakesThemUnequal() {
    byte[] reference = {1, 2, 3, 4};
    for (int i = 0; i < reference.length; i++) {
      byte[] other = reference.clone();
      other[i] ^= (byte) 0x80;
      assertThat(ConstantTime.equals(reference, other)).as("byte %d differs", i).isFalse();
    }
  }

  @Test
  void aPrefixIsNotEqualToTheWhole() {
    assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2, 3})).isFalse();
    assertThat(ConstantTime.equals(new byte[0], new byte[] {0})).isFalse();
  }

  @Test
  void nullEqualsOnlyNull() {
    assertThat(ConstantTime.equals(null, null)).isTrue();
    assertThat(ConstantTime.equals(null, new byte[0])).isFalse();
    assertThat(ConstantTime.equals(new byte[0], null)).isFalse();
  }
}
