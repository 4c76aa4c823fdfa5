package dev.portcullis.auth.oauth.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class UserCodesTest {

  @Test
  void generate_eightLettersOfTheTwentyConsonants_everyLetterUsed() {
    SecureRandom random = new SecureRandom();
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String code = UserCodes.generate(random);
      assertThat(code).matches("[BCDFGHJKLMNPQRSTVWXZ]{8}");
      code.chars().forEach(c -> seen.add((char) c));
    }
    assertThat(UserCodes.ALPHABET).hasSize(20);
    assertThat(seen).hasSize(20);
  }

  @Test
  void display_isTwoGroupsOfFour() {
    assertThat(UserCodes.display("BCDFGHJK")).isEqualTo("BCDF-GHJK");
  }

  @Test
  void normalize_ignoresCaseDashesAndSpaces() {
    for (String typed :
        new String[] {
          "BCDF-GHJK",
          "bcdf-ghjk",
          "bcdfghjk",
          " BCDF GHJK ",
          "b-c-d-f g-h-j-k",
          "bcdf\tghjk",
          "BCDF\u00a0GHJK"
        }) {
      assertThat(UserCodes.normalize(typed)).as(typed).contains("BCDFGHJK");
    }
  }

  @Test
  void normalize_refusesOtherLettersDigitsAndLengths() {
    for (String typed :
        new String[] {
          "",
          "BCDF-GHJ",
          "BCDF-GHJKL",
          "ABCD-FGHJ",
          "BCDF-GHJ1",
          "BCDF_GHJK",
          "ВCDF-GHJK",
          "x".repeat(65)
        }) {
      assertThat(UserCodes.normalize(typed)).as(typed).isEmpty();
    }
    assertThat(UserCodes.normalize(null)).isEmpty();
  }

  @Test
  void hash_isTheSha256HexOfTheNormalisedCode() {
    assertThat(UserCodes.hash("BCDFGHJK"))
        .isEqualTo("2460f36941e3e1ec165e1096163265627ce5847e4037af4ea051caee9ec75569")
        .isEqualTo(UserCodes.hash(UserCodes.normalize("bcdf-ghjk").orElseThrow()));
  }
}
