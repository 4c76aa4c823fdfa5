package dev.portcullis.auth.jwt;

import dev.portcullis.auth.jwt.internal.Crypto;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.internal.Pem;
import dev.portcullis.auth.jwt.internal.PreparedKey;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key of a {@link KeyRing}: its id ({@code kid}), the one algorithm it is pinned to, the key
 * that verifies, optionally the key that signs, and optionally the instant it retires (after which
 * it verifies nothing).
 *
 * <p>Construction checks that the key fits its algorithm (secret length, RSA size, curve); those
 * per-family checks are why this value type is about 400 lines. Instances are immutable and
 * thread-safe; {@link #toString()} never prints key material.
 *
 * <p><b>Refresh-token key.</b> A key built with its private material (or secret) also derives a
 * second, never-published key that MACs this issuer's refresh tokens ({@link #refreshKey()}): HS256
 * under HKDF-SHA256 (RFC 5869) of the private material, with the info {@value #REFRESH_KEY_INFO}, a
 * zero byte and this key's id. Every instance of a fleet that loads the same key derives the same
 * refresh key, without a setting of its own; a verifier that holds only the JWKS cannot verify a
 * refresh token, so it can never take one for an access token. Its id is this key's id followed by
 * {@value #REFRESH_KEY_SUFFIX}; it retires with this key.
 */
public final class JwtKey {

  /** What the id of a refresh-token key ends with, after the id of the key it derives from. */
  public static final String REFRESH_KEY_SUFFIX = "~r";

  /** The HKDF info label of refresh-token keys (followed by a zero byte and the key id). */
  public static final String REFRESH_KEY_INFO = "portcullis refresh-token key v1";

  private final String keyId;
  private final JwsAlgorithm algorithm;
  private final Key verificationKey;
  private final Key signingKey;
  private final Instant retireAt;
  private final JwtKey refreshKey;
  private final PreparedKey prepared;

  private JwtKey(
      String keyId, JwsAlgorithm algorithm, Key verificationKey, Key signingKey, Instant retireAt) {
    this.keyId = requireKeyId(keyId, 256);
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.verificationKey = Objects.requireNonNull(verificationKey, "verificationKey");
    this.signingKey = signingKey;
    this.retireAt = retireAt;
    Crypto.checkKey(algorithm, verificationKey, signingKey);
    this.prepared = PreparedKey.of(algorithm, verificationKey, signingKey);
    this.refreshKey = signingKey == null ? null : deriveRefreshKey();
  }

  /** A copy of {@code base} with another retirement; the refresh key follows. */
  private JwtKey(JwtKey base, Key signingKey, Instant retireAt) {
    this.keyId = base.keyId;
    this.algorithm = base.algorithm;
    this.verificationKey = base.verificationKey;
    this.signingKey = signingKey;
    this.retireAt = retireAt;
    this.prepared = signingKey == base.signingKey ? base.prepared : base.prepared.verifyingOnly();
    this.refreshKey =
        base.refreshKey == null
            ? null
            : new JwtKey(base.refreshKey, base.refreshKey.signingKey, retireAt);
  }

  /** A derived refresh-token key (HS256, never published, derives nothing further). */
  private JwtKey(String keyId, SecretKey secret) {
    this.keyId = requireKeyId(keyId, 256 + REFRESH_KEY_SUFFIX.length());
    this.algorithm = JwsAlgorithm.HS256;
    this.verificationKey = secret;
    this.signingKey = secret;
    this.retireAt = null;
    this.refreshKey = null;
    Crypto.checkKey(algorithm, secret, secret);
    this.prepared = PreparedKey.of(algorithm, secret, secret);
  }

  private JwtKey deriveRefreshKey() {
    byte[] material;
    try {
      material = Crypto.privateMaterial(algorithm, signingKey);
    } catch (IllegalArgumentException e) {
      return null; // a hardware key: it signs access tokens, but this service issues no refresh
    }
    byte[] label = REFRESH_KEY_INFO.getBytes(StandardCharsets.UTF_8);
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    byte[] info = new byte[label.length + 1 + id.length];
    System.arraycopy(label, 0, info, 0, label.length);
    System.arraycopy(id, 0, info, label.length + 1, id.length);
    byte[] secret = Crypto.hkdfSha256(new byte[0], material, info, 32);
    java.util.Arrays.fill(material, (byte) 0);
    return new JwtKey(keyId + REFRESH_KEY_SUFFIX, new SecretKeySpec(secret, "HmacSHA256"));
  }

  private static String requireKeyId(String keyId, int max) {
    Objects.requireNonNull(keyId, "keyId");
    if (keyId.isBlank() || keyId.length() > max) {
      throw new IllegalArgumentException("a key id must be 1 to 256 characters and not blank");
    }
    return keyId;
  }

  /**
   * A shared HMAC secret (HS256/384/512) that signs and verifies.
   *
   * @throws IllegalArgumentException if the secret is shorter than the hash (32, 48 or 64 bytes)
   */
  public static JwtKey hmac(String keyId, JwsAlgorithm algorithm, byte[] secret) {
    if (!algorithm.symmetric()) {
      throw new IllegalArgumentException(algorithm.jwaName() + " does not use a shared secret");
    }
    SecretKey key = new SecretKeySpec(secret.clone(), "HmacSHA" + algorithm.jwaName().substring(2));
    return new JwtKey(keyId, algorithm, key, key, null);
  }

  /** An asymmetric key pair that signs and verifies. */
  public static JwtKey signing(String keyId, JwsAlgorithm algorithm, KeyPair pair) {
    if (algorithm.symmetric()) {
      throw new IllegalArgumentException(algorithm.jwaName() + " needs a shared secret");
    }
    JwtKey key = new JwtKey(keyId, algorithm, pair.getPublic(), pair.getPrivate(), null);
    key.checkPair();
    return key;
  }

  /** A public key that only verifies. */
  public static JwtKey verifyOnly(String keyId, JwsAlgorithm algorithm, PublicKey publicKey) {
    return new JwtKey(keyId, algorithm, publicKey, null, null);
  }

  /**
   * A key from a PEM text: a PKCS#8 {@code PRIVATE KEY} (signs and verifies; the public key is
   * derived when absent) or only a {@code PUBLIC KEY} (verifies).
   *
   * @param keyId the key id, or null for the RFC 7638 thumbprint of the public key
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static JwtKey fromPem(String keyId, JwsAlgorithm algorithm, String pem) {
    if (algorithm.symmetric()) {
      throw new IllegalArgumentException(
          algorithm.jwaName() + " uses a shared secret, not a PEM key");
    }
    if (pem.contains("PRIVATE KEY")) {
      KeyPair pair = Pem.keyPair(pem, algorithm);
      return signing(keyId == null ? thumbprint(pair.getPublic()) : keyId, algorithm, pair);
    }
    PublicKey pub = Pem.publicKey(pem, algorithm);
    return verifyOnly(keyId == null ? thumbprint(pub) : keyId, algorithm, pub);
  }

  /**
   * A key from a JWK (RFC 7517), private (signs and verifies) or public (verifies). The algorithm
   * is the JWK's {@code alg}; where the curve fixes it (EC, Ed25519) a missing or unregistered
   * {@code alg} is allowed and a conflicting one refused; an RSA JWK without {@code alg} means
   * RS256. A JWK meant for encryption ({@code use} other than {@code sig}, or {@code key_ops}
   * without {@code verify}) is refused. The key id is the JWK's {@code kid}, or its RFC 7638
   * thumbprint.
   *
   * @throws IllegalArgumentException naming what is wrong with the JWK
   */
  public static JwtKey fromJwk(String json) {
    return fromJwk(Json.parseObject(json), true);
  }

  /**
   * Like {@link #fromJwk(String)} from a parsed object; {@code allowSecret} false refuses {@code
   * oct} keys (a published key set must never carry a shared secret).
   */
  public static JwtKey fromJwk(Map<String, Object> jwk, boolean allowSecret) {
    String kty = string(jwk, "kty");
    if (kty == null) {
      throw new IllegalArgumentException("the JWK has no 'kty'");
    }
    Object use = jwk.get("use");
    if (use != null && !"sig".equals(use)) {
      throw new IllegalArgumentException("the JWK is meant for 'use': " + use + ", not signatures");
    }
    boolean maySign = true;
    Object ops = jwk.get("key_ops");
    if (ops != null) {
      if (!(ops instanceof List<?> list) || !list.contains("verify")) {
        throw new IllegalArgumentException("the JWK's 'key_ops' do not include 'verify'");
      }
      maySign = list.contains("sign");
    }
    if (kty.equals("oct") && !allowSecret) {
      throw new IllegalArgumentException("a shared secret (kty oct) must never be published");
    }
    JwsAlgorithm alg = algorithmOf(kty, string(jwk, "crv"), string(jwk, "alg"));
    Jwk<?> parsed;
    try {
      parsed = io.jsonwebtoken.security.Jwks.parser().build().parse(Json.writeString(jwk));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the JWK is not a valid " + kty + " key: " + reason(e));
    }
    String kid = string(jwk, "kid");
    if (parsed.toKey() instanceof SecretKey secret) {
      if (kid == null) {
        throw new IllegalArgumentException("a shared-secret JWK needs a 'kid'");
      }
      return hmac(kid, alg, secret.getEncoded());
    }
    if (parsed instanceof PrivateJwk<?, ?, ?> priv) {
      KeyPair pair = priv.toKeyPair().toJavaKeyPair();
      String id = kid != null ? kid : thumbprint(pair.getPublic());
      return maySign ? signing(id, alg, pair) : verifyOnly(id, alg, pair.getPublic());
    }
    if (parsed instanceof PublicJwk<?> pub) {
      PublicKey key = pub.toKey();
      return verifyOnly(kid != null ? kid : thumbprint(key), alg, key);
    }
    throw new IllegalArgumentException("unsupported JWK type " + kty);
  }

  private static JwsAlgorithm algorithmOf(String kty, String crv, String algName) {
    Optional<JwsAlgorithm> named =
        algName == null ? Optional.empty() : JwsAlgorithm.fromJwaName(algName);
    JwsAlgorithm byCurve = null;
    switch (kty) {
      case "EC" -> {
        for (JwsAlgorithm a : List.of(JwsAlgorithm.ES256, JwsAlgorithm.ES384, JwsAlgorithm.ES512)) {
          if (a.curve().equals(crv)) {
            byCurve = a;
          }
        }
        if (byCurve == null) {
          throw new IllegalArgumentException("unsupported EC curve " + crv);
        }
      }
      case "OKP" -> {
        if (!"Ed25519".equals(crv)) {
          throw new IllegalArgumentException("unsupported OKP curve " + crv + "; use Ed25519");
        }
        byCurve = JwsAlgorithm.EDDSA;
      }
      case "RSA" -> {
        if (algName == null) {
          return JwsAlgorithm.RS256;
        }
        JwsAlgorithm a =
            named.orElseThrow(
                () -> new IllegalArgumentException("unsupported algorithm " + algName));
        if (a.family() != JwsAlgorithm.Family.RSA && a.family() != JwsAlgorithm.Family.RSA_PSS) {
          throw new IllegalArgumentException("an RSA key cannot be used with " + algName);
        }
        return a;
      }
      case "oct" -> {
        JwsAlgorithm a =
            named.orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "a shared-secret JWK needs 'alg' HS256, HS384 or HS512"));
        if (!a.symmetric()) {
          throw new IllegalArgumentException("a shared secret cannot be used with " + algName);
        }
        return a;
      }
      default -> throw new IllegalArgumentException("unsupported key type " + kty);
    }
    // The curve pins the algorithm; an alg that names another registered one is a contradiction,
    // an unregistered one (Wycheproof writes "ES521") adds nothing.
    if (named.isPresent() && named.get() != byCurve) {
      throw new IllegalArgumentException(
          "the JWK says 'alg' "
              + algName
              + " but its curve "
              + crv
              + " means "
              + byCurve.jwaName());
    }
    return byCurve;
  }

  private static String string(Map<String, Object> m, String name) {
    Object v = m.get(name);
    return v instanceof String s ? s : null;
  }

  private static String reason(RuntimeException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) : m;
  }

  /** The RFC 7638 SHA-256 thumbprint of a public key, base64url. */
  public static String thumbprint(PublicKey key) {
    return io.jsonwebtoken.security.Jwks.builder().key(key).build().thumbprint().toString();
  }

  private void checkPair() {
    byte[] probe = "portcullis key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] sig = sign(probe);
    if (!verifies(probe, sig)) {
      throw new IllegalArgumentException(
          "the private and public keys of '" + keyId + "' do not belong together");
    }
  }

  /**
   * This key, verifying only until {@code retireAt} and no longer signing. Its refresh-token key,
   * if any, keeps verifying refresh tokens until the same instant.
   */
  public JwtKey retiringAt(Instant retireAt) {
    Objects.requireNonNull(retireAt, "retireAt");
    return new JwtKey(this, null, retireAt);
  }

  /**
   * This key without its signing key, so that it only verifies; its refresh-token key, if any,
   * keeps verifying (and MACing, which only a key that signs is ever asked to do).
   */
  JwtKey verifyingOnly() {
    return signingKey == null ? this : new JwtKey(this, null, retireAt);
  }

  /**
   * The never-published HS256 key that MACs and verifies the refresh tokens issued under this key,
   * derived from its private material (see the class comment); empty for a key built without it (a
   * public key, a key from a JWKS, a hardware key).
   */
  public Optional<JwtKey> refreshKey() {
    return Optional.ofNullable(refreshKey);
  }

  /** The key id, carried in every token's {@code kid} header. */
  public String keyId() {
    return keyId;
  }

  /** The one algorithm this key signs and verifies with. */
  public JwsAlgorithm algorithm() {
    return algorithm;
  }

  /** The key that verifies (a public key, or the shared secret). */
  public Key verificationKey() {
    return verificationKey;
  }

  /** The key that signs, if this key may sign. */
  public Optional<Key> signingKey() {
    return Optional.ofNullable(signingKey);
  }

  /**
   * Signs {@code input} (a JWS signing input) with this key's algorithm: the JWS signature bytes,
   * for ECDSA r || s in its low-s form. The key was prepared for this when it was built (Bouncy
   * Castle key parameters for ES* and EdDSA); thread-safe.
   *
   * @throws IllegalStateException if this key cannot sign
   */
  public byte[] sign(byte[] input) {
    if (signingKey == null) {
      throw new IllegalStateException("key " + keyId + " cannot sign");
    }
    return prepared.sign(input);
  }

  /**
   * Whether {@code signature} is a valid signature of {@code input} under this key and its
   * algorithm, of exactly the algorithm's length (and for ECDSA with r and s in [1, n-1]; the low-s
   * form is the JWS layer's rule). Never throws for a bad signature; thread-safe. It does not
   * consider {@link #retireAt()}.
   */
  public boolean verifies(byte[] input, byte[] signature) {
    return prepared.verify(input, signature);
  }

  /** Whether this key can sign. */
  public boolean canSign() {
    return signingKey != null;
  }

  /** When this key stops verifying, if it retires. */
  public Optional<Instant> retireAt() {
    return Optional.ofNullable(retireAt);
  }

  /** Whether this key no longer verifies at {@code now}. */
  public boolean retiredAt(Instant now) {
    return retireAt != null && !now.isBefore(retireAt);
  }

  /** Whether this is a shared secret (never published). */
  public boolean symmetric() {
    return algorithm.symmetric();
  }

  /**
   * The public JWK of this key ({@code kty}, {@code use: sig}, {@code alg}, {@code kid} and the
   * public parameters).
   *
   * @throws IllegalStateException for a shared secret, which is never published
   */
  public Map<String, Object> publicJwk() {
    if (symmetric()) {
      throw new IllegalStateException("a shared secret is never published");
    }
    Jwk<?> jwk = io.jsonwebtoken.security.Jwks.builder().key((PublicKey) verificationKey).build();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kty", jwk.getType());
    out.put("use", "sig");
    out.put("alg", algorithm.jwaName());
    out.put("kid", keyId);
    for (String p : List.of("crv", "x", "y", "n", "e")) {
      Object v = jwk.get(p);
      if (v != null) {
        out.put(p, String.valueOf(v));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "JwtKey[kid="
        + keyId
        + ", alg="
        + algorithm.jwaName()
        + (canSign() ? ", signs" : ", verifies only")
        + (retireAt == null ? "" : ", retires " + retireAt)
        + "]";
  }
}
