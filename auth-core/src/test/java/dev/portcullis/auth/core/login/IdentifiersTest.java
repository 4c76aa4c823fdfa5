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

  @Test
  void normalize_refusesNull() {
    assertThat(ids.normalize(null).isErr()).isTrue();
  }
}
