package dev.portcullis.auth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * QuickStart prints what the README says it prints (auth-testkit checks it is the README block).
 */
final class QuickStartTest {

  @Test
  void main_printsTheVerifiedUserThenTheWrongPasswordAsAnErrorValue() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(original);
    }

    assertThat(out.toString(StandardCharsets.UTF_8).strip().lines())
        .satisfiesExactly(
            first -> assertThat(first).matches("verified access token of user \\S+"),
            second -> assertThat(second).isEqualTo("invalid_credentials (401)"));
  }
}
