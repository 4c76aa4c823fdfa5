package dev.portcullis.auth.oauth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@link BasicCredentials}: RFC 6749 section 2.3.1 decoding, strictly. */
final class BasicCredentialsTest {

  static String header(String decoded) {
    return "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bothHalvesAreFormUrlDecoded() throws Exception {
    BasicCredentials c = BasicCredentials.parse(header("my%20app:a%3Ab%2Bc+d%C3%A9"));

    assertThat(c.clientId()).isEqualTo("my app");
    assertThat(c.secret()).isEqualTo("a:b+c dé");
  }

  @Test
  void splitsAtTheFirstColon() throws Exception {
    BasicCredentials c = BasicCredentials.parse(header("id:x:y"));

    assertThat(c.clientId()).isEqualTo("id");
    assertThat(c.secret()).isEqualTo("x:y");
  }

  @Test
  void anEmptySecretIsAllowedButAnEmptyIdIsNot() throws Exception {
    assertThat(BasicCredentials.parse(header("id:")).secret()).isEmpty();
    assertThatThrownBy(() -> BasicCredentials.parse(header(":secret")))
        .hasMessageContaining("empty client id");
  }

  @Test
  void malformedEscapesAndBytesAreRefused() {
    assertThatThrownBy(() -> BasicCredentials.parse(header("id:%zz")))
        .hasMessageContaining("malformed percent-escape");
    assertThatThrownBy(() -> BasicCredentials.parse(header("id:%4")))
        .hasMessageContaining("truncated percent-escape");
    assertThatThrownBy(() -> BasicCredentials.parse(header("id:%C3")))
        .hasMessageContaining("not UTF-8");
    byte[] latin1 = "id:caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(
            () -> BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(latin1)))
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void messagesNeverEchoTheCredentials() {
    assertThatThrownBy(() -> BasicCredentials.parse(header("id:s3cr3t%zz")))
        .hasMessageNotContaining("s3cr3t");
    assertThat(BasicCredentials.scheme("s3cr3t")).isEqualTo("(no scheme)");
    assertThat(BasicCredentials.scheme("Bearer s3cr3t")).isEqualTo("Bearer");
  }

  @Test
  void toStringHidesTheSecret() {
    assertThat(new BasicCredentials("id", "s3cr3t").toString()).doesNotContain("s3cr3t");
  }
}
