package dev.portcullis.auth.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class IdentifiersTest {
  private final Identifiers ids = new Identifiers(20);

  @ParameterizedTest
  @CsvSource({
    "'  Alice@Example.COM  ', alice@example.com",
    "'ａｌｉｃｅ@ｅｘａｍｐｌｅ.com', alice@example.com",
    "'\tBob\u00A0', Bob",
    "'ﬁnn@x.io', finn@x.io"
  })
  void normalize_trimsFoldsAndLowerCasesEmails(String raw, String expected) {
    assertThat(ids.normalize(raw).unwrap()).isEqualTo(expected);
  }

  @Test
  void normalize_keepsTheCaseOfNonEmailIdentifiers() {
    assertThat(ids.normalize("BobSmith").unwrap()).isEqualTo("BobSmith");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "a\u0000b", "a\u200Bb", "abcdefghijklmnopqrstu"})
  void normalize_refusesBlankInvisibleOrOverlongInput(String raw) {
    assertThat(ids.normalize(raw).failure().orElseThrow().code()).isEqualTo("invalid_request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@@b.com",
        "a@b@c.com",
        "@b.com",
        "a@",
        "a b@c.com",
        "a@b .com",
        ".a@b.com",
        "a.@b.com",
        "a..b@c.com",
        "a@b..com",
        "a@b.com.",
        "a@.b.com",
        "a@-b.com",
        "a@b-.com",
        "a@b_c.com",
        "\"a\"@b.com",
        "a(c)@b.com",
        "<a@b.com>",
        "a@b.com,c@d.com",
        "a;b@c.com",
        "a\\b@c.com",
        "a@[1.2.3.4]"
      })
  void normalize_refusesWhatIsNoSingleEmailAddress(String raw) {
    Identifiers roomy = new Identifiers(320);
    assertThat(roomy.normalize(raw).failure().orElseThrow().code()).isEqualTo("invalid_request");
  }

  @ParameterizedTest
  @CsvSource({
    "first.last+tag@sub.example.com, first.last+tag@sub.example.com",
    "o'brien@example.ie, o'brien@example.ie",
    "user@localhost, user@localhost",
    "JÖRG@BÜCHER.DE, jörg@bücher.de",
    "用户@例子.广告, 用户@例子.广告",
    "a\uFF20b\uFF0Ecom, a@b.com"
  })
  void normalize_acceptsOrdinaryAndInternationalAddresses(String raw, String expected) {
    Identifiers roomy = new Identifiers(320);
    assertThat(roomy.normalize(raw).unwrap()).isEqualTo(expected);
  }

  @Test
  void normalize_refusesALocalPartOver64Bytes() {
    Identifiers roomy = new Identifiers(320);
    assertThat(roomy.normalize("a".repeat(64) + "@b.com").isOk()).isTrue();
    assertThat(roomy.normalize("a".repeat(65) + "@b.com").isErr()).isTrue();
    assertThat(roomy.normalize("é".repeat(33) + "@b.com").isErr()).as("66 bytes").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u2028b", "a\u2029b", "a\u202Eb", "a\uE000b", "a\uD800b"})
  void normalize_refusesSeparatorsBidiPrivateUseAndLoneSurrogates(String raw) {
    assertThat(raw).hasSize(3);
    assertThat(ids.normalize(raw).failure().orElseThrow().code()).isEqualTo("invalid_request");
  }

  @Test
  void normalize_measuresTheResultInUtf16CodeUnits() {
    String emoji = "\uD83D\uDE00";
    assertThat(ids.normalize(emoji.repeat(10)).isOk()).as("20 code units").isTrue();
    assertThat(ids.normalize(emoji.repeat(10) + "a").isErr()).as("21 code units").isTrue();
    // Lower-casing U+0130 gives two code units: the length is measured after it.
    assertThat(ids.normalize("\u0130".repeat(8) + "@b.co").isErr()).isTrue();
  }

  @Test
  void normalize_refusesNull() {
    assertThat(ids.normalize(null).isErr()).isTrue();
  }
}
