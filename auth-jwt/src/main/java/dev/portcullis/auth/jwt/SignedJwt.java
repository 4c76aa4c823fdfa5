package dev.portcullis.auth.jwt;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.internal.Findings;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.internal.JwsVerifier;
import dev.portcullis.auth.jwt.internal.JwsVerifier.Resolved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A compact JWS (RFC 7515) whose signature verified under a key of a {@link KeySource}: its header
 * and claims, for JWTs other than this issuer's access tokens (an OAuth client's {@code
 * private_key_jwt} assertion, RFC 7523). The signature is checked exactly as every token's is
 * (size, three strict base64url parts, a JSON-object header, {@code alg} neither {@code none} nor
 * unknown, no key or key URL in the header, no {@code crit}, the key pinned to the header's {@code
 * alg}, ECDSA in low-s form unless asked otherwise); the claims must be a JSON object with no
 * repeated member. No claim is checked: {@code iss}, {@code aud}, {@code exp} and the rest are the
 * caller's rules. Key retirement is not looked at (use {@link JwtVerifier} for a {@link KeyRing}).
 *
 * <p>The key is the one named by the header's {@code kid}; without a {@code kid}, the only key of
 * the source pinned to the header's {@code alg} (none or several such keys: refused).
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows no claim values.
 */
public final class SignedJwt {

  /** The default limit on a token's length, in characters. */
  public static final int DEFAULT_MAX_SIZE = 16 * 1024;

  private final Map<String, Object> header;
  private final Map<String, Object> claims;
  private final JwtKey key;

  private SignedJwt(Map<String, Object> header, Map<String, Object> claims, JwtKey key) {
    this.header = header;
    this.claims = claims;
    this.key = key;
  }

  /**
   * Verifies {@code token} under {@code keys}, at most {@link #DEFAULT_MAX_SIZE} characters, ECDSA
   * signatures in low-s form only.
   *
   * @return the verified JWS; {@code Err(TokenRejected)} naming why it was refused, or {@code
   *     Err(ServiceUnavailable)} when the key source could not be consulted. Never throws for a bad
   *     token.
   */
  public static Result<SignedJwt> verify(String token, KeySource keys) {
    return verify(token, keys, DEFAULT_MAX_SIZE, false);
  }

  /**
   * Like {@link #verify(String, KeySource)}.
   *
   * @param maxSize the longest accepted token, in characters (at least 1)
   * @param acceptHighS whether an ECDSA signature may be in its high-s form. Accept it only where a
   *     token's exact string does not matter (a client assertion is single use by its {@code jti},
   *     and common signers, the JDK's and node's among them, do not normalise s)
   */
  public static Result<SignedJwt> verify(
      String token, KeySource keys, int maxSize, boolean acceptHighS) {
    Objects.requireNonNull(keys, "keys");
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be at least 1, is " + maxSize);
    }
    return Result.catching(() -> examine(token, keys, maxSize, acceptHighS));
  }

  private static Result<SignedJwt> examine(
      String token, KeySource keys, int maxSize, boolean acceptHighS) {
    Findings findings = Findings.firstOnly();
    JwsVerifier.Decoded d =
        JwsVerifier.verify(
            token,
            maxSize,
            new JwsVerifier.KeyResolver() {
              @Override
              public Resolved resolve(String kid) {
                return resolve(kid, Map.of());
              }

              @Override
              public Resolved resolve(String kid, Map<String, Object> header) {
                Resolved r = resolveKey(keys, kid, header);
                return r.key() != null && acceptHighS ? Resolved.acceptingHighS(r.key()) : r;
              }
            },
            findings);
    if (!findings.none()) {
      return rejected(findings.first().failure(), findings.first().explanation());
    }
    if (!d.signatureValid()) {
      return rejected(TokenFailure.SIGNATURE, "The signature was not verified.");
    }
    Map<String, Object> claims;
    try {
      claims = Json.parseObject(d.payload());
    } catch (IllegalArgumentException e) {
      return rejected(TokenFailure.MALFORMED, "The token's payload " + e.getMessage() + ".");
    }
    return Result.ok(new SignedJwt(frozen(d.header()), frozen(claims), d.key()));
  }

  private static Resolved resolveKey(KeySource keys, String kid, Map<String, Object> header) {
    if (kid != null) {
      Optional<JwtKey> key = keys.find(kid);
      return key.map(Resolved::of)
          .orElseGet(
              () ->
                  Resolved.failed(
                      TokenFailure.UNKNOWN_KEY,
                      "No key has the id '"
                          + JwsVerifier.printable(kid)
                          + "'; known key ids: "
                          + keys.keyIds()
                          + "."));
    }
    String alg = header.get("alg") instanceof String s ? s : "";
    List<JwtKey> fitting = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (String id : keys.keyIds()) {
      Optional<JwtKey> k = keys.find(id);
      if (k.isPresent()) {
        known.add(id + " (" + k.get().algorithm().jwaName() + ")");
        if (k.get().algorithm().jwaName().equals(alg)) {
          fitting.add(k.get());
        }
      }
    }
    if (fitting.size() == 1) {
      return Resolved.of(fitting.get(0));
    }
    if (fitting.isEmpty()) {
      return Resolved.failed(
          TokenFailure.ALGORITHM,
          "The header names no 'kid' and no key is pinned to '"
              + JwsVerifier.printable(alg)
              + "'; keys: "
              + known
              + ".");
    }
    return Resolved.failed(
        TokenFailure.UNKNOWN_KEY,
        "The header names no 'kid', and "
            + fitting.size()
            + " keys are pinned to "
            + alg
            + "; name the key with 'kid'.");
  }

  private static <T> Result<T> rejected(TokenFailure failure, String detail) {
    return Result.err(new AuthError.TokenRejected(failure, detail));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> frozen(Map<String, Object> json) {
    return (Map<String, Object>) Json.freeze(json);
  }

  /** The protected header, deeply unmodifiable. */
  public Map<String, Object> header() {
    return header;
  }

  /** The claims, deeply unmodifiable (JSON nulls dropped; fractions are {@code BigDecimal}). */
  public Map<String, Object> claims() {
    return claims;
  }

  /** The key that verified the signature. */
  public JwtKey key() {
    return key;
  }

  /** The header's {@code alg}. */
  public JwsAlgorithm algorithm() {
    return key.algorithm();
  }

  /** A claim that is a JSON string. */
  public Optional<String> stringClaim(String name) {
    return claims.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  @Override
  public String toString() {
    return "SignedJwt[alg="
        + key.algorithm().jwaName()
        + ", kid="
        + key.keyId()
        + ", claims="
        + claims.keySet()
        + "]";
  }
}
