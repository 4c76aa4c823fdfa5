package dev.portcullis.auth.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Enrolment;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.MfaChallenge;
import dev.portcullis.auth.api.model.User;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

final class MfaServiceTest {

  private static ErrorKind kind(Result<?> r) {
    return r.failure().orElseThrow(() -> new AssertionError("expected an error: " + r)).kind();
  }

  private static LoginStep.ChallengeRequired challenge(LoginStep step) {
    assertThat(step).isInstanceOf(LoginStep.ChallengeRequired.class);
    return (LoginStep.ChallengeRequired) step;
  }

  @Test
  void enrol_answersABase32SeedAnOtpauthUriAndAnSvgQrCode() {
    MfaFixture f = new MfaFixture();
    User u = f.user("alice");

    Enrolment e = f.service.enrolTotp(u).unwrap();

    assertThat(e.details().get("secret")).matches("[A-Z2-7]{32}");
    assertThat(e.details().get("otpauth_uri"))
        .isEqualTo(
            "otpauth://totp/Portcullis:alice%40example.com?secret="
                + e.details().get("secret")
                + "&issuer=Portcullis&algorithm=SHA1&digits=6&period=30");
    assertThat(e.details().get("qr_svg")).startsWith("<svg").endsWith("</svg>");
    assertThat(e.toString()).doesNotContain(e.details().get("secret"));
    assertThat(f.mfa.factors.find("alice", "totp").orElseThrow().secret())
        .doesNotContain(e.details().get("secret"));
  }

  @Test
  void login_withoutAnActiveFactorIsDone_aPendingEnrolmentGuardsNothing() {
    MfaFixture f = new MfaFixture();
    User u = f.user("alice");
    f.service.enrolTotp(u).unwrap();

    assertThat(f.service.begin(f.password(u))).isInstanceOf(LoginStep.Done.class);
  }

  @Test
  void confirm_aWrongFirstCodeLeavesItPending_theRightOneActivatesAndGivesTenRecoveryCodes() {
    MfaFixture f = new MfaFixture();
    User u = f.user("alice");
    f.service.enrolTotp(u).unwrap();

    assertThat(kind(f.service.confirmTotp("alice", "000000")))
        .isEqualTo(ErrorKind.INVALID_MFA_CODE);
    assertThat(f.totp.active("alice")).isFalse();

    MfaFixture.Enrolled e = f.enrolled("bob");
    assertThat(e.recoveryCodes())
        .hasSize(10)
        .allMatch(c -> c.matches("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}"))
        .doesNotHaveDuplicates();
    assertThat(f.mfa.codes.all()).allMatch(c -> c.hash().startsWith("$plain$"));
    assertThat(f.totp.active("bob")).isTrue();
  }

  @Test
  void login_withAnActiveFactorGivesAChallenge_andTheRightCodeCompletesItWithAmrPwdOtp() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");

    LoginStep.ChallengeRequired c = challenge(f.service.begin(f.password(e.user())));

    assertThat(c.token()).matches("[A-Za-z0-9_-]{43}");
    assertThat(c.methods()).containsExactly("totp", "recovery_code");
    assertThat(c.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(f.mfa.challenges.byHash).hasSize(1).doesNotContainKey(c.token());
    assertThat(c.toString()).doesNotContain(c.token());

    Authentication a = f.service.complete(c.token(), f.code(e.seed())).unwrap();

    assertThat(a.amr()).containsExactly("pwd", "otp");
    assertThat(a.user().id()).isEqualTo("alice");
    assertThat(a.clientAddress()).isEqualTo("192.0.2.1");
    assertThat(kind(f.service.complete(c.token(), f.code(e.seed()))))
        .isEqualTo(ErrorKind.MFA_CHALLENGE_INVALID);
  }

  @Test
  void replay_aCodeAcceptedOnceIsRefusedForTheNextLogin() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");
    String code = f.code(e.seed());
    f.service.complete(challenge(f.service.begin(f.password(e.user()))).token(), code).unwrap();

    LoginStep.ChallengeRequired second = challenge(f.service.begin(f.password(e.user())));

