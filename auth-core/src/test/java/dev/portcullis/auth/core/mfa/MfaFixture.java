package dev.portcullis.auth.core.mfa;

import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Enrolment;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.CountingHasher;
import dev.portcullis.auth.core.fakes.FakeMfaStores;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.mfa.internal.Base32;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** An MfaService over fake stores, a test clock and a plain hasher. */
final class MfaFixture {
  final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
  final FakeStores stores;
  final FakeMfaStores mfa = new FakeMfaStores();
  final CountingHasher hasher = new CountingHasher();
  final MfaSettings settings = MfaSettings.forTests();
  final SecureRandom random = new SecureRandom();
  final MfaAttempts attempts;
  final TotpFactor totp;
  final RecoveryCodes codes;
  final MfaService service;
  final List<AuthEvent> events = new CopyOnWriteArrayList<>();

  MfaFixture() {
    this(LockoutPolicy.defaults());
  }

  MfaFixture(LockoutPolicy policy) {
    stores = new FakeStores(clock, policy);
    attempts = new MfaAttempts(stores.tracker, clock);
    totp =
        new TotpFactor(
            mfa.factors, settings.cipher(random), attempts, settings.issuer(), clock, random);
    codes = new RecoveryCodes(mfa.codes, hasher, random, settings.recoveryCodes());
    service =
        new MfaService(
            settings,
            totp,
            codes,
            attempts,
            mfa.factors,
            mfa.challenges,
            stores.users,
            hasher,
            stores.limiter,
            64,
            new AuthEvents(Set.of(events::add)),
            clock,
            random);
  }

  User user(String id) {
    return stores
        .users
        .create(
            new NewUser(
                id,
                id,
                id + "@example.com",
                null,
                hasher.hash("password-" + id),
                Set.of(),
                clock.instant(),
                true))
        .unwrap();
  }

  /** Enrols and confirms TOTP; answers the seed and the recovery codes. */
  Enrolled enrolled(String id) {
    User u = user(id);
    Enrolment e = service.enrolTotp(u).unwrap();
    byte[] seed = Base32.decode(e.details().get("secret"));
    List<String> recovery = service.confirmTotp(id, code(seed)).unwrap();
    // Later codes belong to later steps than the one confirmation used.
    clock.advance(Duration.ofSeconds(30));
    return new Enrolled(u, seed, recovery);
  }

  String code(byte[] seed) {
    return Totp.code(seed, Totp.step(clock.instant()));
  }

  Authentication password(User u) {
    return new Authentication(u, 0, clock.instant(), "192.0.2.1", "test");
  }

  record Enrolled(User user, byte[] seed, List<String> recoveryCodes) {}
}
