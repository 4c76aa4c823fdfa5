package dev.portcullis.auth.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.google.inject.Injector;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.JwtVerifier;
import dev.portcullis.auth.jwt.KeyFiles;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Item 1: verifying one realistic HS256 access token (iss, sub, aud, exp, nbf, iat, jti, sid,
 * roles; header alg, typ at+jwt, kid), minted by Portcullis, against the physical floor and the
 * peer libraries. Every verifier checks the signature, expiry, issuer and audience; Portcullis also
 * checks type, required claims and revocation. Reference: the floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class VerifyHs256Benchmark {

  private String token;
  private byte[] signingInput;
  private byte[] signature;
  private Mac mac;
  private JwtParser jjwt;
  private ConfigurableJWTProcessor<SecurityContext> nimbus;
  private JWTVerifier auth0;
  private TokenService uncached;
  private JwtVerifier uncachedWithoutRevocation;
  private TokenService cached;

  @Setup
  public void setUp() throws Exception {
    Config uncachedConfig = Fixtures.config(0);
    Injector portcullis = Fixtures.injector(uncachedConfig);
    User user = Fixtures.createUser(portcullis);
    token = Fixtures.issue(portcullis, user).accessToken();
    uncached = portcullis.getInstance(TokenService.class);
    cached = Fixtures.injector(Fixtures.config(10_000)).getInstance(TokenService.class);
    JwtSettings settings = JwtSettings.load(uncachedConfig);
    uncachedWithoutRevocation =
        JwtVerifier.builder()
            .keys(settings.signingKeys().load(KeyFiles.system()))
            .issuer(settings.issuer())
            .audiences(settings.audiences())
            .leeway(settings.leeway())
            .maxTokenSize(settings.maxTokenSize())
            .cacheSize(0)
            .blacklist(TokenBlacklist.none())
            .clock(Clock.systemUTC())
            .build();

    signingInput = Fixtures.signingInput(token).getBytes(StandardCharsets.US_ASCII);
    signature = Fixtures.signature(token);
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Fixtures.secretBytes(), "HmacSHA256"));

    jjwt =
        Jwts.parser()
            .verifyWith(Keys.hmacShaKeyFor(Fixtures.secretBytes()))
            .requireIssuer(Fixtures.ISSUER)
            .requireAudience(Fixtures.AUDIENCE)
            .build();

    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
    processor.setJWSKeySelector(
        new SingleKeyJWSKeySelector<>(
            JWSAlgorithm.HS256, new SecretKeySpec(Fixtures.secretBytes(), "HmacSHA256")));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            Fixtures.AUDIENCE,
            new JWTClaimsSet.Builder().issuer(Fixtures.ISSUER).build(),
            Set.of("sub", "exp", "iat", "jti", "sid")));
    nimbus = processor;

    auth0 =
        JWT.require(Algorithm.HMAC256(Fixtures.secretBytes()))
            .withIssuer(Fixtures.ISSUER)
            .withAudience(Fixtures.AUDIENCE)
            .withClaimPresence("jti")
            .withClaimPresence("sid")
            .build();

    // Every verifier must accept the token, or the benchmark would time an error path.
    Fixtures.check(floorHmacSha256(), "raw HMAC matches the signature");
    Fixtures.check(user.id().equals(jjwt().getSubject()), "jjwt accepts the token");
    Fixtures.check(user.id().equals(nimbus().getSubject()), "nimbus accepts the token");
    Fixtures.check(user.id().equals(auth0().getSubject()), "java-jwt accepts the token");
    Fixtures.check(portcullisUncached().isOk(), "Portcullis accepts the token");
    Fixtures.check(portcullisUncachedWithoutRevocation().isOk(), "Portcullis (no revocation)");
    Fixtures.check(portcullisCached().isOk(), "Portcullis (cached) accepts the token");
    Fixtures.check(
        token.split("\\.")[1].length() > 200, "the token carries the realistic claim set");
  }

  /** The physical floor: HMAC-SHA256 of the signing input and a constant-time compare. */
  @Benchmark
  public boolean floorHmacSha256() {
    return MessageDigest.isEqual(mac.doFinal(signingInput), signature);
  }

  @Benchmark
  public Claims jjwt() {
    return jjwt.parseSignedClaims(token).getPayload();
  }

  @Benchmark
  public JWTClaimsSet nimbus() throws Exception {
    return nimbus.process(token, null);
  }

  @Benchmark
  public DecodedJWT auth0() {
    return auth0.verify(token);
  }

  /** TokenService.verify with the verify cache off: every check, and the revocation lookup. */
  @Benchmark
  public Result<Principal> portcullisUncached() {
    return uncached.verify(token);
  }

  /** Diagnostic: as above with {@code TokenBlacklist.none()}, to isolate the revocation lookup. */
  @Benchmark
  public Result<Principal> portcullisUncachedWithoutRevocation() {
    return uncachedWithoutRevocation.verify(token);
  }

  /** TokenService.verify of a repeated token: a cache hit, expiry and revocation still checked. */
  @Benchmark
  public Result<Principal> portcullisCached() {
    return cached.verify(token);
  }
}
