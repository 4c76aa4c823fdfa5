package dev.portcullis.auth.benchmarks;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.PasswordHashers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id on a busy machine: Portcullis's verify, Bouncy Castle and libargon2 one after the other
 * in rounds, in one JVM, each timed by the CPU time of its thread rather than the wall clock, so
 * that other processes on the machine slow all three alike instead of whichever ran when the load
 * peaked (JMH's forks run them minutes apart). Prints, per implementation, the median and the
 * fastest round after {@code warm-up} rounds, and the ratios of the medians to libargon2's. Run it
 * in several fresh JVMs to see whether the speed differs from one start to the next:
 *
 * <pre>
 * java -Xms1g -Xmx1g -cp auth-benchmarks/target/benchmarks.jar \
 *   dev.portcullis.auth.benchmarks.Argon2Interleaved owasp 10 30
 * </pre>
 *
 * A CPU-time figure still carries what sharing the caches with other processes costs; it is a check
 * for a machine that cannot be made quiet, not a replacement for the JMH run on a quiet one.
 */
public final class Argon2Interleaved {

  private Argon2Interleaved() {}

  public static void main(String[] args) {
    String settings = args.length > 0 ? args[0] : "owasp";
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int[] p = settings.equals("owasp") ? Fixtures.ARGON2_DEFAULT : Fixtures.ARGON2_KEYCLOAK;
    PasswordHasher portcullis =
        PasswordHashers.create(HashingSettings.defaults().withArgon2(p[0], p[1], p[2]));
    String stored = portcullis.hash(Fixtures.PASSWORD);
    String[] fields = stored.split("\\$");
    byte[] salt = Base64.getDecoder().decode(fields[4]);
    byte[] tag = Base64.getDecoder().decode(fields[5]);
    byte[] password = Fixtures.PASSWORD.getBytes(StandardCharsets.UTF_8);
    Argon2Advanced reference = Argon2Factory.createAdvanced(Argon2Types.ARGON2id, 16, 32);
    Fixtures.check(
        Arrays.equals(tag, reference.rawHash(p[1], p[0], p[2], password, salt)),
        "Portcullis and libargon2 agree");
    Fixtures.check(
        Arrays.equals(tag, bouncyCastle(p, password, salt)), "Portcullis and Bouncy Castle agree");

    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[][] times = new long[3][rounds];
    for (int round = -warmup; round < rounds; round++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      Fixtures.check(portcullis.verify(Fixtures.PASSWORD, stored), "Portcullis verifies");
      long t1 = cpu.getCurrentThreadCpuTime();
      bouncyCastle(p, password, salt);
      long t2 = cpu.getCurrentThreadCpuTime();
      reference.rawHash(p[1], p[0], p[2], password, salt);
      long t3 = cpu.getCurrentThreadCpuTime();
      if (round >= 0) {
        times[0][round] = t1 - t0;
        times[1][round] = t2 - t1;
        times[2][round] = t3 - t2;
      }
    }
    String[] names = {"portcullis", "bouncyCastle", "nativeLibargon2"};
    double[] medians = new double[3];
    StringBuilder out = new StringBuilder(settings);
    for (int i = 0; i < 3; i++) {
      long[] t = times[i].clone();
      Arrays.sort(t);
      medians[i] = t[rounds / 2] / 1e6;
      out.append(
          String.format(
              Locale.ROOT, " %s median %.2f ms min %.2f ms;", names[i], medians[i], t[0] / 1e6));
    }
    out.append(
        String.format(
            Locale.ROOT,
            " portcullis/native %.3f bouncyCastle/native %.3f portcullis/bouncyCastle %.3f",
            medians[0] / medians[2],
            medians[1] / medians[2],
            medians[0] / medians[1]));
    System.out.println(out);
  }

  private static byte[] bouncyCastle(int[] p, byte[] password, byte[] salt) {
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
}
