package dev.portcullis.auth.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.model.ResetToken;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphStats;
import org.openjdk.jol.vm.VM;

/**
 * Measures the heap each memory adapter spends per entry, with realistic payloads (UUID ids, e-mail
 * identifiers, an Argon2id hash, a browser user agent): the size of the adapter's whole object
 * graph after {@value #N} entries, minus its size when empty, divided by {@value #N}. The figures
 * go into README.md; the assertions only catch a regression by a large factor.
 */
final class EntryFootprintTest {

  private static final int N = 1_000;
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
          + "yxsmpRtR3N2dT6k2fQ8kvWZ1bH2wUcs7Xv0x3gQ1b8s";
  private static final String AGENT =
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  private static final String ISSUER = "https://auth.example.com";

  private static long perEntry(String name, Object store, IntConsumer insert) {
    long empty = sizeOf(store);
    for (int i = 0; i < N; i++) {
      insert.accept(i);
    }
    long full = sizeOf(store);
    long bytes = Math.round((full - empty) / (double) N);
    System.out.printf("%-22s %5d bytes per entry%n", name, bytes);
    return bytes;
  }

  /**
   * The size of everything reachable from {@code root}. jol reads private fields through reflection
   * and falls back on each refusal, and each refusal's exception costs in proportion to the stack's
   * depth: a fresh thread's shallow stack makes the walk many times faster than JUnit's deep one.
   */
  private static long sizeOf(Object root) {
    long[] size = new long[1];
    Thread walker = new Thread(() -> size[0] = GraphStats.parseInstance(root).totalSize());
    walker.start();
    try {
      walker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return size[0];
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static String email(int i) {
    return "user" + (1_000_000 + i) + "@example.com";
  }

  private static String address(int i) {
    return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
  }

  @Test
  void measureEveryAdapter() {
    System.out.println(VM.current().details());

    UserStore users = MemoryStores.userStore();
    long user =
        perEntry(
            "UserStore",
            users,
            i -> {
              String identifier = email(i);
              users.create(
                  new NewUser(
                      uuid(),
                      identifier,
                      new String(identifier),
                      "User " + i,
                      HASH.replace("yxsm", Integer.toString(1000 + i % 9000)),
                      Set.of("user"),
                      NOW,
                      false));
            });

    SessionStore sessions = MemoryStores.sessionStore(CLOCK);
    long session =
        perEntry(
            "SessionStore",
            sessions,
            i ->
                sessions.create(
                    Session.start(
                        uuid(),
                        uuid(),
                        uuid(),
                        NOW,
                        NOW.plus(Duration.ofDays(30)),
                        address(i),
                        AGENT,
                        0)));

    LoginAttemptTracker tracker = MemoryStores.loginAttemptTracker(LockoutPolicy.defaults(), CLOCK);
    long failing =
        perEntry(
            "LoginAttemptTracker",
            tracker,
            i -> tracker.recordFailure((AttemptReservation.Granted) tracker.reserve(email(i))));

    LoginAttemptTracker lockTracker =
        MemoryStores.loginAttemptTracker(LockoutPolicy.defaults(), CLOCK);
    long locked =
        perEntry(
            "  (locked key)",
            lockTracker,
            i -> {
              for (int n = 0; n < LockoutPolicy.defaults().maxAttempts(); n++) {
                lockTracker.recordFailure(
                    (AttemptReservation.Granted) lockTracker.reserve(email(i)));
              }
            });

    TokenBlacklist blacklist = MemoryStores.tokenBlacklist(CLOCK);
    long revocation =
        perEntry(
            "TokenBlacklist",
            blacklist,
            i -> blacklist.revokeToken(ISSUER, uuid(), NOW, NOW.plus(Duration.ofMinutes(15))));

    RateLimiter limiter = MemoryStores.rateLimiter(CLOCK);
    RateLimitRule rule = RateLimitRule.parse("5/minute");
    long bucket =
        perEntry("RateLimiter", limiter, i -> limiter.tryAcquire("login:" + address(i), rule));

    ResetTokenStore tokens = MemoryStores.resetTokenStore(CLOCK);
    long token =
        perEntry(
            "ResetTokenStore",
            tokens,
            i ->
                tokens.save(
                    new ResetToken(
                        String.format("%064x", i),
                        uuid(),
                        NOW,
                        NOW.plus(Duration.ofMinutes(30)),
                        0)));

    AuditStore audit = MemoryStores.auditStore();
    long record =
        perEntry(
            "AuditStore",
            audit,
            i ->
                audit.append(
                    new AuditRecord(
                        "login_failed",
                        NOW.plusMillis(i),
                        uuid(),
                        email(i),
                        address(i),
                        "invalid_credentials")));

    // About twice the figures in README.md: a failure means a change grew the entries a lot.
    assertThat(user).isBetween(100L, 1200L);
    assertThat(session).isBetween(100L, 1400L);
    assertThat(failing).isBetween(50L, 600L);
    assertThat(locked).isBetween(50L, 600L);
    assertThat(revocation).isBetween(50L, 500L);
    assertThat(bucket).isBetween(30L, 400L);
    assertThat(token).isBetween(50L, 700L);
    assertThat(record).isBetween(100L, 1100L);
  }
}
