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
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * The cryptographic primitives, delegated to jjwt's algorithm implementations ({@code Jwts.SIG}).
 * Everything jjwt sees has already passed our own checks: the algorithm is the one pinned to the
 * key, the signature has exactly the length the algorithm produces, and ECDSA's r and s are in [1,
 * n-1] (CVE-2022-21449, "psychic signatures", is refused here even on an unpatched JDK).
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
   * verificationKey}. Never throws for a bad signature.
   */
  public static boolean verify(
      JwsAlgorithm alg, Key verificationKey, byte[] input, byte[] signature) {
    if (signature.length != signatureLength(alg, verificationKey)) {
      return false;
    }
    if (alg.family() == JwsAlgorithm.Family.EC
        && !ecdsaScalarsInRange(alg, (ECPublicKey) verificationKey, signature)) {
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

  /** Signs {@code input} with {@code signingKey}. */
  public static byte[] sign(JwsAlgorithm alg, Key signingKey, byte[] input) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    SecureDigestAlgorithm<Key, Key> impl = (SecureDigestAlgorithm) jjwt(alg);
    return impl.digest(new SignRequest(input, signingKey));
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

  private static boolean ecdsaScalarsInRange(JwsAlgorithm alg, ECPublicKey key, byte[] sig) {
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
