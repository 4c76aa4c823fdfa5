package dev.portcullis.auth.benchmarks;

import com.google.inject.Injector;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.internal.DevelopmentKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * The choice of the default signing algorithm (issue 13): what one signature and one verification
 * cost with each asymmetric algorithm a resource server might be asked to verify, through the same
 * primitives Portcullis signs with ({@link JwtKey#sign}: Bouncy Castle for ES256 and EdDSA on key
 * parameters prepared at load, the JDK's providers behind jjwt for RSA), over a real access token's
 * signing input; and what issuing and verifying a whole token costs. RSA keys have 2048 bits (e =
 * 65537), the size of the generated development key. Reference: RS256.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class JwsAlgorithmBenchmark {

  @Param({"RS256", "PS256", "ES256", "EdDSA"})
  public String alg;

  private JwsAlgorithm algorithm;
  private JwtKey key;
  private byte[] signingInput;
  private byte[] signature;
  private String token;
  private User user;
  private TokenService tokens;

  @Setup
  public void setUp() {
    algorithm = JwsAlgorithm.fromJwaName(alg).orElseThrow();
    key = DevelopmentKeys.generate(algorithm, "bench-" + alg);

    Config config = Fixtures.config(0);
    JwtSettings settings = JwtSettings.load(config).withKeyRing(KeyRing.of(key));
    Injector portcullis = Fixtures.injector(config, settings);
    user = Fixtures.createUser(portcullis);
    tokens = portcullis.getInstance(TokenService.class);
    token = Fixtures.issue(portcullis, user).accessToken();
    signingInput = Fixtures.signingInput(token).getBytes(StandardCharsets.US_ASCII);
    signature = Fixtures.signature(token);

    Fixtures.check(verify(), "the signature verifies");
    Fixtures.check(portcullisVerify().isOk(), "Portcullis accepts the token");
  }

  /** One JWS signature of an access token's signing input. */
  @Benchmark
  public byte[] sign() {
    return key.sign(signingInput);
  }

  /** One JWS signature check, what every resource server pays per uncached token. */
  @Benchmark
  public boolean verify() {
    return key.verifies(signingInput, signature);
  }

  /** TokenService.verify with the verify cache off: parsing, signature, claims, revocation. */
  @Benchmark
  public Result<Principal> portcullisVerify() {
    return tokens.verify(token);
  }

  /** An access token and a refresh token (HS256 under the derived key) for a signed-in user. */
  @Benchmark
  public TokenPair portcullisIssue() {
    return tokens
        .issue(new Authentication(user, 0, Instant.now(), Fixtures.CLIENT, "portcullis-bench"))
        .unwrap();
  }
}
