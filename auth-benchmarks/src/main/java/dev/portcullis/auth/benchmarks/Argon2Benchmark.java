package dev.portcullis.auth.benchmarks;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.PasswordHashers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 4: one argon2id verification (32-byte output, 16-byte salt) by Portcullis's hasher (its own
 * Argon2 fill since issue 17), against Bouncy Castle's {@code Argon2BytesGenerator} (what
 * Portcullis used before) and the reference C implementation (libargon2, bundled by argon2-jvm,
 * called through JNA), at OWASP's settings (Portcullis's default) and at Keycloak's. All three must
 * agree byte for byte. Reference: libargon2.
 *
 * <p>Five forks: the JIT compiles a hash's inner loop once per JVM start, and a shape that differs
 * between starts shows only as a spread between forks (issue 17: Bouncy Castle's took about 30 or
 * 60 ms depending on the start). The report gives the median of the fork means and their spread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 5,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class Argon2Benchmark {

  /** {@code owasp}: m=19456 KiB, t=2, p=1. {@code keycloak}: m=7168 KiB, t=5, p=1. */
  @Param({"owasp", "keycloak"})
  public String settings;

  private int memoryKib;
  private int iterations;
  private int parallelism;
  private byte[] password;
  private byte[] salt;
  private Argon2Advanced reference;
  private PasswordHasher portcullis;
  private String stored;

  @Setup
  public void setUp() {
    int[] p = settings.equals("owasp") ? Fixtures.ARGON2_DEFAULT : Fixtures.ARGON2_KEYCLOAK;
    memoryKib = p[0];
    iterations = p[1];
    parallelism = p[2];
    password = Fixtures.PASSWORD.getBytes(StandardCharsets.UTF_8);
    portcullis = PasswordHashers.create(HashingSettings.defaults().withArgon2(p[0], p[1], p[2]));
    stored = portcullis.hash(Fixtures.PASSWORD);
    String[] fields = stored.split("\\$");
    Fixtures.check(
        fields[3].equals("m=" + p[0] + ",t=" + p[1] + ",p=" + p[2]), "Portcullis's settings");
    salt = Base64.getDecoder().decode(fields[4]);
    byte[] tag = Base64.getDecoder().decode(fields[5]);
    reference = Argon2Factory.createAdvanced(Argon2Types.ARGON2id, 16, 32);
    Fixtures.check(Arrays.equals(tag, nativeLibargon2()), "Portcullis and libargon2 agree");
    Fixtures.check(Arrays.equals(tag, bouncyCastle()), "Portcullis and Bouncy Castle agree");
    Fixtures.check(portcullis(), "Portcullis verifies its own hash");
  }

  /**
   * Portcullis's {@code PasswordHasher.verify}: PHC parsing, the hash and a constant-time compare.
   */
  @Benchmark
  public boolean portcullis() {
    return portcullis.verify(Fixtures.PASSWORD, stored);
  }

  @Benchmark
  public byte[] bouncyCastle() {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build());
    byte[] out = new byte[32];
    generator.generateBytes(password, out);
    return out;
  }

  @Benchmark
  public byte[] nativeLibargon2() {
    return reference.rawHash(iterations, memoryKib, parallelism, password, salt);
  }
}
