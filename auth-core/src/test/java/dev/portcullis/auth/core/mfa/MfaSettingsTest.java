package dev.portcullis.auth.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MfaSettingsTest {

  private static SettingsReader reader(String conf) {
    return new SettingsReader(
        ConfigFactory.parseString(conf).withFallback(ConfigFactory.defaultReference()).resolve(),
        Map.of());
  }

  @Test
  void defaults_areOffFiveMinutesFiveFailuresTenCodes() {
    SettingsReader r = reader("");
    MfaSettings s = MfaSettings.read(r);

    assertThat(r.problems()).isEmpty();
    assertThat(s.enabled()).isFalse();
    assertThat(s.challengeTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.maxChallengeFailures()).isEqualTo(5);
    assertThat(s.recoveryCodes()).isEqualTo(10);
    assertThat(s.totpWindow()).isEqualTo(1);
  }

  @Test
  void totpWindow_zeroForAsvsStrictness_andNothingElse() {
    SettingsReader strict = reader("auth.mfa.totp-window = 0");
    assertThat(MfaSettings.read(strict).totpWindow()).isZero();
    assertThat(strict.problems()).isEmpty();

    SettingsReader wide = reader("auth.mfa.totp-window = 2");
    MfaSettings.read(wide);
    assertThat(wide.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.toString()).contains("AUTH_MFA_TOTP_WINDOW"));
  }

  @Test
  void challengeTtl_longerThanTenMinutes_isRefused_asAsvs655Asks() {
    SettingsReader ok = reader("auth.mfa.challenge-ttl = 10m");
    MfaSettings.read(ok);
    assertThat(ok.problems()).isEmpty();

    SettingsReader tooLong = reader("auth.mfa.challenge-ttl = 11m");
    MfaSettings.read(tooLong);
    assertThat(tooLong.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.toString()).contains("AUTH_MFA_CHALLENGE_TTL").contains("10"));
  }

  @Test
  void production_withMfaOnAndNoKey_isRefusedNamingTheVariableAndTheFix() {
    SettingsReader r = reader("auth.environment = production\nauth.mfa.enabled = true");
    MfaSettings.read(r);

    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.key()).isEqualTo("auth.mfa.encryption-key");
              assertThat(p.toString()).contains("AUTH_MFA_ENCRYPTION_KEY").contains("openssl rand");
            });
  }

  @Test
  void development_withMfaOnAndNoKey_generatesOneAndWarns() {
    SettingsReader r = reader("auth.mfa.enabled = true");
    MfaSettings s = MfaSettings.read(r);

    assertThat(r.problems()).isEmpty();
    assertThat(r.warnings()).anyMatch(w -> w.contains("AUTH_MFA_ENCRYPTION_KEY"));
    assertThat(s.encryptionKey()).hasSize(32);
  }

  @Test
  void aKeyThatIsNot32Bytes_isAProblem_andNeverQuoted() {
    SettingsReader r = reader("auth.mfa.encryption-key = \"c2hvcnRrZXk=\"");
    MfaSettings s = MfaSettings.read(r);

    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.toString()).doesNotContain("c2hvcnRrZXk"));
    assertThat(s.toString()).doesNotContain("c2hvcnRrZXk");
  }
}
