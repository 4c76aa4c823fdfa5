package dev.portcullis.auth.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every published jar must carry, read from the jars the build just packaged.
 *
 * <p>Runs in the {@code package} phase (see this module's pom), after every other module of the
 * reactor has been packaged. The modules come from the root pom's {@code <modules>}, so a new
 * module cannot be forgotten; a module is published unless its pom sets {@code maven.deploy.skip}.
 */
class PublishedJarsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern VERSION =
      Pattern.compile("<artifactId>portcullis-parent</artifactId>\\s*<version>([^<]+)</version>");
  private static final Pattern JAVA_MODULE_NAME =
      Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  @Test
  void everyPublishedJarHasAnAutomaticModuleNameOfItsOwnAndASourcesJar() throws IOException {
    String rootPom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher version = VERSION.matcher(rootPom);
    assertThat(version.find()).as("the root pom's version").isTrue();

    List<String> published = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    Matcher modules = MODULE.matcher(rootPom);
    while (modules.find()) {
      String module = modules.group(1);
      String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
      if (pom.contains("<packaging>pom</packaging>")
          || pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
        continue;
      }
      published.add(module);
      Path target = ROOT.resolve(module).resolve("target");
      Path jar = target.resolve(module + "-" + version.group(1) + ".jar");
      assertThat(jar)
          .as("%s's jar (this test runs in the package phase of a reactor build)", module)
          .isRegularFile();
      assertThat(target.resolve(module + "-" + version.group(1) + "-sources.jar"))
          .as("%s's sources jar", module)
          .isRegularFile();
      String name;
      try (JarFile file = new JarFile(jar.toFile())) {
        name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
      }
      assertThat(name).as("%s's Automatic-Module-Name", module).isNotNull();
      assertThat(name)
          .as("%s's Automatic-Module-Name is a valid module name", module)
          .matches(JAVA_MODULE_NAME);
      assertThat(name)
          .as("%s's module name is the root of its packages", module)
          .startsWith("dev.portcullis.auth.");
      assertThat(owners.put(name, module))
          .as("module name %s is used by one module only", name)
          .isNull();
    }
    assertThat(published).contains("auth-api", "auth-core", "auth-server");
  }
}
