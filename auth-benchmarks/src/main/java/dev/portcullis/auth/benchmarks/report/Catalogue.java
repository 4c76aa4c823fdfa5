package dev.portcullis.auth.benchmarks.report;

import java.util.List;
import java.util.Optional;

/**
 * What each benchmark is called in the report and which group it belongs to. The first figure of
 * each group is the group's reference: every figure of the group is reported as a ratio to it, both
 * measured in the same run.
 */
public final class Catalogue {

  /** A benchmark as the report shows it. */
  public record Figure(String key, String label) {}

  /**
   * A table of the report.
   *
   * @param id a short name
   * @param title the heading
   * @param description what is measured, in a sentence or two
   * @param figures the rows, reference first
   */
  public record Group(String id, String title, String description, List<Figure> figures) {
    /** The reference figure. */
    public Figure reference() {
      return figures.get(0);
    }
  }

  /** The benchmark classes, for tests that check every benchmark is catalogued. */
  public static final List<String> BENCHMARK_CLASSES =
      List.of(
          "VerifyHs256Benchmark",
          "VerifyAsymmetricBenchmark",
          "SignatureBenchmark",
          "IssueBenchmark",
          "LoginBenchmark",
          "Argon2Benchmark",
          "MemoryStoreBenchmark",
          "JdbcStoreBenchmark",
          "RedisStoreBenchmark");

