package dev.portcullis.auth.benchmarks;

import com.google.inject.Injector;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.PasswordHashers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 3: a password login through {@code Authenticator} on the in-memory stores (rate limits,
 * lockout reservation, user lookup, hash check, events and audit), against the raw argon2id hash
 * and compare at the same settings (Portcullis's own hasher without the pool; OWASP's m=19456 KiB,
 * t=2, p=1). Also the two failure paths that must take the same time: an unknown identifier and a
 * wrong password. Reference: the raw hash.
 *
 * <p>Failures are spread over 1024 accounts (and 1024 unknown identifiers) so that no identifier
 * reaches the lockout threshold; rate limits are raised out of the way in {@link Fixtures}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class LoginBenchmark {

  private static final int ACCOUNTS = 1024;
  private static final String WRONG_PASSWORD = "correct horse battery stapler";
  private static final String USER_AGENT = "portcullis-bench";

  private Authenticator authenticator;
  private final String[] known = new String[ACCOUNTS];
  private final String[] unknown = new String[ACCOUNTS];
  private int next;

  private PasswordHasher rawHasher;
  private String rawHash;

  @Setup
  public void setUp() {
    Injector portcullis = Fixtures.injector(Fixtures.config(10_000));
    String hash = portcullis.getInstance(PasswordHasher.class).hash(Fixtures.PASSWORD);
    Fixtures.check(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), "default settings");
    Fixtures.createUser(portcullis, Fixtures.IDENTIFIER, hash);
    for (int i = 0; i < ACCOUNTS; i++) {
      known[i] = "user-" + i + "@bench.example";
      unknown[i] = "nobody-" + i + "@bench.example";
      Fixtures.createUser(portcullis, known[i], hash);
    }
    authenticator = portcullis.getInstance(Authenticator.class);

    rawHasher =
        PasswordHashers.create(
            HashingSettings.defaults()
                .withArgon2(
                    Fixtures.ARGON2_DEFAULT[0],
                    Fixtures.ARGON2_DEFAULT[1],
                    Fixtures.ARGON2_DEFAULT[2]));
    rawHash = hash;

    Fixtures.check(loginSuccess().isOk(), "the right password logs in");
    Fixtures.check(invalidCredentials(loginWrongPassword()), "a wrong password is refused");
    Fixtures.check(invalidCredentials(loginUnknownUser()), "an unknown identifier is refused");
    Fixtures.check(rawArgon2id(), "the raw hash matches");
  }

  /**
   * The raw hash: Portcullis's own hasher (no pool, no login) verifying the password against a hash
   * at the default settings, the same work a login does for its password.
   */
  @Benchmark
  public boolean rawArgon2id() {
    return rawHasher.verify(Fixtures.PASSWORD, rawHash);
  }

  @Benchmark
  public Result<Authentication> loginSuccess() {
    return authenticator.authenticate(
        new LoginRequest(Fixtures.IDENTIFIER, Fixtures.PASSWORD, Fixtures.CLIENT, USER_AGENT));
  }

  @Benchmark
  public Result<Authentication> loginWrongPassword() {
    String identifier = known[next++ & (ACCOUNTS - 1)];
    return authenticator.authenticate(
        new LoginRequest(identifier, WRONG_PASSWORD, Fixtures.CLIENT, USER_AGENT));
  }

  @Benchmark
  public Result<Authentication> loginUnknownUser() {
    String identifier = unknown[next++ & (ACCOUNTS - 1)];
    return authenticator.authenticate(
        new LoginRequest(identifier, Fixtures.PASSWORD, Fixtures.CLIENT, USER_AGENT));
  }

  /**
   * Diagnostic: the same Portcullis, with the cheapest argon2id settings (m=8 KiB, t=1, p=1), so
   * that the hash no longer hides what the framework itself costs on each path.
   */
  @State(Scope.Thread)
  public static class CheapHash {
    static final int[] SETTINGS = {8, 1, 1};

    Authenticator authenticator;
    final String[] known = new String[ACCOUNTS];
    final String[] unknown = new String[ACCOUNTS];
    int next;
    PasswordHasher rawHasher;
    String rawHash;

    @Setup
    public void setUp() {
      Injector portcullis = Fixtures.injector(Fixtures.config(10_000, SETTINGS));
      String hash = portcullis.getInstance(PasswordHasher.class).hash(Fixtures.PASSWORD);
      Fixtures.check(hash.startsWith("$argon2id$v=19$m=8,t=1,p=1$"), "cheap settings");
      Fixtures.createUser(portcullis, Fixtures.IDENTIFIER, hash);
      for (int i = 0; i < ACCOUNTS; i++) {
        known[i] = "user-" + i + "@bench.example";
        unknown[i] = "nobody-" + i + "@bench.example";
        Fixtures.createUser(portcullis, known[i], hash);
      }
      authenticator = portcullis.getInstance(Authenticator.class);
      rawHasher =
          PasswordHashers.create(
              HashingSettings.defaults().withArgon2(SETTINGS[0], SETTINGS[1], SETTINGS[2]));
      rawHash = hash;
    }
  }

  /** Diagnostic: the raw hash at the cheapest settings. */
  @Benchmark
  public boolean cheapRawArgon2id(CheapHash s) {
    return s.rawHasher.verify(Fixtures.PASSWORD, s.rawHash);
  }

  /** Diagnostic: a successful login at the cheapest settings. */
  @Benchmark
  public Result<Authentication> cheapLoginSuccess(CheapHash s) {
    return s.authenticator.authenticate(
        new LoginRequest(Fixtures.IDENTIFIER, Fixtures.PASSWORD, Fixtures.CLIENT, USER_AGENT));
  }

  /** Diagnostic: a wrong password at the cheapest settings. */
  @Benchmark
  public Result<Authentication> cheapLoginWrongPassword(CheapHash s) {
    String identifier = s.known[s.next++ & (ACCOUNTS - 1)];
    return s.authenticator.authenticate(
        new LoginRequest(identifier, WRONG_PASSWORD, Fixtures.CLIENT, USER_AGENT));
  }

  /** Diagnostic: an unknown identifier at the cheapest settings. */
  @Benchmark
  public Result<Authentication> cheapLoginUnknownUser(CheapHash s) {
    String identifier = s.unknown[s.next++ & (ACCOUNTS - 1)];
    return s.authenticator.authenticate(
        new LoginRequest(identifier, Fixtures.PASSWORD, Fixtures.CLIENT, USER_AGENT));
  }

  private static boolean invalidCredentials(Result<Authentication> result) {
    return result.failure().map(e -> e.code().equals("invalid_credentials")).orElse(false);
  }
}
