package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.jwt.internal.Base64Url;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class Base64UrlTest {

  @Test
  void decodesTheCanonicalEncoding() {
    assertThat(Base64Url.decode("")).isEmpty();
    assertThat(new String(Base64Url.decode("Zm9v"))).isEqualTo("foo");
    assertThat(new String(Base64Url.decode("Zm8"))).isEqualTo("fo");
    assertThat(Base64Url.decode("-_8")).containsExactly(0xfb, 0xff);
    assertThat(Base64Url.encode(new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("-_8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zm8=", "Zm 9v", "Zm9v\n", "+/8", "Zm9v?", "Z", "Zm9", "AB"})
  void refusesEverythingElse(String text) {
    // "Zm9" and "AB" have non-zero unused bits: another string for the same bytes.
    assertThatThrownBy(() -> Base64Url.decode(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMessageNamesTheProblemWithoutEchoingTheInput() {
    assertThatThrownBy(() -> Base64Url.decode("abc=")).hasMessageContaining("padding '='");
    assertThatThrownBy(() -> Base64Url.decode("ab cd")).hasMessageContaining("whitespace");
  }

  @Test
  void decodesWhatTheJdkEncodes_atEveryLengthAndEveryByteValue() {
    java.util.Random random = new java.util.Random(17);
    for (int length = 0; length < 300; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String text = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

      assertThat(Base64Url.decode(text)).as("length %d", length).isEqualTo(bytes);
    }
  }

  @Test
  void nonAsciiCharactersAreRefused() {
    assertThatThrownBy(() -> Base64Url.decode("Zm\u00e99v"))
        .hasMessageContaining("non-printable character at position 2");
    assertThatThrownBy(() -> Base64Url.decode("Zm\u0100v"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFastByteDecoderAgreesWithTheTextDecoder_onValidAndInvalidTexts() {
    java.util.Random random = new java.util.Random(42);
    String alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .\u00e9\u0100";
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(12);
      for (int k = 0; k < length; k++) {
        // mostly valid characters, sometimes one that is not
        sb.append(
            alphabet.charAt(random.nextInt(random.nextInt(10) == 0 ? alphabet.length() : 64)));
      }
      String text = "xx" + sb + "yy";
      byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      byte[] fromText;
      try {
        fromText = Base64Url.decode(text, 2, text.length() - 2);
      } catch (IllegalArgumentException e) {
        fromText = null;
      }
      byte[] fromBytes;
      try {
        fromBytes = Base64Url.decode(raw, 2, raw.length - 2);
      } catch (IllegalArgumentException e) {
        fromBytes = null;
      }

      assertThat(fromBytes).as("'%s'", sb).isEqualTo(fromText);
    }
  }
}
