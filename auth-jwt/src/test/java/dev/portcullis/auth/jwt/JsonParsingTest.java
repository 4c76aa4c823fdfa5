package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.jwt.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JOSE JSON reader (header and payload of every token): exactly one object, strict UTF-8, no
 * repeated member at any depth, numbers kept exact and typed as the claim readers expect.
 */
final class JsonParsingTest {

  private static Map<String, Object> parse(String json) {
    return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void valuesKeepTheirJsonTypes_andMembersTheirOrder() {
    Map<String, Object> m =
        parse(
            "{\"s\":\"x\",\"i\":7,\"l\":4102444800123,\"b\":123456789012345678901234567890,"
                + "\"f\":1733500000.123,\"t\":true,\"n\":null,\"a\":[1,\"two\",{\"k\":[]}],"
                + "\"o\":{\"x\":false}}");

    assertThat(m.keySet()).containsExactly("s", "i", "l", "b", "f", "t", "n", "a", "o");
    assertThat(m.get("s")).isEqualTo("x");
    assertThat(m.get("i")).isEqualTo(7);
    assertThat(m.get("l")).isEqualTo(4102444800123L);
    assertThat(m.get("b")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(m.get("f")).isEqualTo(new BigDecimal("1733500000.123"));
    assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(m).containsKey("n");
    assertThat(m.get("n")).isNull();
    assertThat(m.get("a")).isEqualTo(List.of(1, "two", Map.of("k", List.of())));
    assertThat(m.get("o")).isEqualTo(Map.of("x", false));
    assertThat(parse(" \n{\"a\":1}\t ")).containsEntry("a", 1);
    assertThat(Json.parseObject("{\"é\":\"ü\"}".getBytes(StandardCharsets.UTF_8)))
        .containsEntry("é", "ü");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"alg\":\"HS256\",\"alg\":\"none\"}",
        "{\"a\":null,\"a\":1}",
        "{\"o\":{\"k\":1,\"k\":2}}",
        "{\"l\":[{\"k\":1,\"k\":2}]}"
      })
  void aRepeatedMemberIsRefused_atAnyDepth(String json) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("repeats a member name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1}x",
        "{\"a\":1}{}",
        "{\"a\":1}}",
        "{\"a\":1},",
        "{\"a\":1",
        "{\"a\":}",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":1,}",
        "{\"a\":NaN}",
        "{\"a\":01}",
        "{\"a\":1} // comment",
        "{\"a\":[1,2}",
        ""
      })
  void anythingButExactlyOneObjectIsRefused(String json) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2]", "\"x\"", "1", "null", "true"})
  void aDocumentThatIsNotAnObjectIsRefusedAsSuch(String json) {
    assertThatThrownBy(() -> parse(json)).hasMessage("is not a JSON object");
  }

  @Test
  void malformedUtf8IsRefused_evenInsideAString() {
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};
    byte[] surrogate = {
      '{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'
    };
    byte[] truncated = {'{', '"', 'a', '"', ':', '"', (byte) 0xe2, (byte) 0x82, '"', '}'};

    for (byte[] bytes : List.of(overlong, surrogate, truncated)) {
      assertThatThrownBy(() -> Json.parseObject(bytes)).hasMessage("is not valid UTF-8");
    }
  }

  @Test
  void messagesNeverQuoteTheInput() {
    assertThatThrownBy(() -> parse("{\"secret-value\":1}trailing-secret"))
        .hasMessage("is not valid JSON");
    assertThatThrownBy(() -> parse("{\"k\":\"secret-value\" \"x\"}"))
        .hasMessageNotContaining("secret-value");
  }
}
