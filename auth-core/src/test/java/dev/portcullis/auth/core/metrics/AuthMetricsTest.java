package dev.portcullis.auth.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.event.AuthEvent.FailureReason;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a framework user's registry shows once {@link AuthMetrics} is bound to it. */
final class AuthMetricsTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private final AuthMetrics metrics = new AuthMetrics();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void bindTo_publishesEveryMeter_beforeAnythingHappened() {
    metrics.bindTo(registry);

    assertThat(registry.getMeters().stream().map(m -> m.getId().getName()).distinct())
        .contains(
            "portcullis.logins",
            "portcullis.lockouts",
            "portcullis.password.hash",
            "portcullis.token.verify",
            "portcullis.token.verifications");
  }

  @Test
  void loginsByOutcome_unknownDisabledAndWrongPasswordAreOneOutcome_lockoutsCounted() {
    metrics.bindTo(registry);

    metrics.onEvent(new AuthEvent.LoggedIn(AT, "u1", "a@example.com", "10.0.0.1"));
    for (FailureReason r :
        new FailureReason[] {
          FailureReason.UNKNOWN_IDENTIFIER,
          FailureReason.WRONG_PASSWORD,
          FailureReason.ACCOUNT_DISABLED
        }) {
      metrics.onEvent(new AuthEvent.LoginFailed(AT, "a@example.com", "10.0.0.1", r));
    }
    metrics.onEvent(new AuthEvent.LockedOut(AT, "a@example.com", AT.plusSeconds(60), 5));

    assertThat(registry.get("portcullis.logins").tag("outcome", "success").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("portcullis.logins")
                .tag("outcome", "invalid_credentials")
                .counter()
                .count())
        .isEqualTo(3);
    assertThat(registry.get("portcullis.lockouts").counter().count()).isEqualTo(1);
    assertThat(registry.getMeters())
        .as("no label carries an identifier or address")
        .allSatisfy(m -> assertThat(tags(m)).doesNotContain("a@example.com", "10.0.0.1"));
  }

  @Test
  void timedHasher_timesHashAndVerify() {
    metrics.bindTo(registry);
    PasswordHasher timed = metrics.timed(new PlainHasher());

    timed.verify("pw", timed.hash("pw"));

    assertThat(registry.get("portcullis.password.hash").tag("operation", "hash").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("portcullis.password.hash").tag("operation", "verify").timer().count())
        .isEqualTo(1);
  }

  @Test
  void timedTokenService_countsVerificationsByErrorCode_andTimesThem() {
    metrics.bindTo(registry);
    TokenService timed = metrics.timed(new RefusingTokens());

    timed.verify("secret-token-value");

    assertThat(
            registry
                .get("portcullis.token.verifications")
                .tag("outcome", "token_expired")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("portcullis.token.verify").timer().count()).isEqualTo(1);
    assertThat(registry.getMeters())
        .allSatisfy(m -> assertThat(tags(m)).doesNotContain("secret-token-value"));
  }

  @Test
  void recordsBeforeBinding_andBindsToSeveralRegistries() {
    metrics.onEvent(new AuthEvent.LockedOut(AT, "x", AT, 5));
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    metrics.bindTo(second);

    metrics.onEvent(new AuthEvent.LockedOut(AT, "x", AT, 5));

    assertThat(registry.get("portcullis.lockouts").counter().count()).isEqualTo(1);
    assertThat(second.get("portcullis.lockouts").counter().count()).isEqualTo(1);
  }

  private static String tags(Meter m) {
    return m.getId().getTags().toString();
  }

  private static final class PlainHasher implements PasswordHasher {
    @Override
    public String hash(CharSequence password) {
      return "plain$" + password;
    }

    @Override
    public boolean verify(CharSequence password, String encodedHash) {
      return encodedHash.equals("plain$" + password);
    }

    @Override
    public boolean needsRehash(String encodedHash) {
      return false;
    }

    @Override
    public boolean supports(String encodedHash) {
      return encodedHash.startsWith("plain$");
    }
  }

  private static final class RefusingTokens implements TokenService {
    @Override
    public Result<Principal> verify(String accessToken) {
      return Result.err(AuthError.TokenRejected.of(TokenFailure.EXPIRED));
    }

    @Override
    public Result<TokenPair> issue(Authentication authentication) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result<TokenPair> refresh(String refreshToken) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result<Void> revoke(Principal principal) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result<Void> revokeSession(String userId, String sessionId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result<Void> revokeAll(String userId) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void monitor_publishesTheAuditTrailsFailuresOverflowAndQueue() {
    AuthMetrics metrics = new AuthMetrics();
    metrics.bindTo(registry);
    dev.portcullis.auth.api.store.AuditStore refusing =
        new dev.portcullis.auth.api.store.AuditStore() {
          @Override
          public void append(dev.portcullis.auth.api.model.AuditRecord record) {
            throw new IllegalStateException("down");
          }

          @Override
          public java.util.List<dev.portcullis.auth.api.model.AuditRecord> findByUser(
              String userId, int limit) {
            return java.util.List.of();
          }

          @Override
          public java.util.List<dev.portcullis.auth.api.model.AuditRecord> recent(int limit) {
            return java.util.List.of();
          }

          @Override
          public int purge(Instant cutoff) {
            return 0;
          }
        };
    dev.portcullis.auth.core.event.AuditTrail trail =
        new dev.portcullis.auth.core.event.AuditTrail(refusing);
    metrics.monitor(trail);

    try {
      trail.onEvent(
          new AuthEvent.LoginFailed(
              Instant.EPOCH, "a@example.com", "203.0.113.9", FailureReason.WRONG_PASSWORD));
    } catch (IllegalStateException expected) {
      // synchronous: the store's failure goes to the caller (AuthEvents logs it)
    }

    assertThat(registry.get("portcullis.audit.failed").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("portcullis.audit.overflow").functionCounter().count()).isZero();
    assertThat(registry.get("portcullis.audit.queued").gauge().value()).isZero();
  }
}
