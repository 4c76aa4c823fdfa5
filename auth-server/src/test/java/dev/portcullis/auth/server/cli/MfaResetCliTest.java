package dev.portcullis.auth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.mfa.LoginStep;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.core.mfa.Totp;
import dev.portcullis.auth.core.mfa.internal.Base32;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code user mfa-reset} run through {@link Main} as an operator runs it, against the embedded
 * database of a data directory where a user enrolled TOTP: afterwards the password alone logs in,
 * the recovery codes are gone, and the audit trail says an operator reset it.
 */
final class MfaResetCliTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String EMAIL = "kim@example.com";

  @TempDir Path dir;

  private final Map<String, String> env =
      TestConfigs.environment("AUTH_MFA_ENABLED", "true", "AUTH_MFA_ENCRYPTION_KEY", randomKey());

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private record Run(int code, String out) {}

  private Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out, true);
    int code =
        Main.commandLine(
                new Main(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))))
            .setOut(pw)
            .setErr(pw)
            .execute(args);
    return new Run(code, out.toString());
  }

  private PortcullisServer tool() {
    return PortcullisServer.builder().config(AuthConfig.load("", env)).dataDir(dir).tool().build();
  }

  private LoginStep login(PortcullisServer rt) {
    Authentication auth =
        rt.injector()
            .getInstance(Authenticator.class)
            .authenticate(LoginRequest.of(EMAIL, PASSWORD))
            .unwrap();
    return rt.injector().getInstance(MfaService.class).begin(auth);
  }

  @Test
  void mfaReset_removesTheFactorAndCodes_soThePasswordAloneLogsIn_andIsAudited() {
    String d = dir.toString();
    assertThat(run(PASSWORD + "\n", "user", "create", EMAIL, "--data-dir", d).code()).isZero();
    String userId;
    try (PortcullisServer rt = tool()) {
      MfaService mfa = rt.injector().getInstance(MfaService.class);
      User user =
          rt.injector().getInstance(UserStore.class).findByIdentifier(EMAIL).orElseThrow().user();
      userId = user.id();
      byte[] seed = Base32.decode((String) mfa.enrolTotp(user).unwrap().details().get("secret"));
      mfa.confirmTotp(userId, Totp.code(seed, Totp.step(Instant.now()))).unwrap();
      assertThat(login(rt)).isInstanceOf(LoginStep.ChallengeRequired.class);
    }

    Run reset = run("", "user", "mfa-reset", EMAIL, "--data-dir", d);

    assertThat(reset.code()).as(reset.out()).isZero();
    assertThat(reset.out())
        .contains("reset MFA of " + EMAIL, "1 factor(s) removed", "needs only the password");
    try (PortcullisServer rt = tool()) {
      assertThat(login(rt)).isInstanceOf(LoginStep.Done.class);
      assertThat(rt.injector().getInstance(MfaService.class).remainingRecoveryCodes(userId))
          .isZero();
      List<AuditRecord> audit = rt.injector().getInstance(AuditStore.class).findByUser(userId, 20);
      assertThat(audit).extracting(AuditRecord::type).contains("mfa_reset_by_admin");
    }
  }

  @Test
  void mfaReset_ofAnUnknownAccount_exits1_namingIt() {
    Run reset = run("", "user", "mfa-reset", "nobody@example.com", "--data-dir", dir.toString());

    assertThat(reset.code()).isEqualTo(1);
    assertThat(reset.out()).contains("not_found", "nobody@example.com");
  }
}
