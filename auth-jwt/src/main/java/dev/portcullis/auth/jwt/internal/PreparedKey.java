package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.jwt.JwsAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * A key's signing and verification, prepared once when the key is loaded, so that no call converts
 * or re-initialises anything:
 *
 * <ul>
 *   <li>HS*: HMAC over SHA-2 digests that absorbed the padded key once, cloned per call (a clone
 *       shares nothing mutable with the prototype), and a constant-time comparison;
 *   <li>ES* and EdDSA: Bouncy Castle's lightweight API over key parameters built here once ({@link
 *       ECPublicKeyParameters} on the curve's optimised implementation from {@link
 *       CustomNamedCurves}, {@link Ed25519PublicKeyParameters} with the point already decoded and
 *       validated). JDK 17's own Ed25519 and ECDSA cost 8 to 14 times as much per operation (issue
 *       17). A signing key whose private material is not exportable (a PKCS#11 or HSM key) signs
 *       through the JCA, its provider's job; verification, with the public key, still uses Bouncy
 *       Castle;
 *   <li>RS* and PS*: the JCA (through jjwt's algorithms). RSA is the JDK's strong side (its
 *       multiplications are intrinsics), so it stays there; it was not measured against Bouncy
 *       Castle.
 * </ul>
 *
 * <p>ECDSA signs with a deterministic nonce (RFC 6979, {@link HMacDSAKCalculator} with the
 * algorithm's own hash): a nonce that depends only on the key and the message cannot be repeated or
 * biased by a weak or failing random source, which would leak the private key. The signature is
 * then normalised to its low-s form and written as r || s at the fixed length of RFC 7518 section
 * 3.4 (never DER).
 *
 * <p>Every guarantee of {@link Crypto#verify} holds here: exact signature length, ECDSA scalars in
 * [1, n-1] (CVE-2022-21449), and a bad signature is {@code false}, never an exception. Bouncy
 * Castle's signers are not thread-safe, so each call makes its own (they are cheap: the expensive
 * state, the key parameters and the curve's precomputed tables, is immutable and shared). Instances
 * are immutable and thread-safe.
 */
public final class PreparedKey {

  /** Which implementation a key's operations run through. */
  public enum Path {
    /** HMAC over prepared JDK SHA-2 digests (HS*). */
    MAC,
    /** Bouncy Castle's lightweight API (ES*, EdDSA). */
    BOUNCY_CASTLE,
    /** The JCA through jjwt's algorithms (RS*, PS*, and keys whose material is not exportable). */
    JCA
  }

  private static final Map<JwsAlgorithm, ECDomainParameters> DOMAINS =
      Map.of(
          JwsAlgorithm.ES256, domain("P-256"),
          JwsAlgorithm.ES384, domain("P-384"),
          JwsAlgorithm.ES512, domain("P-521"));

  private interface Verifier {
    /** Called only with a signature of the algorithm's exact length. */
    boolean verify(byte[] input, byte[] signature);
  }

  private interface Signer {
    byte[] sign(byte[] input);
  }

  private final JwsAlgorithm alg;
  private final int signatureLength;
  private final Verifier verifier;
  private final Path verifyPath;
  private final Signer signer;
  private final Path signPath;

  private PreparedKey(
      JwsAlgorithm alg,
      int signatureLength,
      Verifier verifier,
      Path verifyPath,
      Signer signer,
      Path signPath) {
    this.alg = alg;
    this.signatureLength = signatureLength;
    this.verifier = verifier;
    this.verifyPath = verifyPath;
    this.signer = signer;
    this.signPath = signPath;
  }

  /**
   * Prepares a key that {@link Crypto#checkKey} accepted.
   *
   * @param signingKey the private key or secret, or null for a verify-only key
   * @throws IllegalArgumentException if the public key is not a valid point of its curve
   */
  public static PreparedKey of(JwsAlgorithm alg, Key verificationKey, Key signingKey) {
    int length = Crypto.signatureLength(alg, verificationKey);
    switch (alg.family()) {
      case HMAC -> {
        Hmac mac = new Hmac(alg, (SecretKey) verificationKey);
        Hmac signing =
            signingKey == null
                ? null
                : signingKey == verificationKey ? mac : new Hmac(alg, (SecretKey) signingKey);
        return new PreparedKey(
            alg,
            length,
            mac::verify,
            Path.MAC,
            signing == null ? null : signing::sign,
            signing == null ? null : Path.MAC);
      }
      case EC -> {
        ECDomainParameters domain = DOMAINS.get(alg);
        Verifier v;
        Path vp;
        if (verificationKey instanceof ECPublicKey pub) {
          v = new Ecdsa(alg, domain, publicParameters(alg, domain, pub))::verify;
          vp = Path.BOUNCY_CASTLE;
        } else {
          v = jca(alg, verificationKey);
          vp = Path.JCA;
        }
        if (signingKey == null) {
          return new PreparedKey(alg, length, v, vp, null, null);
        }
        Optional<BigInteger> d = ecPrivateScalar(signingKey);
        if (d.isPresent()) {
          ECPrivateKeyParameters priv = new ECPrivateKeyParameters(d.get(), domain);
          return new PreparedKey(
              alg, length, v, vp, new Ecdsa(alg, domain, priv)::sign, Path.BOUNCY_CASTLE);
        }
        return new PreparedKey(alg, length, v, vp, jcaSigner(alg, signingKey), Path.JCA);
      }
      case EDDSA -> {
        Verifier v;
        Path vp;
        Optional<byte[]> pubBytes = ed25519PublicBytes(verificationKey);
        if (pubBytes.isPresent()) {
          Ed25519PublicKeyParameters pub;
          try {
            pub = new Ed25519PublicKeyParameters(pubBytes.get(), 0);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EdDSA key is not a valid Ed25519 public key");
          }
          v = (input, signature) -> ed25519Verify(pub, input, signature);
          vp = Path.BOUNCY_CASTLE;
        } else {
          v = jca(alg, verificationKey);
          vp = Path.JCA;
        }
        if (signingKey == null) {
          return new PreparedKey(alg, length, v, vp, null, null);
        }
        if (signingKey instanceof EdECPrivateKey k && k.getBytes().isPresent()) {
          byte[] seed = k.getBytes().get();
          Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(seed, 0);
          Arrays.fill(seed, (byte) 0);
          return new PreparedKey(
              alg, length, v, vp, input -> ed25519Sign(priv, input), Path.BOUNCY_CASTLE);
        }
        return new PreparedKey(alg, length, v, vp, jcaSigner(alg, signingKey), Path.JCA);
      }
      case RSA, RSA_PSS -> {
        return new PreparedKey(
            alg,
            length,
            jca(alg, verificationKey),
            Path.JCA,
            signingKey == null ? null : jcaSigner(alg, signingKey),
            signingKey == null ? null : Path.JCA);
      }
      default -> throw new IllegalStateException("unknown family " + alg.family());
    }
  }

  /**
   * A key that only signs, for {@link Crypto#sign}: the private key stands in for the public one,
   * which only sizes signatures here (nothing verifies with it).
   */
  static PreparedKey signingOnly(JwsAlgorithm alg, Key signingKey) {
    return of(alg, signingKey, signingKey);
  }

  /** The same verification, without signing. */
  public PreparedKey verifyingOnly() {
    return signer == null
        ? this
        : new PreparedKey(alg, signatureLength, verifier, verifyPath, null, null);
  }

  /** The path verification runs through. */
  public Path verifyPath() {
    return verifyPath;
  }

  /** The path signing runs through; empty for a verify-only key. */
  public Optional<Path> signPath() {
    return Optional.ofNullable(signPath);
  }

  /** Whether this key signs. */
  public boolean canSign() {
    return signer != null;
  }

  /**
   * Whether {@code signature} is a valid signature of {@code input}: exactly the algorithm's
   * length, ECDSA's r and s in [1, n-1], and the signature itself. Never throws for a bad
   * signature. It does not judge ECDSA's low-s form ({@link Crypto#isLowS} does).
   */
  public boolean verify(byte[] input, byte[] signature) {
    if (signature.length != signatureLength) {
      return false;
    }
    try {
      return verifier.verify(input, signature);
    } catch (RuntimeException e) {
      // A verifier reports a malformed signature (bad PSS encoding, a point that does not
      // decode) by throwing; for a verifier they are all the same answer.
      return false;
    }
  }

  /**
   * Signs {@code input}; ECDSA signatures are low-s, r || s.
   *
   * @throws IllegalStateException if this key cannot sign
   */
  public byte[] sign(byte[] input) {
    if (signer == null) {
      throw new IllegalStateException("this " + alg.jwaName() + " key only verifies");
    }
    return signer.sign(input);
  }

  // ---- HMAC ----------------------------------------------------------------------------------

  /**
   * HMAC (RFC 2104) over two SHA-2 digests that have already absorbed the key XOR ipad and the key
   * XOR opad: each call clones them instead of hashing those two key blocks again (what a cloned
   * {@code Mac} still does on every call). The prototypes are never updated after construction, so
   * concurrent clones read a state nobody writes.
   */
  private static final class Hmac {
    private final MessageDigest inner;
    private final MessageDigest outer;

    Hmac(JwsAlgorithm alg, SecretKey key) {
      String hash = "SHA-" + alg.jwaName().substring(2);
      int block = alg == JwsAlgorithm.HS256 ? 64 : 128;
      byte[] k = key.getEncoded();
      byte[] ipad = new byte[block];
      byte[] opad = new byte[block];
      try {
        inner = MessageDigest.getInstance(hash);
        outer = MessageDigest.getInstance(hash);
        if (k.length > block) {
          k = MessageDigest.getInstance(hash).digest(k); // RFC 2104: a long key is hashed first
        }
        for (int i = 0; i < block; i++) {
          byte b = i < k.length ? k[i] : 0;
          ipad[i] = (byte) (b ^ 0x36);
          opad[i] = (byte) (b ^ 0x5c);
        }
        inner.update(ipad);
        outer.update(opad);
        inner.clone(); // fail here, at key load, if the provider cannot clone
      } catch (GeneralSecurityException | CloneNotSupportedException e) {
        throw new IllegalStateException("the JDK cannot prepare " + alg.jwaName(), e);
      } finally {
        Arrays.fill(k, (byte) 0);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
      }
    }

    byte[] sign(byte[] input) {
      try {
        MessageDigest i = (MessageDigest) inner.clone();
        i.update(input);
        MessageDigest o = (MessageDigest) outer.clone();
        o.update(i.digest());
        return o.digest();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("the digest could be cloned at key load", e);
      }
    }

    boolean verify(byte[] input, byte[] signature) {
      return MessageDigest.isEqual(sign(input), signature); // constant time in the JDK since 6u17
    }
  }

  // ---- ECDSA (Bouncy Castle) -----------------------------------------------------------------

  private static ECDomainParameters domain(String name) {
    X9ECParameters x9 = CustomNamedCurves.getByName(name);
    return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
  }

  private static ECPublicKeyParameters publicParameters(
      JwsAlgorithm alg, ECDomainParameters domain, ECPublicKey pub) {
    try {
      return new ECPublicKeyParameters(
          domain
              .getCurve()
              .createPoint(pub.getW().getAffineX(), pub.getW().getAffineY())
              .normalize(),
          domain);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          alg.jwaName() + " public key is not a valid point of " + alg.curve());
    }
  }

  /** The private scalar, when the key exposes it (a PKCS#11 key does not). */
  private static Optional<BigInteger> ecPrivateScalar(Key key) {
    if (key instanceof ECPrivateKey k) {
      try {
        BigInteger s = k.getS();
        return s == null || s.signum() <= 0 ? Optional.empty() : Optional.of(s);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private record Ecdsa(JwsAlgorithm alg, ECDomainParameters domain, Object key) {
    private Digest digest() {
      return switch (alg) {
        case ES256 -> new SHA256Digest();
        case ES384 -> new SHA384Digest();
        case ES512 -> new SHA512Digest();
        default -> throw new IllegalStateException(alg + " is not ECDSA");
      };
    }

    private byte[] hash(byte[] input) {
      Digest d = digest();
      d.update(input, 0, input.length);
      byte[] h = new byte[d.getDigestSize()];
      d.doFinal(h, 0);
      return h;
    }

    boolean verify(byte[] input, byte[] signature) {
      int half = alg.size();
      BigInteger n = domain.getN();
      BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, 2 * half));
      if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
        return false; // CVE-2022-21449: r = s = 0 must never verify
      }
      ECDSASigner verifier = new ECDSASigner();
      verifier.init(false, (ECPublicKeyParameters) key);
      return verifier.verifySignature(hash(input), r, s);
    }

    byte[] sign(byte[] input) {
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(digest()));
      signer.init(true, (ECPrivateKeyParameters) key);
      BigInteger[] rs = signer.generateSignature(hash(input));
      BigInteger n = domain.getN();
      BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
      int half = alg.size();
      byte[] out = new byte[2 * half];
      Crypto.writeUnsigned(rs[0], out, 0, half);
      Crypto.writeUnsigned(s, out, half, half);
      return out;
    }
  }

  // ---- Ed25519 (Bouncy Castle) ---------------------------------------------------------------

  /** The 32-byte RFC 8032 encoding of an Ed25519 public key, when it is a JDK EdEC key. */
  private static Optional<byte[]> ed25519PublicBytes(Key key) {
    if (!(key instanceof EdECPublicKey k)) {
      return Optional.empty();
    }
    BigInteger y = k.getPoint().getY();
    if (y.signum() < 0 || y.bitLength() > 255) {
      return Optional.empty();
    }
    byte[] be = y.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    if (k.getPoint().isXOdd()) {
      le[31] |= (byte) 0x80;
    }
    return Optional.of(le);
  }

  private static boolean ed25519Verify(
      Ed25519PublicKeyParameters pub, byte[] input, byte[] signature) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, pub);
    verifier.update(input, 0, input.length);
    return verifier.verifySignature(signature);
  }

  private static byte[] ed25519Sign(Ed25519PrivateKeyParameters priv, byte[] input) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, priv);
    signer.update(input, 0, input.length);
    return signer.generateSignature();
  }

  // ---- JCA (through jjwt) --------------------------------------------------------------------

  private static Verifier jca(JwsAlgorithm alg, Key verificationKey) {
    return (input, signature) -> Crypto.jcaVerify(alg, verificationKey, input, signature);
  }

  private static Signer jcaSigner(JwsAlgorithm alg, Key signingKey) {
    return input -> Crypto.jcaSign(alg, signingKey, input);
  }
}
