package dev.portcullis.auth.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueType;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AuthConfigTest {

  private static final String KEY = "auth.lockout.max-attempts";

  @TempDir Path dir;

  private static Config reference() {
    return ConfigFactory.parseResourcesAnySyntax("reference")
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
  }

  @Test
  void environmentVariable_isTheKeyUpperCased_withDotsAndDashesAsUnderscores() {
    assertThat(SettingsReader.environmentVariable("auth.lockout.max-attempts"))
        .isEqualTo("AUTH_LOCKOUT_MAX_ATTEMPTS");
    assertThat(SettingsReader.environmentVariable("auth.hashing.pbkdf2.sha256-iterations"))
        .isEqualTo("AUTH_HASHING_PBKDF2_SHA256_ITERATIONS");
    assertThat(SettingsReader.environmentVariable("auth.environment"))
        .isEqualTo("AUTH_ENVIRONMENT");
  }

  @Test
  void everyKey_inReferenceConf_isSetByTheVariableDerivedFromIt() {
    Config reference = reference();
    List<String> keys = AuthConfig.keys(reference);
    assertThat(keys).contains(KEY, "auth.environment", "auth.hashing.pepper");

    Map<String, String> env = new HashMap<>();
    for (String key : keys) {
      env.put(SettingsReader.environmentVariable(key), sample(reference, key));
    }
    Config c = AuthConfig.load("", env);

    for (String key : keys) {
      String name = SettingsReader.environmentVariable(key);
      assertThat(c.getValue(key).origin().description()).as(key).contains(name);
      if (reference.getValue(key).valueType() == ConfigValueType.LIST) {
        assertThat(c.getStringList(key)).as(key).containsExactly("x", "y");
      } else {
        assertThat(c.getString(key)).as(key).isEqualTo(env.get(name));
      }
    }
  }

  @Test
  void noTwoKeys_shareAVariable() {
    Map<String, List<String>> byVariable =
        AuthConfig.keys(reference()).stream()
            .collect(Collectors.groupingBy(SettingsReader::environmentVariable));
    assertThat(byVariable).allSatisfy((name, keys) -> assertThat(keys).as(name).hasSize(1));
  }

  @Test
  void aKeyThatHadNoOverrideLine_isSetByItsVariable_commaSeparated() {
    // auth.password.banned-patterns never had a ${?AUTH_...} line.
    AuthSettings s =
        AuthSettings.load(
            AuthConfig.load("", Map.of("AUTH_PASSWORD_BANNED_PATTERNS", "acme, portcullis ,")));

    assertThat(s.passwordPolicy().bannedPatterns()).containsExactly("acme", "portcullis");
  }

  @Test
  void aListVariable_writtenAsAHoconList_keepsCommasInItsItems() {
    Config c =
        AuthConfig.load("", Map.of("AUTH_PASSWORD_BANNED_PATTERNS", "[\"a{3,}\", \"acme\"]"));

    assertThat(c.getStringList("auth.password.banned-patterns")).containsExactly("a{3,}", "acme");
  }

  @Test
  void aMalformedListVariable_isAProblemNamingTheKeyAndTheVariable() {
    Config c = AuthConfig.load("", Map.of("AUTH_PASSWORD_BANNED_PATTERNS", "[\"unclosed"));

    assertThatThrownBy(() -> AuthSettings.load(c))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key, ConfigProblem::environmentVariable)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "auth.password.banned-patterns", "AUTH_PASSWORD_BANNED_PATTERNS")));
  }

  @Test
  void aVariableThatNamesNoKey_changesNothing() {
    Config c = AuthConfig.load("", Map.of("AUTH_LOCKOUT", "3", "AUTH_NO_SUCH_KEY", "x"));

    assertThat(c.getInt(KEY)).isEqualTo(5);
    assertThat(c.hasPath("auth.no.such.key")).isFalse();
    assertThat(c.hasPath("AUTH_NO_SUCH_KEY")).isFalse();
  }

  @Test
  void aLeftoverOverrideLine_isHarmless() throws IOException {
    Files.writeString(
        dir.resolve("reference.conf"), "auth.area.key = 1\nauth.area.key = ${?AUTH_AREA_KEY}\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      Function<Map<String, String>, Config> load =
          env ->
              AuthConfig.loader()
                  .classLoader(loader)
                  .systemProperties(new Properties())
                  .environment(env)
                  .load();

      assertThat(load.apply(Map.of()).getInt("auth.area.key")).isEqualTo(1);
      assertThat(load.apply(Map.of("AUTH_AREA_KEY", "2")).getInt("auth.area.key")).isEqualTo(2);
    }
  }

  @Test
  void eachSource_overridesTheOneBelowIt() throws IOException {
    Path file = Files.writeString(dir.resolve("settings.conf"), KEY + " = 7\n");
    Properties system = new Properties();
    system.setProperty(KEY, "8");
    Function<Integer, Config> upTo =
        top -> {
          AuthConfig.Loader l = AuthConfig.loader().systemProperties(new Properties());
          l.application(ConfigFactory.parseString(KEY + " = 6")).environment(Map.of());
          if (top >= 7) {
            l.file(file);
          }
          if (top >= 8) {
            l.systemProperties(system);
          }
          if (top >= 9) {
            l.environment(Map.of("AUTH_LOCKOUT_MAX_ATTEMPTS", "9"));
          }
          if (top >= 10) {
            l.commandLine(Map.of(KEY, 10));
          }
          return l.load();
        };

    assertThat(AuthConfig.load("", Map.of()).getInt(KEY)).as("reference.conf").isEqualTo(5);
    assertThat(upTo.apply(6).getInt(KEY)).as("application.conf").isEqualTo(6);
    assertThat(upTo.apply(7).getInt(KEY)).as("--config FILE").isEqualTo(7);
    assertThat(upTo.apply(8).getInt(KEY)).as("system properties").isEqualTo(8);
    assertThat(upTo.apply(9).getInt(KEY)).as("environment").isEqualTo(9);
    assertThat(upTo.apply(10).getInt(KEY)).as("command line").isEqualTo(10);
  }

  @Test
  void substitutionsInAFile_areResolvedAgainstTheGivenEnvironment() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("settings.conf"), "auth.reset.link-template = ${LINK}\"?t={token}\"\n");

    Config c =
        AuthConfig.loader()
            .application(ConfigFactory.empty())
            .systemProperties(new Properties())
            .environment(Map.of("LINK", "https://app.example/reset"))
            .file(file)
            .load();

    assertThat(c.getString("auth.reset.link-template"))
        .isEqualTo("https://app.example/reset?t={token}");
    assertThat(c.hasPath("LINK")).as("variables are not settings").isFalse();
  }

  @Test
  void aMissingFile_isRefused() {
    Path missing = dir.resolve("nope.conf");

    assertThatThrownBy(() -> AuthConfig.loader().environment(Map.of()).file(missing).load())
        .isInstanceOf(com.typesafe.config.ConfigException.class)
        .hasMessageContaining("nope.conf");
  }

  @Test
  void noReferenceConf_declaresAnOverrideLine() throws IOException {
    int checked = 0;
    for (URL url : Collections.list(getClass().getClassLoader().getResources("reference.conf"))) {
      String text;
      try (InputStream in = url.openStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!ConfigFactory.parseURL(url).root().containsKey("auth")) {
        continue; // another library's
      }
      checked++;
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        assertThat(lines[i])
            .as(
                "%s line %d: remove it; AuthConfig derives AUTH_... from the key for every key",
                url, i + 1)
            .doesNotContain("${?");
      }
    }
    assertThat(checked).isPositive();
  }

  /** A value of the key's type, different from its default. */
  private static String sample(Config reference, String key) {
    return switch (reference.getValue(key).valueType()) {
      case LIST -> "x, y";
      case NUMBER -> "7";
      case BOOLEAN -> String.valueOf(!reference.getBoolean(key));
      default -> "from-" + SettingsReader.environmentVariable(key);
    };
  }
}