  public static final List<Group> GROUPS =
      List.of(
          new Group(
              "verify-hs256",
              "1. Token verification, HS256",
              "One realistic access token (header alg, typ at+jwt, kid; claims iss, sub, aud, exp,"
                  + " nbf, iat, jti, sid, roles), minted by Portcullis, verified by each library"
                  + " with signature, expiry, issuer and audience checks.",
              List.of(
                  new Figure(
                      "VerifyHs256Benchmark.floorHmacSha256",
                      "Floor: raw HMAC-SHA256 of the signing input + constant-time compare"),
                  new Figure("VerifyHs256Benchmark.jjwt", "jjwt 0.12.6 alone"),
                  new Figure("VerifyHs256Benchmark.nimbus", "nimbus-jose-jwt 10.3"),
                  new Figure("VerifyHs256Benchmark.auth0", "auth0 java-jwt 4.6.2"),
                  new Figure(
                      "VerifyHs256Benchmark.portcullisUncached",
                      "Portcullis, uncached (with revocation check)"),
                  new Figure(
                      "VerifyHs256Benchmark.portcullisUncachedWithoutRevocation",
                      "Portcullis, uncached, no revocation check (diagnostic)"),
                  new Figure(
                      "VerifyHs256Benchmark.portcullisCached",
                      "Portcullis, cached (repeat token, with revocation check)"))),
          new Group(
              "verify-es256",
              "1b. Token verification, ES256 (P-256)",
              "The same token signed with ES256, against the JDK's raw signature check.",
              List.of(
                  new Figure(
                      "VerifyAsymmetricBenchmark.jdkVerify:alg=ES256",
                      "Floor: JDK Signature.verify (SHA256withECDSAinP1363Format)"),
                  new Figure("VerifyAsymmetricBenchmark.jjwt:alg=ES256", "jjwt 0.12.6 alone"),
                  new Figure(
                      "VerifyAsymmetricBenchmark.portcullisUncached:alg=ES256",
                      "Portcullis, uncached"))),
          new Group(
              "verify-eddsa",
              "1c. Token verification, EdDSA (Ed25519)",
              "The same token signed with Ed25519, against the JDK's raw signature check.",
              List.of(
                  new Figure(
                      "VerifyAsymmetricBenchmark.jdkVerify:alg=EdDSA",
                      "Floor: JDK Signature.verify (Ed25519)"),
                  new Figure("VerifyAsymmetricBenchmark.jjwt:alg=EdDSA", "jjwt 0.12.6 alone"),
                  new Figure(
                      "VerifyAsymmetricBenchmark.portcullisUncached:alg=EdDSA",
                      "Portcullis, uncached"))),
          signatureGroup("ES256", "1d"),
          signatureGroup("EdDSA", "1e"),
          issueGroup("HS256", "2", ""),
          issueGroup("RS256", "2c", " (RSA 2048, auth-server's development key)"),
          issueGroup("ES256", "2a", " (P-256)"),
          issueGroup("EdDSA", "2b", " (Ed25519)"),
          new Group(
              "login",
              "3. Password login, in-memory stores, argon2id m=19456 KiB t=2 p=1",
              "Authenticator.authenticate with rate limits, lockout reservation, user lookup,"
                  + " hash check, events and audit, against the raw hash at the same settings"
                  + " (Portcullis's own hasher, verify without the pool).",
              List.of(
                  new Figure(
                      "LoginBenchmark.rawArgon2id",
                      "Raw argon2id: PasswordHasher.verify (own Argon2, no pool)"),
                  new Figure("LoginBenchmark.loginSuccess", "Login, right password"),
                  new Figure("LoginBenchmark.loginWrongPassword", "Login, wrong password"),
                  new Figure("LoginBenchmark.loginUnknownUser", "Login, unknown identifier"))),
          new Group(
              "login-cheap-hash",
              "3a. The same logins with the cheapest hash (diagnostic)",
              "argon2id at m=8 KiB, t=1, p=1, so that the hash no longer hides the framework:"
                  + " the difference between a login and the raw hash here is what Portcullis"
                  + " itself costs per login, in absolute time.",
              List.of(
                  new Figure("LoginBenchmark.cheapRawArgon2id", "Raw argon2id, m=8 KiB t=1"),
                  new Figure("LoginBenchmark.cheapLoginSuccess", "Login, right password"),
                  new Figure("LoginBenchmark.cheapLoginWrongPassword", "Login, wrong password"),
                  new Figure("LoginBenchmark.cheapLoginUnknownUser", "Login, unknown identifier"))),
          new Group(
              "argon2-owasp",
              "4. Argon2id, OWASP settings (m=19456 KiB, t=2, p=1; Portcullis's default)",
              "One 32-byte hash: Portcullis's PasswordHasher.verify (its own Argon2 fill since"
                  + " issue 17) and Bouncy Castle's Argon2BytesGenerator (what Portcullis used"
                  + " before) against the reference C implementation (libargon2 through"
                  + " argon2-jvm/JNA). Five forks: a per-start JIT difference shows as spread.",
              List.of(
                  new Figure(
                      "Argon2Benchmark.nativeLibargon2:settings=owasp",
                      "libargon2 (native reference)"),
                  new Figure("Argon2Benchmark.portcullis:settings=owasp", "Portcullis (own)"),
                  new Figure("Argon2Benchmark.bouncyCastle:settings=owasp", "Bouncy Castle"))),
          new Group(
              "argon2-keycloak",
              "4b. Argon2id, Keycloak settings (m=7168 KiB, t=5, p=1)",
              "As above, at the settings behind Keycloak's published login rate.",
              List.of(
                  new Figure(
                      "Argon2Benchmark.nativeLibargon2:settings=keycloak",
                      "libargon2 (native reference)"),
                  new Figure("Argon2Benchmark.portcullis:settings=keycloak", "Portcullis (own)"),
                  new Figure("Argon2Benchmark.bouncyCastle:settings=keycloak", "Bouncy Castle"))),
          new Group(
              "memory-stores",
              "5. LoginAttemptTracker and TokenBlacklist, in memory",
              "One thread over 65536 keys, with the system clock; an operation is one port call"
                  + " (reserve and record count as two).",
              memoryFigures("system")),
          new Group(
              "memory-stores-coarse-clock",
              "5a. The same with a coarse clock (diagnostic)",
              "As above, but the stores read a clock that a thread advances every millisecond (a"
                  + " field read instead of a system call): the difference to table 5 is what"
                  + " reading the time costs.",
              memoryFigures("coarse")),
          new Group(
              "jdbc-stores",
              "5b. LoginAttemptTracker and TokenBlacklist, JDBC on embedded PostgreSQL",
              "One thread through a HikariCP pool to PostgreSQL 17 on 127.0.0.1 of the same"
                  + " machine (fsync off), over 4096 keys.",
              List.of(
                  new Figure(
                      "JdbcStoreBenchmark.floorSelectOne",
                      "Floor: SELECT 1 round trip through the pool"),
                  new Figure(
                      "JdbcStoreBenchmark.trackerReserveRecordFailure",
                      "Tracker: reserve + recordFailure (per call)"),
                  new Figure(
                      "JdbcStoreBenchmark.trackerReserveRecordSuccess",
                      "Tracker: reserve + recordSuccess (per call)"),
                  new Figure("JdbcStoreBenchmark.trackerStatus", "Tracker: status"),
                  new Figure("JdbcStoreBenchmark.blacklistCheck", "Blacklist: check, not revoked"),
                  new Figure(
                      "JdbcStoreBenchmark.blacklistCheckRevoked", "Blacklist: check, revoked"),
                  new Figure("JdbcStoreBenchmark.blacklistRevokeToken", "Blacklist: revokeToken"))),
          backends(
              "5c",
              "trackerReserveRecordFailure",
              "Tracker: reserve + recordFailure (per call; a failed login)"),
          backends(
              "5d",
              "trackerReserveRelease",
              "Tracker: reserve + release (per call; a login whose check could not be made)"),
          backends("5e", "blacklistCheck", "Blacklist: check, not revoked"),
          backends("5f", "blacklistCheckRevoked", "Blacklist: check, revoked"),
          backends("5g", "blacklistRevokeToken", "Blacklist: revokeToken"));

