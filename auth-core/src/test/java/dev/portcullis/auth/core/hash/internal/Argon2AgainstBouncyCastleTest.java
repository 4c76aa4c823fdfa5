package dev.portcullis.auth.core.hash.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.core.hash.internal.Kdf.Argon2Type;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * Portcullis's own Argon2 fill against Bouncy Castle's {@code Argon2BytesGenerator}, an independent
 * implementation, on random inputs: every type and version, 1 to 4 lanes, memory not a multiple of
 * 4 x lanes, several passes, outputs shorter and longer than 64 bytes, with and without secret and
 * associated data.
 */
final class Argon2AgainstBouncyCastleTest {

  @Test
  void agreesWithBouncyCastleOnRandomParametersAndInputs() {
    SplittableRandom random = new SplittableRandom(20261206L);
    for (int round = 0; round < 120; round++) {
      Argon2Type type = Argon2Type.values()[random.nextInt(3)];
      int version = random.nextBoolean() ? Kdf.ARGON2_VERSION_13 : Kdf.ARGON2_VERSION_10;
      int lanes = 1 + random.nextInt(4);
      int memory = 8 * lanes + random.nextInt(600);
      int passes = 1 + random.nextInt(4);
      int outputLength = 4 + random.nextInt(150);
      byte[] password = bytes(random, random.nextInt(40));
      byte[] salt = bytes(random, 8 + random.nextInt(24));
      byte[] secret = random.nextInt(3) == 0 ? bytes(random, 1 + random.nextInt(32)) : null;
      byte[] data = random.nextInt(3) == 0 ? bytes(random, 1 + random.nextInt(32)) : null;

      byte[] ours =
          Kdf.argon2(
              type, version, password, salt, secret, data, memory, passes, lanes, outputLength);

      assertThat(ours)
          .as(
              "%s v=%x m=%d t=%d p=%d out=%d secret=%b data=%b",
              type, version, memory, passes, lanes, outputLength, secret != null, data != null)
          .isEqualTo(
              bouncyCastle(
                  type,
                  version,
                  password,
                  salt,
                  secret,
                  data,
                  memory,
                  passes,
                  lanes,
                  outputLength));
    }
  }

  @Test
  void agreesWithBouncyCastleAtTheDefaultCostFromSeveralThreadsAtOnce() throws Exception {
    SplittableRandom random = new SplittableRandom(17L);
    List<Callable<Boolean>> hashes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] password = bytes(random, 16);
      byte[] salt = bytes(random, 16);
      int memory = i % 2 == 0 ? 19_456 : 7_168;
      int passes = i % 2 == 0 ? 2 : 5;
      hashes.add(
          () -> {
            byte[] ours =
                Kdf.argon2(
                    Argon2Type.ARGON2ID,
                    Kdf.ARGON2_VERSION_13,
                    password,
                    salt,
                    null,
                    null,
                    memory,
                    passes,
                    1,
                    32);
            byte[] theirs =
                bouncyCastle(
                    Argon2Type.ARGON2ID,
                    Kdf.ARGON2_VERSION_13,
                    password,
                    salt,
                    null,
                    null,
                    memory,
                    passes,
                    1,
                    32);
            return java.util.Arrays.equals(ours, theirs);
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (Future<Boolean> result : pool.invokeAll(hashes)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] bouncyCastle(
      Argon2Type type,
      int version,
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] data,
      int memory,
      int passes,
      int lanes,
      int outputLength) {
    Argon2Parameters.Builder builder =
        new Argon2Parameters.Builder(type.code)
            .withVersion(version)
            .withMemoryAsKB(memory)
            .withIterations(passes)
            .withParallelism(lanes)
            .withSalt(salt);
    if (secret != null) {
      builder.withSecret(secret);
    }
    if (data != null) {
      builder.withAdditional(data);
    }
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(builder.build());
    byte[] out = new byte[outputLength];
    generator.generateBytes(password, out);
    return out;
  }

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }
}
