package dev.portcullis.auth.benchmarks;

import com.google.inject.Injector;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyRing;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
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
 * Item 2: issuing an access + refresh token pair through {@code TokenService.issue}, which also
 * starts a session in the in-memory session store, against jjwt building and signing the same two
 * tokens with the same random ids; with HS256, and with ES256 and EdDSA (auth-server's development
 * key is Ed25519). Also the refresh (rotation) that the end-to-end test drives. Reference: jjwt.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class IssueBenchmark {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Param({"HS256", "RS256", "ES256", "EdDSA"})
  public String alg;

  private TokenService tokens;
  private Authentication authentication;
  private Key key;
  private SecureDigestAlgorithm<? super Key, ?> signature;
  private String keyId;
  private List<String> roles;
  private String refreshToken;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() throws Exception {
    Config config = Fixtures.config(10_000);
    JwtSettings settings = JwtSettings.load(config);
    switch (alg) {
      case "HS256" -> {
        key = Keys.hmacShaKeyFor(Fixtures.secretBytes());
        signature = (SecureDigestAlgorithm<? super Key, ?>) (Object) Jwts.SIG.HS256;
        keyId = JwtSettings.DEFAULT_KEY_ID;
      }
      case "RS256" -> { // auth-server's development key since issue 13
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        keyId = "bench-RS256";
        settings =
            settings.withKeyRing(KeyRing.of(JwtKey.signing(keyId, JwsAlgorithm.RS256, pair)));
        key = pair.getPrivate();
        signature = (SecureDigestAlgorithm<? super Key, ?>) (Object) Jwts.SIG.RS256;
      }
      case "ES256" -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        keyId = "bench-ES256";
        settings =
            settings.withKeyRing(KeyRing.of(JwtKey.signing(keyId, JwsAlgorithm.ES256, pair)));
        key = pair.getPrivate();
        signature = (SecureDigestAlgorithm<? super Key, ?>) (Object) Jwts.SIG.ES256;
      }
      case "EdDSA" -> {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        keyId = "bench-EdDSA";
        settings =
            settings.withKeyRing(KeyRing.of(JwtKey.signing(keyId, JwsAlgorithm.EDDSA, pair)));
        key = pair.getPrivate();
        signature = (SecureDigestAlgorithm<? super Key, ?>) (Object) Jwts.SIG.EdDSA;
      }
      default -> throw new IllegalArgumentException(alg);
    }
    Injector portcullis = Fixtures.injector(config, settings);
    User user = Fixtures.createUser(portcullis);
    tokens = portcullis.getInstance(TokenService.class);
    authentication =
        new Authentication(user, 0, Instant.now(), Fixtures.CLIENT, "portcullis-bench");
    roles = List.copyOf(new TreeSet<>(user.roles()));
    refreshToken = tokens.issue(authentication).unwrap().refreshToken();

    Fixtures.check(portcullisIssuePair().accessToken() != null, "Portcullis issues a pair");
    Fixtures.check(jjwtPair().length == 2, "jjwt builds a pair");
    Fixtures.check(acceptsOneOfJjwtsTokens(), "Portcullis accepts jjwt's access token");
    Fixtures.check(portcullisRefresh().refreshToken() != null, "Portcullis refreshes");
  }

  /** TokenService.issue: a session in the store, and an access and a refresh token. */
  @Benchmark
  public TokenPair portcullisIssuePair() {
    return tokens.issue(authentication).unwrap();
  }

  /** jjwt alone: the same two tokens, with the same claims and random ids. */
  @Benchmark
  public String[] jjwtPair() {
    Instant now = Instant.now();
    String sessionId = randomId();
    String refreshId = randomId();
    Date issuedAt = Date.from(now.truncatedTo(ChronoUnit.MILLIS));
    Date notBefore = Date.from(now.truncatedTo(ChronoUnit.SECONDS));
    String userId = authentication.user().id();
    String access =
        Jwts.builder()
            .header()
            .type("at+jwt")
            .keyId(keyId)
            .and()
            .issuer(Fixtures.ISSUER)
            .subject(userId)
            .audience()
            .single(Fixtures.AUDIENCE)
            .expiration(Date.from(now.plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS)))
            .notBefore(notBefore)
            .issuedAt(issuedAt)
            .id(randomId())
            .claim("sid", sessionId)
            .claim("roles", roles)
            .signWith(key, signature)
            .compact();
    String refresh =
        Jwts.builder()
            .header()
            .type("refresh+jwt")
            .keyId(keyId)
            .and()
            .issuer(Fixtures.ISSUER)
            .subject(userId)
            .audience()
            .single(Fixtures.ISSUER)
            .expiration(Date.from(now.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS)))
            .notBefore(notBefore)
            .issuedAt(issuedAt)
            .id(refreshId)
            .claim("sid", sessionId)
            .signWith(key, signature)
            .compact();
    return new String[] {access, refresh};
  }

  /**
   * TokenService.refresh: verify the refresh token, reload the user, rotate the session's refresh
   * token atomically, issue a new pair.
   */
  @Benchmark
  public TokenPair portcullisRefresh() {
    TokenPair next = tokens.refresh(refreshToken).unwrap();
    refreshToken = next.refreshToken();
    return next;
  }

  /**
   * jjwt's ECDSA signatures are low-s only half the time, and Portcullis refuses the high-s twin
   * (one token, one string): among a few of jjwt's ES256 tokens at least one must pass.
   */
  private boolean acceptsOneOfJjwtsTokens() {
    for (int i = 0; i < 32; i++) {
      if (tokens.verify(jjwtPair()[0]).isOk()) {
        return true;
      }
      if (!alg.equals("ES256")) {
        return false;
      }
    }
    return false;
  }

  private static String randomId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
