package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.internal.Base64Url;
import dev.portcullis.auth.jwt.internal.Findings;
import dev.portcullis.auth.jwt.internal.JwsVerifier;
import dev.portcullis.auth.jwt.internal.PreparedKey;
import dev.portcullis.auth.jwt.testing.Ecdsa;
import dev.portcullis.auth.jwt.testing.HardwareKeys;
import dev.portcullis.auth.jwt.testing.Resources;
import dev.portcullis.auth.jwt.testing.TestKeys;
import dev.portcullis.auth.jwt.testing.Tokens;
import io.jsonwebtoken.Jwts;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ES* and EdDSA signatures through Bouncy Castle's lightweight API ({@link PreparedKey}), checked
 * against independent implementations both ways (the JDK, nimbus, jjwt), against the published
 * vectors of RFC 8037 and RFC 6979, and for the guarantees of the JWS layer: low-s on signing,
 * exact length and scalar ranges on verifying, tampering refused, safe under concurrent use. Inputs
 * are random from a fixed seed, so a failure reproduces.
 */
final class BouncyCastleSignaturesTest {

  private static final int CASES = 100;

  private static byte[] randomInput(Random random) {
    byte[] b = new byte[random.nextInt(700)];
    random.nextBytes(b);
    return b;
  }

  private static Signature jdk(JwsAlgorithm alg) throws GeneralSecurityException {
    return Signature.getInstance(
        switch (alg) {
          case ES256 -> "SHA256withECDSAinP1363Format";
          case ES384 -> "SHA384withECDSAinP1363Format";
          case ES512 -> "SHA512withECDSAinP1363Format";
          case EDDSA -> "Ed25519";
          default -> throw new IllegalArgumentException(alg.jwaName());
        });
  }

  private static boolean jdkVerifies(JwsAlgorithm alg, PublicKey key, byte[] input, byte[] sig)
      throws GeneralSecurityException {
    Signature v = jdk(alg);
    v.initVerify(key);
    v.update(input);
    return v.verify(sig);
  }

  private static BigInteger order(JwtKey key) {
    return ((ECKey) key.verificationKey()).getParams().getOrder();
  }

  private static BigInteger s(JwsAlgorithm alg, byte[] sig) {
    return new BigInteger(1, Arrays.copyOfRange(sig, alg.size(), 2 * alg.size()));
  }

  private static Findings verifyJws(String compact, JwtKey key, boolean acceptHighS) {
    Findings f = Findings.firstOnly();
    JwsVerifier.verify(
        compact,
        16_384,
        kid ->
            key.keyId().equals(kid)
                ? (acceptHighS
                    ? JwsVerifier.Resolved.acceptingHighS(key)
                    : JwsVerifier.Resolved.of(key))
                : JwsVerifier.Resolved.failed(TokenFailure.UNKNOWN_KEY, "unknown kid"),
        f);
    return f;
  }

