package dev.portcullis.auth.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every area read once through one reader; every problem of every area thrown once. */
final class PortcullisSettingsTest {

  private static final String TEST = "auth.environment = test\n";

  @Test
  void load_readsEachSectionOnce_andModulesTakeItsValue() {
    int before = CountingSection.READS.get();

    PortcullisSettings settings = PortcullisSettings.load(AuthConfig.load(TEST, Map.of()));

    assertThat(CountingSection.READS.get()).isEqualTo(before + 1);
    assertThat(settings.get(CountingSection.Counted.class).read()).isEqualTo(before + 1);
    assertThat(settings.core().lockout().maxAttempts()).isEqualTo(5);
  }

  @Test
  void problemsOfEveryArea_areThrownOnce_together() {
    assertThatThrownBy(
            () ->
                PortcullisSettings.load(
                    AuthConfig.load(
                        TEST + "auth.lockout.max-attempts = 0\ntest.section.fail = true\n",
                        Map.of())))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key)
                    .containsExactly("auth.lockout.max-attempts", "test.section.fail"));
  }

  @Test
  void report_keepsTheAreasThatRead_andHasNoValueForOneThatFailed() {
    SettingsReport report =
        SettingsReport.read(AuthConfig.load(TEST + "test.section.fail = true\n", Map.of()));

    assertThat(report.problems())
        .extracting(ConfigProblem::key)
        .containsExactly("test.section.fail");
    assertThat(report.find(AuthSettings.class)).isPresent();
    assertThat(report.find(CountingSection.Counted.class)).isEmpty();
    assertThatThrownBy(report::settings).isInstanceOf(ConfigurationException.class);
  }

  @Test
  void getOfAnAreaNoModuleReads_namesTheServiceFile() {
    PortcullisSettings settings = PortcullisSettings.load(AuthConfig.load(TEST, Map.of()));

    assertThatThrownBy(() -> settings.get(String.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("META-INF/services");
  }

  @Test
  void aFailedRead_yieldsNoValue_notAStandIn() {
    SettingsReader reader =
        new SettingsReader(AuthConfig.load(TEST + "auth.lockout.max-attempts = many\n", Map.of()));

    assertThat(reader.read(r -> r.integer("auth.lockout.max-attempts", 1, 1000))).isEmpty();
    assertThat(reader.problems())
        .extracting(ConfigProblem::key)
        .containsExactly("auth.lockout.max-attempts");
  }

  @Test
  void anExceptionCausedByARecordedProblem_isItsConsequence_anotherIsABug() {
    SettingsReader reader = new SettingsReader(AuthConfig.load(TEST, Map.of()));

    assertThat(
            reader.read(
                r -> {
                  r.problem("auth.x", "is wrong.", "fix it");
                  throw new IllegalArgumentException("a record refusing the stand-in");
                }))
        .isEmpty();
    assertThatThrownBy(
            () ->
                reader.read(
                    r -> {
                      throw new IllegalStateException("a bug");
                    }))
        .hasMessage("a bug");
    assertThat(
            reader.read(
                r -> {
                  throw new ConfigurationException(
                      List.of(new ConfigProblem("auth.y", "AUTH_Y", "is out of range.", "fix")));
                }))
        .isEmpty();
    assertThat(reader.problems())
        .extracting(ConfigProblem::key)
        .containsExactly("auth.x", "auth.y");
  }

  @Test
  void aCheckAcrossKeys_runsOnlyOnValuesThatWereRead() {
    assertThatThrownBy(
            () ->
                AuthSettings.load(
                    AuthConfig.load(
                        TEST + "auth.lockout.duration = forever\nauth.lockout.max-duration = 1m\n",
                        Map.of())))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key)
                    .containsExactly("auth.lockout.duration"));
  }
}
