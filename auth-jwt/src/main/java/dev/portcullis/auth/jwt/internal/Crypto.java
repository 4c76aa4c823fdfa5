package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.jwt.JwsAlgorithm;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import io.jsonwebtoken.security.SecureRequest;
import io.jsonwebtoken.security.VerifySecureDigestRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptographic primitives. Signatures run through {@link PreparedKey}: Bouncy Castle's
 * lightweight API for ES* and EdDSA, a prepared JCA {@code Mac} for HS*, and jjwt's algorithm
 * implementations ({@code Jwts.SIG}) over the JCA for RS*, PS* and keys whose private material is
 * not exportable. Every implementation sees only what passed our own checks: the algorithm is the
 * one pinned to the key, the signature has exactly the length the algorithm produces, and ECDSA's r
 * and s are in [1, n-1] (CVE-2022-21449, "psychic signatures", is refused here even on an unpatched
 * JDK).
 *
 * <p>ECDSA signatures are canonical: {@link #sign} always emits the low-s form ({@code s <= n/2},
 * normalising {@code s -> n - s} after signing), and {@link #isLowS} lets the JWS layer refuse the
 * high-s twin of a signature, so one token has exactly one valid string (issue 11, item 17).
 */
public final class Crypto {

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Map<JwsAlgorithm, String> JDK_CURVES =
      Map.of(
          JwsAlgorithm.ES256, "secp256r1",
          JwsAlgorithm.ES384, "secp384r1",
          JwsAlgorithm.ES512, "secp521r1");

  private Crypto() {}

  /** A process-wide strong random source. */
  public static SecureRandom random() {
    return RANDOM;
  }

  /** {@code n} random bytes. */
  public static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /**
   * Checks that keys fit an algorithm: HMAC secrets at least as long as the hash, RSA moduli of at
   * least 2048 bits, EC keys on the algorithm's curve, EdDSA keys on Ed25519.
   *
   * @param signingKey the private key or secret, or null for a verify-only key
   * @throws IllegalArgumentException saying what does not fit
   */
  public static void checkKey(JwsAlgorithm alg, Key verificationKey, Key signingKey) {
    checkOne(alg, verificationKey, true);
    if (signingKey != null) {
      checkOne(alg, signingKey, false);
    }
  }

  private static void checkOne(JwsAlgorithm alg, Key key, boolean verification) {
    String name = alg.jwaName();
    switch (alg.family()) {
      case HMAC -> {
        if (!(key instanceof SecretKey sk)) {
          throw new IllegalArgumentException(name + " needs a shared secret, not a key pair");
        }
        byte[] raw = sk.getEncoded();
        if (raw == null || raw.length < alg.size()) {
          throw new IllegalArgumentException(
              name
                  + " needs a secret of at least "
                  + alg.size()
                  + " bytes (RFC 7518 section 3.2); this one has "
                  + (raw == null ? 0 : raw.length));
        }
      }
      case RSA, RSA_PSS -> {
        if (!(key instanceof RSAKey rk)
            || !(verification ? key instanceof PublicKey : key instanceof PrivateKey)) {
          throw new IllegalArgumentException(name + " needs an RSA key pair");
        }
        if (rk.getModulus().bitLength() < JwsAlgorithm.MIN_RSA_BITS) {
          throw new IllegalArgumentException(
              name
                  + " needs an RSA key of at least "
                  + JwsAlgorithm.MIN_RSA_BITS
                  + " bits; this one has "
                  + rk.getModulus().bitLength());
        }
      }
      case EC -> {
        if (!(key instanceof ECKey ek)
            || !(verification ? key instanceof PublicKey : key instanceof PrivateKey)) {
          throw new IllegalArgumentException(name + " needs an EC key pair on " + alg.curve());
        }
        if (!sameCurve(ek.getParams(), curve(alg))) {
          throw new IllegalArgumentException(
              name + " needs a key on curve " + alg.curve() + "; this key is on another curve");
        }
      }
      case EDDSA -> {
        if (!(key instanceof EdECKey ek)
            || !(verification ? key instanceof PublicKey : key instanceof PrivateKey)) {
          throw new IllegalArgumentException("EdDSA needs an Ed25519 key pair");
        }
        if (!"Ed25519".equalsIgnoreCase(ek.getParams().getName())) {
          throw new IllegalArgumentException(
              "EdDSA is supported with Ed25519 only; this key is " + ek.getParams().getName());
        }
      }
      default -> throw new IllegalStateException("unknown family " + alg.family());
    }
  }

  /** The standard parameters of an ES* algorithm's curve. */
  public static ECParameterSpec curve(JwsAlgorithm alg) {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec(JDK_CURVES.get(alg)));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks curve " + alg.curve(), e);
    }
  }

  private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
    return a.getOrder().equals(b.getOrder())
        && a.getGenerator().equals(b.getGenerator())
        && a.getCurve().equals(b.getCurve());
  }

  /** The exact length of a signature by {@code alg} with {@code verificationKey}, in bytes. */
  public static int signatureLength(JwsAlgorithm alg, Key verificationKey) {
    return switch (alg.family()) {
      case HMAC -> alg.size();
      case RSA, RSA_PSS -> (((RSAKey) verificationKey).getModulus().bitLength() + 7) / 8;
      case EC -> 2 * alg.size();
      case EDDSA -> 64;
    };
  }

  /**
   * Whether {@code signature} is a valid signature of {@code input} by {@code alg} under {@code
   * verificationKey}. Never throws for a bad signature. This prepares the key on every call: a
   * {@code JwtKey} prepares its own once ({@link PreparedKey}) and is what verification uses.
   */
  public static boolean verify(
      JwsAlgorithm alg, Key verificationKey, byte[] input, byte[] signature) {
    PreparedKey prepared;
    try {
      prepared = PreparedKey.of(alg, verificationKey, null);
    } catch (RuntimeException e) {
      return false; // not a key of this algorithm, or not a point of its curve
    }
    return prepared.verify(input, signature);
  }

  /**
   * Signs {@code input} with {@code signingKey}; ECDSA signatures are always low-s. This prepares
   * the key on every call; a {@code JwtKey} prepares its own once.
   */
  public static byte[] sign(JwsAlgorithm alg, Key signingKey, byte[] input) {
    return PreparedKey.signingOnly(alg, signingKey).sign(input);
  }

  /** {@link #verify} through jjwt's algorithms and the JCA, for keys Bouncy Castle does not run. */
  static boolean jcaVerify(JwsAlgorithm alg, Key verificationKey, byte[] input, byte[] signature) {
    if (signature.length != signatureLength(alg, verificationKey)) {
      return false;
    }
    if (alg.family() == JwsAlgorithm.Family.EC
        && !ecdsaScalarsInRange(alg, (ECKey) verificationKey, signature)) {
      return false;
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    SecureDigestAlgorithm<Key, Key> impl = (SecureDigestAlgorithm) jjwt(alg);
    try {
      return impl.verify(new VerifyRequest(input, verificationKey, signature));
    } catch (RuntimeException e) {
      // jjwt reports malformed signatures (bad PSS encoding, bad DER after conversion) by
      // throwing; for a verifier they are all the same answer.
      return false;
    }
  }

  /** {@link #sign} through jjwt's algorithms and the JCA; ECDSA signatures are made low-s. */
  static byte[] jcaSign(JwsAlgorithm alg, Key signingKey, byte[] input) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    SecureDigestAlgorithm<Key, Key> impl = (SecureDigestAlgorithm) jjwt(alg);
    byte[] sig = impl.digest(new SignRequest(input, signingKey));
    if (alg.family() == JwsAlgorithm.Family.EC) {
      lowS(alg, ((ECKey) signingKey).getParams().getOrder(), sig);
    }
    return sig;
  }

  /**
   * Whether an ECDSA signature (JWS form, r || s) has {@code s <= n/2}. Of the two signatures
   * {@code (r, s)} and {@code (r, n - s)} that verify for the same input, only the low one is
   * accepted, so a token cannot be re-encoded into another valid string. Always true for the other
   * families.
   */
  public static boolean isLowS(JwsAlgorithm alg, Key verificationKey, byte[] signature) {
    if (alg.family() != JwsAlgorithm.Family.EC || signature.length != 2 * alg.size()) {
      return true;
    }
    BigInteger n = ((ECKey) verificationKey).getParams().getOrder();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, alg.size(), 2 * alg.size()));
    return s.compareTo(n.shiftRight(1)) <= 0;
  }

  /** Replaces s by n - s in place when s > n/2. */
  private static void lowS(JwsAlgorithm alg, BigInteger n, byte[] sig) {
    int half = alg.size();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, 2 * half));
    if (s.compareTo(n.shiftRight(1)) > 0) {
      byte[] low = unsigned(n.subtract(s), half);
      System.arraycopy(low, 0, sig, half, half);
    }
  }

  /** {@code v} as exactly {@code length} big-endian unsigned bytes. */
  private static byte[] unsigned(BigInteger v, int length) {
    byte[] out = new byte[length];
    writeUnsigned(v, out, 0, length);
    return out;
  }

  /** Writes {@code v} into {@code out[offset, offset + length)}, big-endian, zero-padded. */
  static void writeUnsigned(BigInteger v, byte[] out, int offset, int length) {
    byte[] raw = v.toByteArray();
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, offset + length - copy, copy);
  }

  /** SHA-256 of {@code input}. */
  public static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * HKDF with HMAC-SHA256 (RFC 5869): extract with {@code salt} (empty means HashLen zero bytes),
   * then expand to {@code length} bytes bound to {@code info}.
   */
  public static byte[] hkdfSha256(byte[] salt, byte[] ikm, byte[] info, int length) {
    if (length < 1 || length > 255 * 32) {
      throw new IllegalArgumentException("HKDF-SHA256 output must be 1 to 8160 bytes");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
      byte[] prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] t = new byte[0];
      int done = 0;
      for (int i = 1; done < length; i++) {
        mac.update(t);
        mac.update(info);
        mac.update((byte) i);
        t = mac.doFinal();
        int n = Math.min(t.length, length - done);
        System.arraycopy(t, 0, out, done, n);
        done += n;
      }
      Arrays.fill(prk, (byte) 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  /**
   * The private material of a signing key in a canonical form that does not depend on how the key
   * was encoded or which provider loaded it: the secret of an HMAC key, the private exponent of an
   * RSA key and the private scalar of an EC key (both fixed-length big-endian), the 32-byte private
   * key of Ed25519.
   *
   * @throws IllegalArgumentException if the key does not expose its material (a hardware key)
   */
  public static byte[] privateMaterial(JwsAlgorithm alg, Key signingKey) {
    switch (alg.family()) {
      case HMAC -> {
        byte[] raw = signingKey.getEncoded();
        if (raw != null) {
          return raw;
        }
      }
      case RSA, RSA_PSS -> {
        if (signingKey instanceof RSAPrivateKey k) {
          return unsigned(k.getPrivateExponent(), (k.getModulus().bitLength() + 7) / 8);
        }
      }
      case EC -> {
        if (signingKey instanceof ECPrivateKey k) {
          return unsigned(k.getS(), (k.getParams().getOrder().bitLength() + 7) / 8);
        }
      }
      case EDDSA -> {
        if (signingKey instanceof EdECPrivateKey k && k.getBytes().isPresent()) {
          return k.getBytes().get();
        }
      }
      default -> throw new IllegalStateException("unknown family " + alg.family());
    }
    throw new IllegalArgumentException(
        "the " + alg.jwaName() + " signing key does not expose its private material");
  }

  private static SecureDigestAlgorithm<?, ?> jjwt(JwsAlgorithm alg) {
    return switch (alg) {
      case HS256 -> Jwts.SIG.HS256;
      case HS384 -> Jwts.SIG.HS384;
      case HS512 -> Jwts.SIG.HS512;
      case RS256 -> Jwts.SIG.RS256;
      case RS384 -> Jwts.SIG.RS384;
      case RS512 -> Jwts.SIG.RS512;
      case PS256 -> Jwts.SIG.PS256;
      case PS384 -> Jwts.SIG.PS384;
      case PS512 -> Jwts.SIG.PS512;
      case ES256 -> Jwts.SIG.ES256;
      case ES384 -> Jwts.SIG.ES384;
      case ES512 -> Jwts.SIG.ES512;
      case EDDSA -> Jwts.SIG.EdDSA;
    };
  }

  private static boolean ecdsaScalarsInRange(JwsAlgorithm alg, ECKey key, byte[] sig) {
    int half = alg.size();
    BigInteger n = key.getParams().getOrder();
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, 2 * half));
    return r.signum() > 0 && s.signum() > 0 && r.compareTo(n) < 0 && s.compareTo(n) < 0;
  }

  private record VerifyRequest(byte[] input, Key key, byte[] digest)
      implements VerifySecureDigestRequest<Key> {
    @Override
    public InputStream getPayload() {
      return new ByteArrayInputStream(input);
    }

    @Override
    public Key getKey() {
      return key;
    }

    @Override
    public byte[] getDigest() {
      return digest.clone();
    }

    @Override
    public Provider getProvider() {
      return null;
    }

    @Override
    public SecureRandom getSecureRandom() {
      return RANDOM;
    }
  }

  private record SignRequest(byte[] input, Key key) implements SecureRequest<InputStream, Key> {
    @Override
    public InputStream getPayload() {
      return new ByteArrayInputStream(input);
    }

    @Override
    public Key getKey() {
      return key;
    }

    @Override
    public Provider getProvider() {
      return null;
    }

    @Override
    public SecureRandom getSecureRandom() {
      return RANDOM;
    }
  }
}
