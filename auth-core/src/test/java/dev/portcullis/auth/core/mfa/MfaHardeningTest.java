package dev.portcullis.auth.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.fakes.FakeMfaStores;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Failures that used to be exceptions and are now typed errors. */
final class MfaHardeningTest {

  private static ErrorKind kind(Result<?> r) {
    return r.failure().orElseThrow(() -> new AssertionError("expected an error: " + r)).kind();
  }

  @Test
  void enrol_thatLosesARaceWithAConcurrentFirstEnrolment_isMfaEnrolmentConflict() {
    MfaFixture f = new MfaFixture();
    User u = f.user("alice");
    // The store as JDBC answers the loser of two first enrolments: the winner's row is there.
    FakeMfaStores.Factors racing =
        new FakeMfaStores.Factors() {
          @Override
          public synchronized boolean savePending(FactorCredential c) {
            super.savePending(
                FactorCredential.pending("winner", c.userId(), c.type(), "x", c.createdAt()));
            return false;
          }
        };
    TotpFactor totp =
        new TotpFactor(
            racing,
            f.settings.cipher(f.random),
            f.attempts,
            f.settings.issuer(),
            f.clock,
            f.random);

    Result<?> lost = totp.enrol(u);

    assertThat(kind(lost)).isEqualTo(ErrorKind.MFA_ENROLMENT_CONFLICT);
    assertThat(lost.failure().orElseThrow().httpStatus()).isEqualTo(409);
    assertThat(racing.find("alice", "totp").orElseThrow().id()).isEqualTo("winner");
  }

  @Test
  void aSeedThatNoConfiguredKeyDecrypts_isMfaSeedUnreadable_notAnExceptionNorAWrongCode() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled alice = f.enrolled("alice");
    // The same stores after a restart with another key and without the old one as previous.
    TotpFactor otherKey =
        new TotpFactor(
            f.mfa.factors,
            MfaSettings.forTests().cipher(new SecureRandom()),
            f.attempts,
            f.settings.issuer(),
            f.clock,
            f.random);

    Result<Void> verified = otherKey.verify("alice", f.code(alice.seed()));

    assertThat(kind(verified)).isEqualTo(ErrorKind.MFA_SEED_UNREADABLE);
    AuthError error = verified.failure().orElseThrow();
    assertThat(error.httpStatus()).isEqualTo(500);
    assertThat(error.remedy())
        .contains(
            "auth.mfa.encryption-key",
            "auth.mfa.previous-encryption-key",
            "AUTH_MFA_ENCRYPTION_KEY",
            "user mfa-reset");
    assertThat(f.stores.tracker.status(MfaAttempts.key("alice")).failures()).isZero();
  }

  @Test
  void confirm_ofASeedThatNoConfiguredKeyDecrypts_isMfaSeedUnreadable() {
    MfaFixture f = new MfaFixture();
    User u = f.user("bob");
    f.service.enrolTotp(u).unwrap();
    TotpFactor otherKey =
        new TotpFactor(
            f.mfa.factors,
            MfaSettings.forTests().cipher(new SecureRandom()),
            f.attempts,
            f.settings.issuer(),
            f.clock,
            f.random);

    assertThat(kind(otherKey.confirm("bob", "123456"))).isEqualTo(ErrorKind.MFA_SEED_UNREADABLE);
  }

  @Test
  void complete_isRateLimitedPerClientAddress_beforeAnyCheck() {
    MfaFixture f = new MfaFixture();
    for (int i = 0; i < 10; i++) {
      assertThat(kind(f.service.complete("no-such-token", "123456", "203.0.113.9")))
          .isEqualTo(ErrorKind.MFA_CHALLENGE_INVALID);
    }

    Result<?> limited = f.service.complete("no-such-token", "123456", "203.0.113.9");

    assertThat(kind(limited)).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(limited.failure().orElseThrow().retryAfter()).isPresent();
    assertThat(kind(f.service.complete("no-such-token", "123456", "203.0.113.10")))
        .isEqualTo(ErrorKind.MFA_CHALLENGE_INVALID);
    f.clock.advance(java.time.Duration.ofMinutes(1));
    assertThat(kind(f.service.complete("no-such-token", "123456", "203.0.113.9")))
        .isEqualTo(ErrorKind.MFA_CHALLENGE_INVALID);
  }
}
