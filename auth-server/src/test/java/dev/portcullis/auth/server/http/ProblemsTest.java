package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.PasswordViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ProblemsTest {

  @Test
  void document_takesStatusCodeAndRetryFromTheError() {
    Map<String, Object> doc =
        Problems.document(
            new AuthError.AccountLocked(Instant.EPOCH, Duration.ofMillis(299_001)), null);
    assertThat(doc)
        .containsEntry("type", "urn:portcullis:problem:account_locked")
        .containsEntry("title", "Account locked")
        .containsEntry("status", 423)
        .containsEntry("code", "account_locked")
        .containsEntry("retry_after", 300L);
    assertThat(doc.get("detail").toString()).contains("locked");
  }

  @Test
  void document_listsEveryViolation() {
    Map<String, Object> doc =
        Problems.document(
            new AuthError.PasswordPolicyViolated(
                List.of(
                    new PasswordViolation("too_short", "Use at least 12 characters."),
                    new PasswordViolation("common_password", "Avoid common passwords."))),
            null);
    assertThat(doc.get("violations").toString()).contains("too_short").contains("common_password");
    assertThat(doc).containsEntry("status", 400);
  }

  @Test
  void serverFailures_doNotExposeTheirInternals() {
    Map<String, Object> doc =
        Problems.document(
            new AuthError.ServiceUnavailable("jdbc user store", "pool of 10 at db.internal"), null);
    assertThat(doc).containsEntry("status", 503).doesNotContainKey("remedy");
    assertThat(doc.get("detail").toString()).doesNotContain("db.internal");
  }

  @Test
  void seconds_roundUp() {
    assertThat(Problems.seconds(Duration.ofSeconds(5))).isEqualTo(5);
    assertThat(Problems.seconds(Duration.ofMillis(5001))).isEqualTo(6);
    assertThat(Problems.seconds(Duration.ZERO)).isZero();
  }
}
