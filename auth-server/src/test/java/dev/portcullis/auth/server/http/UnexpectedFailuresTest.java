package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

final class UnexpectedFailuresTest {

  /** An SLF4J logger that keeps each ERROR call's arguments, formatted into one string. */
  private static Logger recording(List<String> lines) {
    return (Logger)
        Proxy.newProxyInstance(
            Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
              if (method.getName().equals("error")) {
                lines.add(Arrays.deepToString(args));
              }
              return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });
  }

  private static RuntimeException failureQuoting(String input) {
    return new IllegalArgumentException("sessionId is longer than 255: " + input);
  }

  @Test
  void aRepeatedFailure_logsItsTraceOnce_thenOneLinePerRequest_neverTheMessage() {
    List<String> lines = new ArrayList<>();
    UnexpectedFailures failures = new UnexpectedFailures(recording(lines));
    for (int i = 0; i < 50; i++) {
      failures.log("DELETE", "/auth/sessions/{id}", "req" + i, failureQuoting("x".repeat(300)));
    }
    assertThat(lines).hasSize(50);
    assertThat(lines.get(0)).contains("\tat ").contains("IllegalArgumentException");
    for (String line : lines.subList(1, 50)) {
      assertThat(line).doesNotContain("\tat ").doesNotContain("\n").contains("/auth/sessions/{id}");
    }
    for (String line : lines) {
      assertThat(line).doesNotContain("xxxx").doesNotContain("longer than");
    }
  }

  @Test
  void aFailureWithACause_tracesTheCauseClassWithoutItsMessage() {
    List<String> lines = new ArrayList<>();
    UnexpectedFailures failures = new UnexpectedFailures(recording(lines));
    failures.log(
        "POST",
        "/auth/login",
        "r1",
        new IllegalStateException("outer secret", new IllegalArgumentException("inner secret")));
    assertThat(lines.get(0))
        .contains("Caused by: java.lang.IllegalArgumentException")
        .doesNotContain("secret");
  }
}
