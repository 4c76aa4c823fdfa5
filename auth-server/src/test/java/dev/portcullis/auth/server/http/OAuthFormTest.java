package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class OAuthFormTest {

  @Test
  void parse_decodesPlusAndPercent_andDropsParametersWithoutAValue() {
    OAuthForm form =
        OAuthForm.parse("grant_type=client_credentials&scope=read+write&x=&y&z=%C3%A9");

    assertThat(form.parameters())
        .containsExactly(
            Map.entry("grant_type", "client_credentials"),
            Map.entry("scope", "read write"),
            Map.entry("z", "é"));
  }

  @Test
  void parse_refusesARepeatedParameter_evenWhenOneIsEmpty() {
    assertThatThrownBy(() -> OAuthForm.parse("scope=&scope=read"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.error().message()).contains("scope").contains("more than once"));
  }

  @Test
  void parse_namesAnOddRepeatedParameterGenerically() {
    assertThatThrownBy(() -> OAuthForm.parse("%3Cscript%3E=1&%3Cscript%3E=2"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.error().message()).doesNotContain("<script>"));
  }

  @Test
  void parse_refusesABrokenEscape_andANamelessParameter() {
    assertThatThrownBy(() -> OAuthForm.parse("scope=%G1"))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.error().code()).isEqualTo("invalid_request"));
    assertThatThrownBy(() -> OAuthForm.parse("=x"))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.error().code()).isEqualTo("invalid_request"));
  }

  @Test
  void contentType_acceptsTheFormTypeInAnyCase_withAUtf8Charset() {
    OAuthForm.checkContentType("application/x-www-form-urlencoded");
    OAuthForm.checkContentType("Application/X-WWW-Form-URLEncoded; charset=\"utf-8\"");
    OAuthForm.checkContentType("application/x-www-form-urlencoded;charset=UTF-8");

    for (String refused :
        new String[] {
          "application/json",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded; charset=iso-8859-1",
          "text/plain"
        }) {
      assertThatThrownBy(() -> OAuthForm.checkContentType(refused))
          .as(refused)
          .isInstanceOf(ProblemException.class);
    }
  }

  @Test
  void errorDescription_keepsOnlyRfc6749Characters() {
    assertThat(OAuthErrors.descriptionSafe("say \"no\" to \\ and é\n"))
        .isEqualTo("say 'no' to ? and ? ");
  }
}
