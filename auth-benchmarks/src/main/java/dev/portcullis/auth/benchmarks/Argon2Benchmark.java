package dev.portcullis.auth.benchmarks;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
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
 * Item 4: one argon2id hash (32-byte output, 16-byte salt) with Bouncy Castle, which Portcullis
 * uses, against the reference C implementation (libargon2, bundled by argon2-jvm, called through
 * JNA), at OWASP's settings (Portcullis's default) and at Keycloak's. The two must agree byte for
 * byte. Reference: libargon2.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
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

  @Setup
  public void setUp() {
    int[] p = settings.equals("owasp") ? Fixtures.ARGON2_DEFAULT : Fixtures.ARGON2_KEYCLOAK;
    memoryKib = p[0];
    iterations = p[1];
    parallelism = p[2];
    password = Fixtures.PASSWORD.getBytes(StandardCharsets.UTF_8);
    salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    reference = Argon2Factory.createAdvanced(Argon2Types.ARGON2id, 16, 32);
    Fixtures.check(
        Arrays.equals(bouncyCastle(), nativeLibargon2()), "Bouncy Castle and libargon2 agree");
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
