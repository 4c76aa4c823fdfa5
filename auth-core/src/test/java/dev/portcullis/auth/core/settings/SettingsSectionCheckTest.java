package dev.portcullis.auth.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.error.ConfigProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SettingsSection#check}: rules across areas run after every area is read, see the typed
 * areas and the environment the settings were loaded with, and report with every other problem.
 */
final class SettingsSectionCheckTest {

  private static SettingsReport report(String hocon, Map<String, String> env) {
    return SettingsReport.read(AuthConfig.load(hocon, env), HostResources.current(), env);
  }

  private static ConfigProblem checkProblem(SettingsReport r) {
    return r.problems().stream()
        .filter(p -> p.key().equals("test.section.check"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the check did not run: " + r.problems()));
  }

  @Test
  void check_runsAfterEveryArea_andSeesTheirTypedValuesAndTheGivenEnvironment() {
    SettingsReport r =
        report("test.section.check = MY_VARIABLE", Map.of("MY_VARIABLE", "from-the-map"));

    assertThat(checkProblem(r).problem())
        .isEqualTo("own area true, core true, MY_VARIABLE = from-the-map.");
  }

  @Test
  void check_runsEvenWhenItsAreaHadAProblem_soEveryProblemIsListedAtOnce() {
    SettingsReport r =
        report(
            "test.section.check = NOT_SET\ntest.section.fail = yes\nauth.lockout.max-attempts = 0",
            Map.of());

    assertThat(r.problems())
        .extracting(ConfigProblem::key)
        .contains("test.section.fail", "test.section.check", "auth.lockout.max-attempts");
    assertThat(checkProblem(r).problem())
        .isEqualTo("own area false, core false, NOT_SET = (unset).");
  }

  @Test
  void environmentVariable_ofAKeyInsideAListElement_isTheList() {
    assertThat(SettingsReader.environmentVariable("auth.oauth.clients[1].redirect-uris"))
        .isEqualTo("AUTH_OAUTH_CLIENTS");
    assertThat(SettingsReader.environmentVariable("auth.token.secret-key"))
        .isEqualTo("AUTH_TOKEN_SECRET_KEY");
  }
}
