package dev.portcullis.auth.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueType;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.server.TestConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The settings of every module, as the server loads them: one loader, one variable per key. */
final class SettingsSourcesTest {

  /** Every module's reference.conf, merged, as the loader walks it. */
  private static Config reference() {
    return ConfigFactory.parseResourcesAnySyntax("reference")
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
  }

  @Test
  void everyKeyOfEveryModule_isSetByTheVariableDerivedFromIt() {
    Config reference = reference();
    List<String> keys = AuthConfig.keys(reference);
    assertThat(keys)
        .contains(
            "auth.environment",
            "auth.token.secret-key",
            "auth.token.previous-key.retire-at",
            "auth.store.jdbc.password",
            "auth.store.memory.max-users",
            "auth.server.notify.webhook-secret");

    Map<String, String> env = new HashMap<>();
    for (String key : keys) {
      env.put(
          SettingsReader.environmentVariable(key),
          reference.getValue(key).valueType() == ConfigValueType.LIST ? "x, y" : "v-" + key);
    }
    Config c = AuthConfig.load("", env);

    for (String key : keys) {
      String name = SettingsReader.environmentVariable(key);
      assertThat(c.getValue(key).origin().description()).as(key).contains(name);
      if (reference.getValue(key).valueType() == ConfigValueType.LIST) {
        assertThat(c.getStringList(key)).as(key).containsExactly("x", "y");
      } else {
        assertThat(c.getString(key)).as(key).isEqualTo("v-" + key);
      }
    }
  }

  @Test
  void everyKeyTheReadersRead_isDefinedInAReferenceConf_soItsVariableWorks() {
    Set<String> read = new TreeSet<>();
    for (String store : List.of("jdbc", "memory")) {
      Config c =
          TestConfigs.config(
              "auth.server.store = " + store + "\nauth.store.jdbc.url = \"jdbc:h2:mem:x\"");
      try {
        Wiring.settings(recording(c, read));
      } catch (ConfigurationException e) {
        // Problems do not matter here; which keys were read does.
      }
    }
    List<String> keys = AuthConfig.keys(reference());
    assertThat(read).contains("auth.lockout.max-attempts", "auth.token.issuer");

    assertThat(read.stream().filter(p -> p.startsWith("auth.")))
        .allSatisfy(
            path ->
                assertThat(keys.stream().anyMatch(k -> k.equals(path) || k.startsWith(path + ".")))
                    .as("%s is read but no reference.conf defines it", path)
                    .isTrue());
  }

  @Test
  void noModulesReferenceConf_declaresAnOverrideLine() throws IOException {
    int checked = 0;
    for (URL url : Collections.list(getClass().getClassLoader().getResources("reference.conf"))) {
      if (!ConfigFactory.parseURL(url).root().containsKey("auth")) {
        continue; // another library's
      }
      checked++;
      String[] lines;
      try (InputStream in = url.openStream()) {
        lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
      }
      for (int i = 0; i < lines.length; i++) {
        assertThat(lines[i])
            .as(
                "%s line %d: remove it; AuthConfig derives AUTH_... from the key for every key",
                url, i + 1)
            .doesNotContain("${?");
      }
    }
    assertThat(checked).as("core, jwt, jdbc, memory, redis, oauth, server").isEqualTo(7);
  }

  /** {@code config}, recording the path of every lookup, also through configs derived from it. */
  private static Config recording(Config config, Set<String> paths) {
    return (Config)
        Proxy.newProxyInstance(
            Config.class.getClassLoader(),
            new Class<?>[] {Config.class},
            (proxy, method, args) -> {
              if (args != null && args.length > 0 && args[0] instanceof String path) {
                paths.add(path);
              }
              Object result;
              try {
                result = method.invoke(config, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              return result instanceof Config derived ? recording(derived, paths) : result;
            });
  }
}
