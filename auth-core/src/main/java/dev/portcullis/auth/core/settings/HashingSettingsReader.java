package dev.portcullis.auth.core.settings;

import dev.portcullis.auth.core.hash.Argon2Params;
import dev.portcullis.auth.core.hash.BcryptParams;
import dev.portcullis.auth.core.hash.HashAlgorithm;
import dev.portcullis.auth.core.hash.HashingLimits;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.Pbkdf2Params;
import dev.portcullis.auth.core.hash.Pepper;
import dev.portcullis.auth.core.hash.ScryptParams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code auth.hashing.*}: refuses weak costs in staging and production, and in every
 * environment a heap too small for the concurrent hashes allowed.
 */
final class HashingSettingsReader {

  /** The OWASP Password Storage Cheat Sheet floors, refused below in staging and production. */
  static final int MIN_ARGON2_MEMORY_KIB = 19_456;

  /** The OWASP memory floor for argon2id with a single pass (t = 1). */
  static final int MIN_ARGON2_MEMORY_KIB_ONE_PASS = 47_104;

  static final int MIN_BCRYPT_COST = 12;
  static final int MIN_SCRYPT_N = 1 << 17;
  static final int MIN_PBKDF2_SHA256 = 600_000;
  static final int MIN_PBKDF2_SHA512 = 210_000;
  static final int MIN_PEPPER_BYTES = 32;

  private HashingSettingsReader() {}

  static HashingSettings read(SettingsReader reader) {
    HashAlgorithm algorithm =
        reader.parsed(
            "auth.hashing.algorithm",
            HashAlgorithm.ARGON2ID,
            HashAlgorithm::fromId,
            "use argon2id, bcrypt, scrypt, pbkdf2-sha256 or pbkdf2-sha512");
    int memory = reader.integer("auth.hashing.argon2.memory-kib", 8, 1_048_576);
    int iterations = reader.integer("auth.hashing.argon2.iterations", 1, 64);
    int parallelism = reader.integer("auth.hashing.argon2.parallelism", 1, 64);
    int cost = reader.integer("auth.hashing.bcrypt.cost", 4, 18);
    int n = reader.integer("auth.hashing.scrypt.n", 2, 1 << 20);
    int r = reader.integer("auth.hashing.scrypt.r", 1, 32);
    int p = reader.integer("auth.hashing.scrypt.p", 1, 16);
    int sha256 = reader.integer("auth.hashing.pbkdf2.sha256-iterations", 1, 10_000_000);
    int sha512 = reader.integer("auth.hashing.pbkdf2.sha512-iterations", 1, 10_000_000);
    int before = reader.problems().size();
    Optional<String> pepper = reader.secret("auth.hashing.pepper", MIN_PEPPER_BYTES);
    byte[] pepperBytes = pepper.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    if (reader.problems().size() > before) {
      pepperBytes = null; // already reported
    } else if (pepperBytes != null && pepperBytes.length < Pepper.MIN_LENGTH) {
      reader.problem(
          "auth.hashing.pepper",
          "is "
              + pepperBytes.length
              + " bytes; at least "
              + Pepper.MIN_LENGTH
              + " are required ("
              + MIN_PEPPER_BYTES
              + " in staging and production).",
          "generate one: openssl rand -base64 32");
      pepperBytes = null;
    }

    floor(reader, "auth.hashing.argon2.memory-kib", memory, MIN_ARGON2_MEMORY_KIB, "KiB");
    if (iterations < 2 && memory < MIN_ARGON2_MEMORY_KIB_ONE_PASS) {
      // OWASP: 19 MiB needs 2 passes; a single pass needs 46 MiB.
      weakCost(
          reader,
          "auth.hashing.argon2.iterations",
          "is "
              + iterations
              + " with "
              + memory
              + " KiB; the OWASP minimum for a single pass is "
              + MIN_ARGON2_MEMORY_KIB_ONE_PASS
              + " KiB.",
          "set it to at least 2, or auth.hashing.argon2.memory-kib to at least "
              + MIN_ARGON2_MEMORY_KIB_ONE_PASS);
    }
    floor(reader, "auth.hashing.bcrypt.cost", cost, MIN_BCRYPT_COST, "");
    floor(reader, "auth.hashing.scrypt.n", n, MIN_SCRYPT_N, "");
    floor(reader, "auth.hashing.pbkdf2.sha256-iterations", sha256, MIN_PBKDF2_SHA256, "");
    floor(reader, "auth.hashing.pbkdf2.sha512-iterations", sha512, MIN_PBKDF2_SHA512, "");
    if (Integer.bitCount(n) != 1) {
      reader.problem("auth.hashing.scrypt.n", "must be a power of two.", "use 131072 (2^17)");
    }
    if (algorithm == HashAlgorithm.BCRYPT) {
      reader.warn(
          "auth.hashing.algorithm is bcrypt, which takes at most 72 bytes of password: longer"
              + " passwords are refused at registration, password change and reset (policy"
              + " violation too_long_for_hasher). argon2id has no such limit.");
    }

    try {
      return new HashingSettings(
          algorithm,
          new Argon2Params(memory, iterations, parallelism),
          new BcryptParams(cost),
          new ScryptParams(Integer.bitCount(n) == 1 ? n : MIN_SCRYPT_N, r, p),
          new Pbkdf2Params(sha256, sha512),
          HashingSettings.DEFAULT_SALT_LENGTH,
          Optional.ofNullable(pepperBytes).map(Pepper::of));
    } catch (IllegalArgumentException e) {
      // Combinations only the hasher can judge (memory x passes caps, a short pepper).
      reader.problem("auth.hashing", e.getMessage() + ".", "adjust the named hashing settings");
      return HashingSettings.defaults();
    }
  }

