package dev.portcullis.auth.core.hash.internal;

import static dev.portcullis.auth.core.hash.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.core.hash.Vectors;
import dev.portcullis.auth.core.hash.internal.Kdf.Prf;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PBKDF2 against RFC 7914 section 11 and every Wycheproof PBKDF2-HMAC-SHA256/512 case. */
final class Pbkdf2VectorsTest {
  private static final String SHA256_FILE = "wycheproof/pbkdf2_hmacsha256_test.json";
  private static final String SHA512_FILE = "wycheproof/pbkdf2_hmacsha512_test.json";

  static Stream<Arguments> rfc7914() {
    return Vectors.rows("ietf/rfc7914-pbkdf2-sha256.tsv").stream()
        .map(
            row ->
                Arguments.of(
                    row[0], row[1], Integer.parseInt(row[2]), Integer.parseInt(row[3]), row[4]));
  }

  @ParameterizedTest(name = "RFC 7914 section 11, c={2}")
  @MethodSource("rfc7914")
  void derivesTheRfc7914Section11Vectors(
      String password, String salt, int iterations, int length, String expected) {
    byte[] derived = Kdf.pbkdf2(Prf.HMAC_SHA256, hex(password), hex(salt), iterations, length);

    assertThat(derived).isEqualTo(hex(expected));
  }

  static Stream<Arguments> wycheproofSha256() {
    return wycheproofCases(SHA256_FILE);
  }

  static Stream<Arguments> wycheproofSha512() {
    return wycheproofCases(SHA512_FILE);
  }

  @ParameterizedTest(name = "Wycheproof PBKDF2-HMAC-SHA256 tcId {0}")
  @MethodSource("wycheproofSha256")
  void agreesWithEveryWycheproofPbkdf2HmacSha256Case(int tcId, Map<String, Object> testCase) {
    check(Prf.HMAC_SHA256, testCase);
  }

  @ParameterizedTest(name = "Wycheproof PBKDF2-HMAC-SHA512 tcId {0}")
  @MethodSource("wycheproofSha512")
  void agreesWithEveryWycheproofPbkdf2HmacSha512Case(int tcId, Map<String, Object> testCase) {
    check(Prf.HMAC_SHA512, testCase);
  }

  @Test
  void readsAsManyWycheproofCasesAsTheFilesDeclare() {
    assertThat(wycheproofCases(SHA256_FILE)).hasSize(declaredCount(SHA256_FILE));
    assertThat(wycheproofCases(SHA512_FILE)).hasSize(declaredCount(SHA512_FILE));
  }

  @Test
  void refusesZeroIterationsAndAnEmptyOutput() {
    assertThatThrownBy(() -> Kdf.pbkdf2(Prf.HMAC_SHA256, new byte[1], new byte[16], 0, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Kdf.pbkdf2(Prf.HMAC_SHA256, new byte[1], new byte[16], 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Every case is run: a case with parameters PBKDF2 cannot take (no iterations, no output) must be
   * refused, a valid one must give the expected key, an invalid one must not.
   */
  private static void check(Prf prf, Map<String, Object> testCase) {
    byte[] password = hex((String) testCase.get("password"));
    byte[] salt = hex((String) testCase.get("salt"));
    int iterations = ((BigDecimal) testCase.get("iterationCount")).intValueExact();
    int length = ((BigDecimal) testCase.get("dkLen")).intValueExact();
    byte[] expected = hex((String) testCase.get("dk"));
    String result = (String) testCase.get("result");
    assertThat(result).as("Wycheproof result").isIn("valid", "invalid");

    if (iterations < 1 || length < 1) {
      assertThatThrownBy(() -> Kdf.pbkdf2(prf, password, salt, iterations, length))
          .isInstanceOf(IllegalArgumentException.class);
      return;
    }
    byte[] derived = Kdf.pbkdf2(prf, password, salt, iterations, length);
    if (result.equals("valid")) {
      assertThat(derived).isEqualTo(expected);
    } else {
      assertThat(derived).isNotEqualTo(expected);
    }
  }

  @SuppressWarnings("unchecked")
  private static Stream<Arguments> wycheproofCases(String file) {
    Map<String, Object> root = (Map<String, Object>) MiniJson.parse(Vectors.text(file));
    List<Arguments> cases = new ArrayList<>();
    for (Object group : (List<Object>) root.get("testGroups")) {
      for (Object test : (List<Object>) ((Map<String, Object>) group).get("tests")) {
        Map<String, Object> testCase = (Map<String, Object>) test;
        cases.add(Arguments.of(((BigDecimal) testCase.get("tcId")).intValueExact(), testCase));
      }
    }
    return cases.stream();
  }

  @SuppressWarnings("unchecked")
  private static int declaredCount(String file) {
    Map<String, Object> root = (Map<String, Object>) MiniJson.parse(Vectors.text(file));
    return ((BigDecimal) root.get("numberOfTests")).intValueExact();
  }
}
