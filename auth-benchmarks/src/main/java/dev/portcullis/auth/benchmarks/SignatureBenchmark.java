package dev.portcullis.auth.benchmarks;

import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
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
 * Diagnostic for items 1, 2 and 6: the raw signature operations behind ES256 and EdDSA tokens, in
 * the JDK (what jjwt uses), in Bouncy Castle's lightweight API with its key parameters built once,
 * and through Portcullis's {@link JwtKey#sign} / {@link JwtKey#verifies} (Bouncy Castle on key
 * parameters prepared when the key is loaded, plus low-s and r || s encoding for ECDSA), over a
 * 400-byte signing input like an access token's. Signing twice and verifying once is most of a
 * refresh with an asymmetric key. Reference: the JDK's signing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class SignatureBenchmark {

  @Param({"ES256", "EdDSA"})
  public String alg;

  private byte[] input;
  private Signature jdkSigner;
  private Signature jdkVerifier;
  private byte[] jdkSignature;

  private ECDSASigner bcEcdsaSigner;
  private ECDSASigner bcEcdsaVerifier;
  private BigInteger[] bcEcdsaSignature;
  private Ed25519Signer bcEdSigner;
  private Ed25519Signer bcEdVerifier;
  private byte[] bcEdSignature;

  private JwtKey portcullisKey;
  private byte[] portcullisSignature;

  @Setup
  public void setUp() throws Exception {
    input = "x".repeat(400).getBytes(StandardCharsets.US_ASCII);
    SecureRandom random = new SecureRandom();
    KeyPair pair;
    if (alg.equals("ES256")) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      pair = g.generateKeyPair();
      jdkSigner = Signature.getInstance("SHA256withECDSAinP1363Format");
      jdkVerifier = Signature.getInstance("SHA256withECDSAinP1363Format");

      X9ECParameters curve = CustomNamedCurves.getByName("P-256");
      ECDomainParameters domain =
          new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
      ECKeyPairGenerator bcGenerator = new ECKeyPairGenerator();
      bcGenerator.init(new ECKeyGenerationParameters(domain, random));
      AsymmetricCipherKeyPair bcPair = bcGenerator.generateKeyPair();
      bcEcdsaSigner = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      bcEcdsaSigner.init(true, bcPair.getPrivate());
      bcEcdsaVerifier = new ECDSASigner();
      bcEcdsaVerifier.init(false, bcPair.getPublic());
      bcEcdsaSignature = bouncyCastleSignEcdsa();
    } else {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      jdkSigner = Signature.getInstance("Ed25519");
      jdkVerifier = Signature.getInstance("Ed25519");

      Ed25519KeyPairGenerator bcGenerator = new Ed25519KeyPairGenerator();
      bcGenerator.init(new Ed25519KeyGenerationParameters(random));
      AsymmetricCipherKeyPair bcPair = bcGenerator.generateKeyPair();
      bcEdSigner = new Ed25519Signer();
      bcEdSigner.init(true, bcPair.getPrivate());
      bcEdVerifier = new Ed25519Signer();
      bcEdVerifier.init(false, bcPair.getPublic());
      bcEdSignature = bouncyCastleSignEd25519();
    }
    jdkSigner.initSign(pair.getPrivate());
    jdkVerifier.initVerify(pair.getPublic());
    jdkSignature = jdkSign();
    portcullisKey =
        JwtKey.signing(
            "bench", alg.equals("ES256") ? JwsAlgorithm.ES256 : JwsAlgorithm.EDDSA, pair);
    portcullisSignature = portcullisSign();

    Fixtures.check(jdkVerify(), "the JDK verifies its signature");
    Fixtures.check(bouncyCastleVerify(), "Bouncy Castle verifies its signature");
    Fixtures.check(portcullisVerify(), "Portcullis verifies its signature");
    Fixtures.check(
        portcullisKey.verifies(input, jdkSignature), "Portcullis verifies the JDK's signature");
  }

  @Benchmark
  public byte[] jdkSign() throws Exception {
    jdkSigner.update(input);
    return jdkSigner.sign();
  }

  @Benchmark
  public Object bouncyCastleSign() throws Exception {
    return alg.equals("ES256") ? bouncyCastleSignEcdsa() : bouncyCastleSignEd25519();
  }

  @Benchmark
  public boolean jdkVerify() throws Exception {
    jdkVerifier.update(input);
    return jdkVerifier.verify(jdkSignature);
  }

  @Benchmark
  public boolean bouncyCastleVerify() throws Exception {
    if (alg.equals("ES256")) {
      return bcEcdsaVerifier.verifySignature(
          sha256(input), bcEcdsaSignature[0], bcEcdsaSignature[1]);
    }
    bcEdVerifier.update(input, 0, input.length);
    return bcEdVerifier.verifySignature(bcEdSignature);
  }

  /** JwtKey.sign: the prepared Bouncy Castle key, low-s and r || s for ECDSA. */
  @Benchmark
  public byte[] portcullisSign() {
    return portcullisKey.sign(input);
  }

  /** JwtKey.verifies: length and range checks, then the prepared Bouncy Castle key. */
  @Benchmark
  public boolean portcullisVerify() {
    return portcullisKey.verifies(input, portcullisSignature);
  }

  private BigInteger[] bouncyCastleSignEcdsa() throws Exception {
    return bcEcdsaSigner.generateSignature(sha256(input));
  }

  private byte[] bouncyCastleSignEd25519() {
    bcEdSigner.update(input, 0, input.length);
    return bcEdSigner.generateSignature();
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