  /** The longest {@code auth.hashing.max-wait}: a login held longer has long been abandoned. */
  static final Duration MAX_WAIT_CAP = Duration.ofMinutes(1);

  private static final long MIB = 1024L * 1024L;

  /**
   * Reads {@code auth.hashing.max-concurrent} (0 sizes it from the processors and the heap), {@code
   * auth.hashing.max-wait} and {@code auth.hashing.max-queue} (0: {@link
   * HashingLimits#DEFAULT_QUEUE_PER_PERMIT} per permit), and refuses a heap in which that many
   * hashes at {@code hashing}'s memory cost would not fit with room to spare.
   */
  static HashingLimits readLimits(
      SettingsReader reader, HashingSettings hashing, HostResources host) {
    String capKey = "auth.hashing.max-concurrent";
    int configured = reader.integer(capKey, 0, 1024);
    Duration maxWait = reader.nonNegativeDuration("auth.hashing.max-wait");
    if (maxWait.compareTo(MAX_WAIT_CAP) > 0) {
      reader.problem(
          "auth.hashing.max-wait",
          "is " + maxWait.toSeconds() + " s; a login would hang longer than any client waits.",
          "use 2s (the default) or at most 1m");
      maxWait = MAX_WAIT_CAP;
    }
    long perHash = hashing.bytesPerHash();
    long heap = host.maxHeapBytes();
    int cap =
        configured == 0
            ? HashingLimits.automaticConcurrency(host.processors(), heap, perHash)
            : configured;
    long budget = HashingLimits.hashingBudget(heap);
    if (perHash > 0 && heap != Long.MAX_VALUE && cap * perHash > budget) {
      long fits = budget / perHash;
      long neededHeapMib = (2 * cap * perHash + MIB - 1) / MIB;
      String what =
          cap
              + " concurrent "
              + hashing.algorithm().id()
              + " hash"
              + (cap == 1 ? "" : "es")
              + " of "
              + (perHash / 1024)
              + " KiB "
              + (cap == 1 ? "needs " : "need ")
              + (cap * perHash + MIB - 1) / MIB
              + " MiB, more than half of the JVM's maximum heap of "
              + heap / MIB
              + " MiB (hashing may take half; the rest is for everything else), so logins would"
              + " fail with OutOfMemoryError under load.";
      String lower =
          fits >= 1
              ? "set " + capKey + " to at most " + fits + " (or 0 to size it from the heap)"
              : "lower auth.hashing.argon2.memory-kib (or the scrypt costs) if your policy allows";
      reader.problem(
          capKey,
          "is " + (configured == 0 ? "0 (automatic) and even " : configured + ": ") + what,
          "start the JVM with a larger heap (-Xmx" + neededHeapMib + "m or more), or " + lower);
    }
    int queue = reader.integer("auth.hashing.max-queue", 0, 100_000);
    return new HashingLimits(cap, maxWait, queue == 0 ? HashingLimits.automaticQueue(cap) : queue);
  }

  private static void floor(SettingsReader reader, String key, int value, int min, String unit) {
    if (value < min) {
      weakCost(
          reader,
          key,
          "is "
              + value
              + (unit.isEmpty() ? "" : " " + unit)
              + ", below the OWASP minimum of "
              + min
              + ".",
          "set it to at least " + min);
    }
  }

  /**
   * A cost below the OWASP floor: refused in staging and production, warned about in development,
   * and silent in {@code test}, where fast hashing is the point.
   */
  private static void weakCost(SettingsReader reader, String key, String problem, String fix) {
    if (reader.environment() != Environment.TEST) {
      reader.insecure(key, problem, fix);
    }
  }
}