    assertThat(kind(f.service.complete(second.token(), code)))
        .isEqualTo(ErrorKind.INVALID_MFA_CODE);
    // An earlier step's code is refused too once a later step was used.
    f.clock.advance(Duration.ofSeconds(30));
    assertThat(f.service.complete(second.token(), f.code(e.seed())).isOk()).isTrue();
  }

  @Test
  void windowEdges_aCodeWorksFromOneStepBeforeToOneStepAfter_byMovingTheClock() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");
    f.clock.advance(Duration.ofHours(1));
    long step = Totp.step(f.clock.instant()) + 10;
    String code = dev.portcullis.auth.core.mfa.Totp.code(e.seed(), step);
    java.time.Instant start = java.time.Instant.ofEpochSecond(step * 30);

    f.clock.advance(Duration.between(f.clock.instant(), start.minusSeconds(31)));
    assertThat(kind(f.totp.verify("alice", code))).isEqualTo(ErrorKind.INVALID_MFA_CODE);
    f.clock.advance(Duration.ofSeconds(1 + 30 + 59 + 1));
    assertThat(kind(f.totp.verify("alice", code))).isEqualTo(ErrorKind.INVALID_MFA_CODE);
    f.clock.advance(Duration.ofSeconds(-1));
    assertThat(f.totp.verify("alice", code).isOk()).isTrue();
  }

  @Test
  void windowEdges_theFirstAcceptedInstantIsOneStepEarly() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");
    long step = Totp.step(f.clock.instant()) + 10;
    java.time.Instant start = java.time.Instant.ofEpochSecond(step * 30);
    f.clock.advance(Duration.between(f.clock.instant(), start.minusSeconds(30)));

    assertThat(f.totp.verify("alice", Totp.code(e.seed(), step)).isOk()).isTrue();
  }

  @Test
  void challenge_diesAfterFiveWrongCodes() {
    LockoutPolicy lenient =
        new LockoutPolicy(
            50,
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ZERO,
            Duration.ofMinutes(30),
            Duration.ofHours(1));
    MfaFixture f = new MfaFixture(lenient);
    MfaFixture.Enrolled e = f.enrolled("alice");
    String token = challenge(f.service.begin(f.password(e.user()))).token();

    for (int i = 0; i < 5; i++) {
      assertThat(kind(f.service.complete(token, "000000"))).isEqualTo(ErrorKind.INVALID_MFA_CODE);
    }

    assertThat(kind(f.service.complete(token, f.code(e.seed()))))
        .isEqualTo(ErrorKind.MFA_CHALLENGE_INVALID);
  }

  @Test
  void challenge_expiresAfterFiveMinutes() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");
    String token = challenge(f.service.begin(f.password(e.user()))).token();

    f.clock.advance(Duration.ofMinutes(5));

    assertThat(kind(f.service.complete(token, f.code(e.seed()))))
        .isEqualTo(ErrorKind.MFA_CHALLENGE_INVALID);
  }

  @Test
  void wrongCodes_areCountedUnderTheirOwnKeyWithTheLockoutPolicy() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");

    for (int i = 0; i < 5; i++) {
      String token = challenge(f.service.begin(f.password(e.user()))).token();
      f.service.complete(token, "000000");
    }
    String token = challenge(f.service.begin(f.password(e.user()))).token();

    assertThat(kind(f.service.complete(token, f.code(e.seed()))))
        .isEqualTo(ErrorKind.ACCOUNT_LOCKED);
    assertThat(f.stores.tracker.status(MfaAttempts.key("alice")).locked()).isTrue();
    assertThat(f.stores.tracker.status("alice").locked()).isFalse();
  }

  @Test
  void recoveryCode_completesALoginOnce_oneHashPerAttempt() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");
    String code = e.recoveryCodes().get(3).toUpperCase();
    String first = challenge(f.service.begin(f.password(e.user()))).token();
    int before = f.hasher.verifications.get();

    assertThat(f.service.complete(first, code).unwrap().amr()).containsExactly("pwd", "otp");
    assertThat(f.hasher.verifications.get() - before).isEqualTo(1);
    assertThat(f.service.remainingRecoveryCodes("alice")).isEqualTo(9);

    String second = challenge(f.service.begin(f.password(e.user()))).token();
    before = f.hasher.verifications.get();
    assertThat(kind(f.service.complete(second, code))).isEqualTo(ErrorKind.INVALID_MFA_CODE);
    assertThat(f.hasher.verifications.get() - before).isEqualTo(1);
  }

  @Test
  void regenerate_voidsTheOldRecoveryCodes_andNeedsACurrentCode() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");

    assertThat(kind(f.service.regenerateRecoveryCodes("alice", "000000")))
        .isEqualTo(ErrorKind.INVALID_MFA_CODE);
    List<String> fresh = f.service.regenerateRecoveryCodes("alice", f.code(e.seed())).unwrap();

    assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(e.recoveryCodes());
    assertThat(f.codes.use("alice", e.recoveryCodes().get(0))).isFalse();
    assertThat(f.codes.use("alice", fresh.get(0))).isTrue();
  }

  @Test
  void remove_needsAFreshPasswordOrCode_thenLoginsNeedNoSecondFactor() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");

    assertThat(kind(f.service.removeTotp("alice", "wrong", null)))
        .isEqualTo(ErrorKind.INVALID_CREDENTIALS);
    assertThat(kind(f.service.removeTotp("alice", null, null)))
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(f.service.removeTotp("alice", "password-alice", null).isOk()).isTrue();

    assertThat(f.service.begin(f.password(e.user()))).isInstanceOf(LoginStep.Done.class);
    assertThat(f.service.remainingRecoveryCodes("alice")).isZero();
    assertThat(kind(f.service.removeTotp("alice", "password-alice", null)))
        .isEqualTo(ErrorKind.MFA_NOT_ENROLLED);
  }

  @Test
  void reset_removesFactorsCodesPendingLoginsAndTheLock() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");
    String token = challenge(f.service.begin(f.password(e.user()))).token();
    for (int i = 0; i < 5; i++) {
      f.totp.verify("alice", "000000");
    }

    assertThat(f.service.reset("alice")).isEqualTo(1);

    assertThat(f.mfa.challenges.byHash.values()).noneMatch(c -> c.userId().equals("alice"));
    assertThat(f.stores.tracker.status(MfaAttempts.key("alice")).locked()).isFalse();
    assertThat(kind(f.service.complete(token, f.code(e.seed()))))
        .isEqualTo(ErrorKind.MFA_CHALLENGE_INVALID);
  }

  @Test
  void aDisabledUserGetsNothingFromAPendingLogin() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");
    String token = challenge(f.service.begin(f.password(e.user()))).token();
    f.stores.users.setEnabled("alice", false);

    assertThat(kind(f.service.complete(token, f.code(e.seed()))))
        .isEqualTo(ErrorKind.INVALID_CREDENTIALS);
  }

  /**
   * Two logins, one code: both pass the code check, then meet at a barrier in the store's {@code
   * useStep} before either writes, so both are truly in flight; the compare-and-set lets one win.
   */
  @Test
  void twoLoginsWithOneCode_exactlyOneWins() throws Exception {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");
    String a = challenge(f.service.begin(f.password(e.user()))).token();
    String b = challenge(f.service.begin(f.password(e.user()))).token();
    String code = f.code(e.seed());
    CyclicBarrier bothInFlight = new CyclicBarrier(2);
    f.mfa.factors.beforeUseStep =
        () -> {
          try {
            bothInFlight.await();
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Result<Authentication>> ra = pool.submit(() -> f.service.complete(a, code));
      Future<Result<Authentication>> rb = pool.submit(() -> f.service.complete(b, code));
      List<Result<Authentication>> results = List.of(ra.get(), rb.get());

      assertThat(results).filteredOn(Result::isOk).hasSize(1);
      assertThat(results)
          .filteredOn(Result::isErr)
          .singleElement()
          .satisfies(r -> assertThat(kind(r)).isEqualTo(ErrorKind.INVALID_MFA_CODE));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void storedChallengesHoldNoToken() {
    MfaFixture f = new MfaFixture();
    MfaFixture.Enrolled e = f.enrolled("alice");
    String token = challenge(f.service.begin(f.password(e.user()))).token();

    MfaChallenge stored = f.mfa.challenges.byHash.values().iterator().next();

    assertThat(stored.tokenHash()).hasSize(64).isEqualTo(MfaService.hash(token));
    assertThat(stored.toString()).doesNotContain(stored.tokenHash());
  }
}
