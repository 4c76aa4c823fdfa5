package dev.portcullis.auth.benchmarks;

import com.google.inject.Injector;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyRing;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
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
 * Item 1, asymmetric: verifying the same realistic access token signed with ES256 (P-256) or EdDSA
 * (Ed25519), against the JDK's raw {@link Signature#verify} of the signing input. Reference: the
 * JDK.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class VerifyAsymmetricBenchmark {

  @Param({"ES256", "EdDSA"})
  public String alg;

  private String token;
  private byte[] signingInput;
  private byte[] signature;
  private Signature jdk;
  private JwtParser jjwt;
  private TokenService uncached;

  @Setup
  public void setUp() throws Exception {
    JwsAlgorithm algorithm = alg.equals("ES256") ? JwsAlgorithm.ES256 : JwsAlgorithm.EDDSA;
    KeyPair pair;
    if (algorithm == JwsAlgorithm.ES256) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      pair = g.generateKeyPair();
      // JWS carries ECDSA signatures as R || S (IEEE P1363), which this JDK name verifies as is.
      jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
    } else {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      jdk = Signature.getInstance("Ed25519");
    }
    jdk.initVerify(pair.getPublic());

    Config config = Fixtures.config(0);
    JwtSettings settings =
        JwtSettings.load(config)
            .withKeyRing(KeyRing.of(JwtKey.signing("bench-" + alg, algorithm, pair)));
    Injector portcullis = Fixtures.injector(config, settings);
    User user = Fixtures.createUser(portcullis);
    token = Fixtures.issue(portcullis, user).accessToken();
    uncached = portcullis.getInstance(TokenService.class);
    signingInput = Fixtures.signingInput(token).getBytes(StandardCharsets.US_ASCII);
    signature = Fixtures.signature(token);
    jjwt =
        Jwts.parser()
            .verifyWith(pair.getPublic())
            .requireIssuer(Fixtures.ISSUER)
            .requireAudience(Fixtures.AUDIENCE)
            .build();

    Fixtures.check(jdkVerify(), "the JDK verifies the signature");
    Fixtures.check(user.id().equals(jjwt().getSubject()), "jjwt accepts the token");
    Fixtures.check(portcullisUncached().isOk(), "Portcullis accepts the token");
  }

  /** The floor: the JDK's signature check of the signing input, nothing else. */
  @Benchmark
  public boolean jdkVerify() throws Exception {
    jdk.update(signingInput);
    return jdk.verify(signature);
  }

  @Benchmark
  public Claims jjwt() {
    return jjwt.parseSignedClaims(token).getPayload();
  }

  /** TokenService.verify with the verify cache off. */
  @Benchmark
  public Result<Principal> portcullisUncached() {
    return uncached.verify(token);
  }
}
