package dev.portcullis.auth.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.event.AuthEvent.SecondFactorAction;
import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.core.event.AuditTrail;
import dev.portcullis.auth.core.mfa.internal.Base32;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every change and use of a second factor is an event for the audit trail, without secrets. */
final class MfaAuditEventsTest {

  private static List<String> types(MfaFixture f) {
    return f.events.stream().map(AuthEvent::type).toList();
  }

  @Test
  void theLifeOfAFactor_isAuditedStepByStep_withoutCodesSeedsOrTokens() {
    MfaFixture f = new MfaFixture();
    var user = f.user("alice");
    String secret = (String) f.service.enrolTotp(user).unwrap().details().get("secret");
    byte[] seed = Base32.decode(secret);
    List<String> recovery = f.service.confirmTotp("alice", f.code(seed)).unwrap();
    f.clock.advance(Duration.ofSeconds(30));
    var challenge = (LoginStep.ChallengeRequired) f.service.begin(f.password(user)); // at 192.0.2.1
    f.service.complete(challenge.token(), "000000".equals(f.code(seed)) ? "111111" : "000000");
    String code = f.code(seed);
    f.service.complete(challenge.token(), code, "198.51.100.4").unwrap();
    var second = (LoginStep.ChallengeRequired) f.service.begin(f.password(user));
    f.service.complete(second.token(), recovery.get(0)).unwrap();
    f.clock.advance(Duration.ofSeconds(30));
    f.service.confirmTotp("alice", "123456"); // nothing pending: no event
    List<String> fresh = f.service.regenerateRecoveryCodes("alice", f.code(seed)).unwrap();
    f.service.removeTotp("alice", "password-alice", null).unwrap();
    f.service.reset("alice");

    assertThat(types(f))
        .containsExactly(
            "mfa_enrolled",
            "mfa_confirmed",
            "mfa_failed",
            "mfa_verified",
            "mfa_recovery_code_used",
            "mfa_recovery_codes_regenerated",
            "mfa_removed",
            "mfa_reset_by_admin");
    assertThat(f.events).allSatisfy(e -> assertThat(e.userId()).isEqualTo("alice"));
    var failed = (AuthEvent.SecondFactorChanged) f.events.get(2);
    assertThat(failed.action()).isEqualTo(SecondFactorAction.FAILED);
    assertThat(failed.detail()).isEqualTo("totp");
    assertThat(failed.clientAddress()).isEqualTo("192.0.2.1"); // the login's address
    assertThat(f.events.get(3).clientAddress()).isEqualTo("198.51.100.4");
    assertThat(f.events.get(4).detail()).isEqualTo("recovery_code");

    // What the audit store keeps: no seed, code, recovery code or challenge token anywhere.
    AuditTrail trail = new AuditTrail(f.stores.audit);
    f.events.forEach(trail::onEvent);
    assertThat(f.stores.audit.records)
        .extracting(AuditRecord::type)
        .containsExactlyElementsOf(types(f));
    String everything = f.stores.audit.records.toString() + f.events;
    assertThat(everything)
        .doesNotContain(secret, code, recovery.get(0), fresh.get(0))
        .doesNotContain(challenge.token(), second.token());
  }
}
