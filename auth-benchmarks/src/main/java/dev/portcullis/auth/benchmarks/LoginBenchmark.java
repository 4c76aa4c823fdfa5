package dev.portcullis.auth.benchmarks;

import com.google.inject.Injector;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
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
 * and compare at the same settings (Bouncy Castle, the implementation Portcullis uses; OWASP's
 * m=19456 KiB, t=2, p=1). Also the two failure paths that must take the same time: an unknown
 * identifier and a wrong password. Reference: the raw hash.
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

  private byte[] password;
  private byte[] salt;
  private byte[] expected;

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

    password = Fixtures.PASSWORD.getBytes(StandardCharsets.UTF_8);
    salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    expected = argon2id(password, salt);

    Fixtures.check(loginSuccess().isOk(), "the right password logs in");
    Fixtures.check(invalidCredentials(loginWrongPassword()), "a wrong password is refused");
    Fixtures.check(invalidCredentials(loginUnknownUser()), "an unknown identifier is refused");
    Fixtures.check(rawArgon2id(), "the raw hash matches");
  }

  /** The raw argon2id hash of the password at the default settings, and a constant-time compare. */
  @Benchmark
  public boolean rawArgon2id() {
    return MessageDigest.isEqual(argon2id(password, salt), expected);
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
    byte[] password;
    byte[] salt;

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
      password = Fixtures.PASSWORD.getBytes(StandardCharsets.UTF_8);
      salt = new byte[16];
      new SecureRandom().nextBytes(salt);
    }
  }

  /** Diagnostic: the raw hash at the cheapest settings. */
  @Benchmark
  public byte[] cheapRawArgon2id(CheapHash s) {
    return argon2id(s.password, s.salt, CheapHash.SETTINGS);
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

  private static byte[] argon2id(byte[] password, byte[] salt) {
    return argon2id(password, salt, Fixtures.ARGON2_DEFAULT);
  }

  private static byte[] argon2id(byte[] password, byte[] salt, int[] p) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p[0])
            .withIterations(p[1])
            .withParallelism(p[2])
            .withSalt(salt)
            .build());
    byte[] out = new byte[32];
    generator.generateBytes(password, out);
    return out;
  }

  private static boolean invalidCredentials(Result<Authentication> result) {
    return result.failure().map(e -> e.code().equals("invalid_credentials")).orElse(false);
  }
}