  @ParameterizedTest
  @EnumSource(names = {"ES256", "ES384", "ES512", "EDDSA"})
  void keysWithTheirMaterialSignAndVerifyThroughBouncyCastle(JwsAlgorithm alg) {
    KeyPair pair = TestKeys.pair(alg);
    PreparedKey prepared = PreparedKey.of(alg, pair.getPublic(), pair.getPrivate());

    assertThat(prepared.verifyPath()).isEqualTo(PreparedKey.Path.BOUNCY_CASTLE);
    assertThat(prepared.signPath()).contains(PreparedKey.Path.BOUNCY_CASTLE);
    assertThat(prepared.verifyingOnly().signPath()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(names = {"ES256", "ES384", "ES512", "EDDSA"})
  void bouncyCastleSignaturesVerifyUnderTheJdk_andEcdsaOnesAreLowS(JwsAlgorithm alg)
      throws Exception {
    JwtKey key = TestKeys.key("bc", alg);
    Random random = new Random(alg.ordinal());
    for (int i = 0; i < CASES; i++) {
      byte[] input = randomInput(random);
      byte[] sig = key.sign(input);

      assertThat(sig).hasSize(alg.family() == JwsAlgorithm.Family.EC ? 2 * alg.size() : 64);
      assertThat(jdkVerifies(alg, (PublicKey) key.verificationKey(), input, sig))
          .as("case %d", i)
          .isTrue();
      if (alg.family() == JwsAlgorithm.Family.EC) {
        assertThat(s(alg, sig)).isLessThanOrEqualTo(order(key).shiftRight(1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"ES256", "ES384", "ES512", "EDDSA"})
  void jdkSignaturesVerifyUnderBouncyCastle(JwsAlgorithm alg) throws Exception {
    KeyPair pair = TestKeys.pair(alg);
    JwtKey key = JwtKey.verifyOnly("jdk", alg, pair.getPublic());
    Signature signer = jdk(alg);
    signer.initSign(pair.getPrivate());
    Random random = new Random(100 + alg.ordinal());
    for (int i = 0; i < CASES; i++) {
      byte[] input = randomInput(random);
      signer.update(input);
      byte[] sig = signer.sign(); // for ECDSA about half are high-s: a valid signature all the same

      assertThat(key.verifies(input, sig)).as("case %d", i).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"ES256", "ES384", "ES512", "EDDSA"})
  void tokensSignedThroughBouncyCastleVerifyUnderNimbusAndJjwt(JwsAlgorithm alg) throws Exception {
    JwtKey key = TestKeys.key("bc", alg);
    PublicKey pub = (PublicKey) key.verificationKey();
    for (int i = 0; i < 20; i++) {
      String token =
          Tokens.sign(
              key,
              Tokens.header(key, "at+jwt"),
              Tokens.with(Tokens.claims(Instant.now()), "jti", "jti-" + i));

      if (alg.family() == JwsAlgorithm.Family.EC) {
        assertThat(JWSObject.parse(token).verify(new ECDSAVerifier((ECPublicKey) pub))).isTrue();
      }
      assertThat(Jwts.parser().verifyWith(pub).build().parseSignedClaims(token).getPayload())
          .containsEntry("jti", "jti-" + i);
      assertThat(verifyJws(token, key, false).none()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"ES256", "ES384", "ES512", "EDDSA"})
  void tamperedInputsAndSignaturesAreRefused(JwsAlgorithm alg) {
    JwtKey key = TestKeys.key("bc", alg);
    Random random = new Random(200 + alg.ordinal());
    for (int i = 0; i < CASES; i++) {
      byte[] input = randomInput(random);
      input = input.length == 0 ? new byte[] {1} : input;
      byte[] sig = key.sign(input);
      byte[] otherInput = input.clone();
      otherInput[random.nextInt(otherInput.length)] ^= (byte) (1 << random.nextInt(8));
      byte[] otherSig = sig.clone();
      otherSig[random.nextInt(otherSig.length)] ^= (byte) (1 << random.nextInt(8));

      assertThat(key.verifies(input, sig)).isTrue();
      assertThat(key.verifies(otherInput, sig)).as("tampered input, case %d", i).isFalse();
      assertThat(key.verifies(input, otherSig)).as("tampered signature, case %d", i).isFalse();
      assertThat(key.verifies(input, Arrays.copyOf(sig, sig.length - 1))).isFalse();
      assertThat(key.verifies(input, Arrays.copyOf(sig, sig.length + 1))).isFalse();
      assertThat(key.verifies(input, new byte[0])).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"ES256", "ES384", "ES512"})
  void theHighSTwinIsRefusedAsAJws_unlessTheIssuerIsConfiguredToSendIt(JwsAlgorithm alg) {
    JwtKey key = TestKeys.key("bc", alg);
    String token = Tokens.sign(key, Tokens.header(key, "at+jwt"), Tokens.claims(Instant.now()));
    String twin = Ecdsa.flipS(token, key);

    assertThat(Ecdsa.highS(token, key)).isFalse();
    assertThat(verifyJws(token, key, false).none()).isTrue();
    assertThat(verifyJws(twin, key, false).first().explanation()).contains("low-s");
    assertThat(verifyJws(twin, key, true).none()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(names = {"ES256", "ES384", "ES512"})
  void ecdsaScalarsOutsideOneToNMinusOneAreRefused(JwsAlgorithm alg) {
    JwtKey key = TestKeys.key("bc", alg);
    byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = key.sign(input);
    int half = alg.size();
    BigInteger n = order(key);

    assertThat(key.verifies(input, new byte[2 * half])).as("r = s = 0").isFalse();
    byte[] rIsN = sig.clone();
    System.arraycopy(fixed(n, half), 0, rIsN, 0, half);
    assertThat(key.verifies(input, rIsN)).as("r = n").isFalse();
    byte[] sPlusN = sig.clone();
    BigInteger shifted = s(alg, sig).add(n);
    if (shifted.bitLength() <= 8 * half) {
      System.arraycopy(fixed(shifted, half), 0, sPlusN, half, half);
      assertThat(key.verifies(input, sPlusN)).as("s + n").isFalse();
    }
    byte[] allOnes = new byte[2 * half];
    Arrays.fill(allOnes, (byte) 0xff);
    assertThat(key.verifies(input, allOnes)).isFalse();
  }

  private static byte[] fixed(BigInteger v, int length) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  @Test
  void rfc8037_appendixA4_theEd25519SignatureIsReproducedExactly() {
    JsonNode ex = Resources.json("jose-cookbook/curve25519/jws.json");
    JwtKey key = JoseCookbookTest.key(ex);
    byte[] input = ex.get("signing").get("sig-input").asText().getBytes(StandardCharsets.US_ASCII);

    assertThat(PreparedKey.of(JwsAlgorithm.EDDSA, key.verificationKey(), key.signingKey().get()))
        .extracting(p -> p.signPath().orElseThrow())
        .isEqualTo(PreparedKey.Path.BOUNCY_CASTLE);
    assertThat(Base64Url.encode(key.sign(input)))
        .isEqualTo(ex.get("signing").get("sig").asText())
        .isEqualTo(
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
  }

  /** RFC 6979 appendix A.2.5: P-256 with SHA-256, the deterministic nonce this module uses. */
  @Test
  void rfc6979_appendixA25_p256WithSha256GivesThePublishedSignatures_inLowSForm() throws Exception {
    HexFormat hex = HexFormat.of();
    BigInteger d =
        new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
    ECPoint q =
        new ECPoint(
            new BigInteger("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6", 16),
            new BigInteger("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", 16));
    var spec = dev.portcullis.auth.jwt.internal.Crypto.curve(JwsAlgorithm.ES256);
    KeyFactory kf = KeyFactory.getInstance("EC");
    PrivateKey priv = kf.generatePrivate(new ECPrivateKeySpec(d, spec));
    PublicKey pub = kf.generatePublic(new ECPublicKeySpec(q, spec));
    JwtKey key = JwtKey.signing("rfc6979", JwsAlgorithm.ES256, new KeyPair(pub, priv));
    BigInteger n = spec.getOrder();

    byte[] sample = key.sign("sample".getBytes(StandardCharsets.US_ASCII));
    byte[] test = key.sign("test".getBytes(StandardCharsets.US_ASCII));

    // "sample": the published s is above n/2, so the low-s twin n - s is what is emitted.
    assertThat(hex.formatHex(sample, 0, 32))
        .isEqualToIgnoringCase("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716");
    assertThat(s(JwsAlgorithm.ES256, sample))
        .isEqualTo(
            n.subtract(
                new BigInteger(
                    "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16)));
    // "test": the published signature is already low-s and is emitted exactly.
    assertThat(hex.formatHex(test))
        .isEqualToIgnoringCase(
            "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
                + "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083");
  }

  @ParameterizedTest
  @EnumSource(names = {"ES256", "ES384", "ES512", "EDDSA", "HS256"})
  void eightThreadsSigningWithOneKeyAllProduceVerifiableSignatures(JwsAlgorithm alg)
      throws Exception {
    JwtKey key = TestKeys.key("shared", alg);
    int threads = 8;
    int perThread = 40;
    byte[] common = "the same input in every thread".getBytes(StandardCharsets.US_ASCII);
    byte[] expectedCommon = key.sign(common);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<byte[][]>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(1000 + t);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<byte[][]> out = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    byte[] input = i % 4 == 0 ? common : randomInput(random);
                    out.add(new byte[][] {input, key.sign(input)});
                  }
                  return out;
                }));
      }
      start.countDown();
      for (Future<List<byte[][]>> f : results) {
        for (byte[][] pair : f.get(60, TimeUnit.SECONDS)) {
          assertThat(key.verifies(pair[0], pair[1])).isTrue();
          if (!alg.symmetric()) {
            assertThat(jdkVerifies(alg, (PublicKey) key.verificationKey(), pair[0], pair[1]))
                .isTrue();
          }
          if (pair[0] == common) {
            // Ed25519, RFC 6979 ECDSA and HMAC are deterministic: shared state would show here.
            assertThat(pair[1]).isEqualTo(expectedCommon);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSigningKeyThatDoesNotExposeItsMaterialSignsThroughItsOwnJcaProvider() throws Exception {
    KeyPair pair = TestKeys.pair(JwsAlgorithm.ES256, "hsm");
    PrivateKey sealed = HardwareKeys.sealed((ECPrivateKey) pair.getPrivate());
    JwtKey key = JwtKey.signing("hsm", JwsAlgorithm.ES256, new KeyPair(pair.getPublic(), sealed));
    PreparedKey prepared = PreparedKey.of(JwsAlgorithm.ES256, pair.getPublic(), sealed);
    byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
    int before = HardwareKeys.signatures();

    byte[] sig = key.sign(input);

    assertThat(HardwareKeys.signatures()).isGreaterThan(before);
    assertThat(prepared.signPath()).contains(PreparedKey.Path.JCA);
    assertThat(prepared.verifyPath()).isEqualTo(PreparedKey.Path.BOUNCY_CASTLE);
    assertThat(sig).hasSize(64);
    assertThat(s(JwsAlgorithm.ES256, sig)).isLessThanOrEqualTo(order(key).shiftRight(1));
    assertThat(jdkVerifies(JwsAlgorithm.ES256, pair.getPublic(), input, sig)).isTrue();
    assertThat(key.verifies(input, sig)).isTrue();
    assertThat(key.refreshKey()).isEmpty();
  }

  @Test
  void rsaStaysOnTheJca() {
    KeyPair pair = TestKeys.pair(JwsAlgorithm.RS256);
    PreparedKey prepared = PreparedKey.of(JwsAlgorithm.PS256, pair.getPublic(), pair.getPrivate());

    assertThat(prepared.verifyPath()).isEqualTo(PreparedKey.Path.JCA);
    assertThat(prepared.signPath()).contains(PreparedKey.Path.JCA);
  }
}