  /**
   * One operation of {@code RedisStoreBenchmark} on every store, in one run; the in-memory adapter
   * is the reference.
   */
  private static Group backends(String number, String method, String operation) {
    String k = "RedisStoreBenchmark." + method + ":backend=";
    return new Group(
        "stores-" + method,
        number + ". " + operation + ": memory, JDBC (H2, PostgreSQL) and Redis",
        "One thread, system clock, 4096 keys, the four adapters in one run: in memory, JDBC on"
            + " in-process H2 and on PostgreSQL, Redis (redis-server on 127.0.0.1 of the same"
            + " machine, no persistence, noeviction), the last two over loopback.",
        List.of(
            new Figure(k + "memory", "In memory (auth-store-memory)"),
            new Figure(k + "h2", "JDBC on H2, in process"),
            new Figure(k + "postgresql", "JDBC on PostgreSQL, loopback"),
            new Figure(k + "redis", "Redis, loopback (one Lua script per read-modify-write)")));
  }

  private Catalogue() {}

  private static Group signatureGroup(String alg, String number) {
    String p = ":alg=" + alg;
    return new Group(
        "signature-" + alg.toLowerCase(java.util.Locale.ROOT),
        number + ". Raw " + alg + " signatures: JDK, Bouncy Castle and Portcullis (diagnostic)",
        "Signing and verifying a 400-byte input with the JDK (what jjwt uses), with Bouncy"
            + " Castle's lightweight API, and through Portcullis's JwtKey (Bouncy Castle on key"
            + " parameters prepared at load, plus low-s and r || s for ECDSA). A refresh with an"
            + " asymmetric key signs twice and verifies once.",
        List.of(
            new Figure("SignatureBenchmark.jdkSign" + p, "JDK sign"),
            new Figure("SignatureBenchmark.bouncyCastleSign" + p, "Bouncy Castle sign"),
            new Figure("SignatureBenchmark.portcullisSign" + p, "Portcullis JwtKey.sign"),
            new Figure("SignatureBenchmark.jdkVerify" + p, "JDK verify"),
            new Figure("SignatureBenchmark.bouncyCastleVerify" + p, "Bouncy Castle verify"),
            new Figure("SignatureBenchmark.portcullisVerify" + p, "Portcullis JwtKey.verifies")));
  }

  private static Group issueGroup(String alg, String number, String note) {
    String p = ":alg=" + alg;
    return new Group(
        "issue-" + alg.toLowerCase(java.util.Locale.ROOT),
        number + ". Token issue (access + refresh pair), " + alg + note,
        "TokenService.issue starts a session in the in-memory store and signs two tokens; jjwt"
            + " builds and signs the same two tokens with the same random ids. The refresh (verify,"
            + " reload the user, rotate, sign a new pair) is what item 6 drives over HTTP.",
        List.of(
            new Figure("IssueBenchmark.jjwtPair" + p, "jjwt 0.12.6 alone, two tokens"),
            new Figure("IssueBenchmark.portcullisIssuePair" + p, "Portcullis TokenService.issue"),
            new Figure("IssueBenchmark.portcullisRefresh" + p, "Portcullis TokenService.refresh")));
  }

  private static List<Figure> memoryFigures(String clock) {
    String p = ":clock=" + clock;
    return List.of(
        new Figure(
            "MemoryStoreBenchmark.floorMapCompute" + p,
            "Floor: ConcurrentHashMap.compute on a String key"),
        new Figure(
            "MemoryStoreBenchmark.clockInstant" + p,
            "Diagnostic: one read of the " + clock + " clock"),
        new Figure(
            "MemoryStoreBenchmark.trackerReserveRecordFailure" + p,
            "Tracker: reserve + recordFailure (per call)"),
        new Figure(
            "MemoryStoreBenchmark.trackerReserveRecordSuccess" + p,
            "Tracker: reserve + recordSuccess (per call)"),
        new Figure("MemoryStoreBenchmark.trackerStatus" + p, "Tracker: status"),
        new Figure("MemoryStoreBenchmark.blacklistCheck" + p, "Blacklist: check, not revoked"),
        new Figure("MemoryStoreBenchmark.blacklistCheckRevoked" + p, "Blacklist: check, revoked"),
        new Figure("MemoryStoreBenchmark.blacklistRevokeToken" + p, "Blacklist: revokeToken"));
  }

  /** The figure with this key, if catalogued. */
  public static Optional<Figure> figure(String key) {
    return GROUPS.stream()
        .flatMap(g -> g.figures().stream())
        .filter(f -> f.key().equals(key))
        .findFirst();
  }
}
