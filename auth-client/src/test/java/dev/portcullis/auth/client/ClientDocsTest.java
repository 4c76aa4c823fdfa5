package dev.portcullis.auth.client;

import static dev.portcullis.auth.client.FakeAuthorizationServer.json;
import static dev.portcullis.auth.client.FakeAuthorizationServer.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ```java} blocks of docs/client.md compile against this module and run against the fake
 * server: the service gets a token, and the command-line example logs in with the device flow once
 * and, in a "new process" (a new client and manager over the same directory), gets its token from
 * the file without logging in again. The same idea as auth-testkit's ReadmeExampleTest, kept small
 * here because that helper is not shared outside its module.
 */
final class ClientDocsTest {
  private static final String GUIDE = "docs/client.md";
  private static final Pattern BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");
  private static final Pattern TYPE = Pattern.compile("public final class (\\w+)");

  private final FakeAuthorizationServer server = FakeAuthorizationServer.start();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void serviceExample_getsATokenWithClientCredentials(@TempDir Path dir) throws Exception {
    server.token = r -> tokens("service-token", null, 3600);
    Class<?> example = compile(dir).loadClass("example.ServiceTokens");

    Object manager =
        call(example, "connect", new Class<?>[] {URI.class, String.class}, server.issuer(), "s");
    Object token = call(example, "token", new Class<?>[] {TokenManager.class}, manager);

    assertThat(token).isEqualTo("service-token");
    assertThat(server.requests("/token").get(0).form())
        .containsEntry("grant_type", "client_credentials");
  }

  @Test
  void cliExample_logsInOnce_andTheTokensSurviveARestart(@TempDir Path dir) throws Exception {
    server.device =
        r ->
            json(
                200,
                "{\"device_code\":\"dc\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":"
                    + "\"https://auth.example.com/device\",\"expires_in\":600}");
    server.token = r -> tokens("cli-token", "cli-refresh", 3600);
    Class<?> example = compile(dir).loadClass("example.CliTokens");
    Path credentials = dir.resolve("home/.config/my-cli/credentials");
    Class<?>[] signature = {OAuthClient.class, Path.class};

    Object first = call(example, "token", signature, client(), credentials);
    Object afterRestart = call(example, "token", signature, client(), credentials);

    assertThat(first).isEqualTo("cli-token");
    assertThat(afterRestart).isEqualTo("cli-token");
    assertThat(server.requests("/device")).hasSize(1);
    assertThat(server.requests("/token")).hasSize(1);
    try (var files = Files.list(credentials)) {
      assertThat(files.toList()).hasSize(1);
    }
  }

  private OAuthClient client() {
    return OAuthClient.builder(server.issuer(), "my-cli")
        .clock(time)
        .sleeper(time.sleeper())
        .build()
        .orElseThrow();
  }

  private static Object call(Class<?> type, String name, Class<?>[] parameters, Object... args)
      throws Exception {
    Method method = type.getMethod(name, parameters);
    try {
      return method.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(
          GUIDE + ": " + type.getSimpleName() + "." + name + " threw", e.getCause());
    }
  }

  /** Compiles every java block of the guide; a class loader over the result. */
  private static ClassLoader compile(Path dir) throws IOException {
    String guide = Files.readString(repositoryRoot().resolve(GUIDE), StandardCharsets.UTF_8);
    Path sources = Files.createDirectories(dir.resolve("sources/example"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<Path> files = new ArrayList<>();
    Matcher block = BLOCK.matcher(guide);
    while (block.find()) {
      Matcher type = TYPE.matcher(block.group(1));
      assertThat(type.find()).as("a java block of %s declares no public class", GUIDE).isTrue();
      Path file = sources.resolve(type.group(1) + ".java");
      Files.writeString(file, block.group(1), StandardCharsets.UTF_8);
      files.add(file);
    }
    assertThat(files).as("java blocks of %s", GUIDE).hasSize(2);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    boolean ok;
    try (StandardJavaFileManager manager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      ok =
          javac
              .getTask(
                  output,
                  manager,
                  diagnostics,
                  List.of(
                      "-d",
                      classes.toString(),
                      "-classpath",
                      testClassPath(),
                      "-proc:none",
                      "--release",
                      "17"),
                  null,
                  manager.getJavaFileObjectsFromPaths(files))
              .call();
    }
    assertThat(ok)
        .as("%s examples compile:%n%s%s", GUIDE, diagnostics.getDiagnostics(), output)
        .isTrue();
    return new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, ClientDocsTest.class.getClassLoader());
  }

  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(GUIDE))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a parent directory holding %s", GUIDE).isNotNull();
    return dir;
  }
}
