package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a compact JWS (RFC 7515) before anything reads its content, in this order: size, shape
 * (exactly three parts), strict base64url of every part, a JSON-object header, {@code alg} ({@code
 * none} refused in any letter case, unknown names refused), no key or key URL in the header ({@code
 * jwk}, {@code jku}, {@code x5u}, {@code x5c}), no {@code crit} extension (none is understood), the
 * key named by {@code kid}, the algorithm pinned to that key, and the signature, which for ECDSA
 * must also be in its canonical low-s form. None of these depend on a library's defaults; the key's
 * own prepared implementation ({@link PreparedKey}) only computes the signature.
 *
 * <p>Stateless and thread-safe.
 */
public final class JwsVerifier {

  /** Header parameters that would let the token choose its own key. */
  public static final List<String> KEY_CARRYING = List.of("jwk", "jku", "x5u", "x5c");

  /** RFC 7515 section 4.1 names, which {@code crit} must never list. */
  private static final Set<String> REGISTERED =
      Set.of("alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit");

  /** Finds the key a token names. */
  @FunctionalInterface
  public interface KeyResolver {
    /**
     * The key for {@code kid} (null when the header has none), or a failure.
     *
     * @throws dev.portcullis.auth.api.error.ServiceUnavailableException when keys cannot be
     *     obtained at all
     */
    Resolved resolve(String kid);

    /**
     * Like {@link #resolve(String)}, with the decoded header for resolvers whose explanation
     * depends on it ({@code typ}). Defaults to {@link #resolve(String)}.
     */
    default Resolved resolve(String kid, Map<String, Object> header) {
      return resolve(kid);
    }
  }

  /**
   * A resolved key, or why there is none.
   *
   * @param highSAccepted whether an ECDSA signature under this key may be in its high-s form (only
   *     for a remote issuer that does not normalise, by explicit configuration)
   */
  public record Resolved(JwtKey key, TokenFailure failure, String detail, boolean highSAccepted) {
    /** The key; ECDSA signatures must be low-s. */
    public static Resolved of(JwtKey key) {
      return new Resolved(key, null, null, false);
    }

    /** The key of a remote issuer that does not normalise ECDSA signatures. */
    public static Resolved acceptingHighS(JwtKey key) {
      return new Resolved(key, null, null, true);
    }

    /** No usable key. */
    public static Resolved failed(TokenFailure failure, String detail) {
      return new Resolved(null, failure, detail, false);
    }
  }

  /** What a verification decoded; parts are null where decoding stopped. */
  public static final class Decoded {
    private Map<String, Object> header;
    private byte[] payload;
    private JwtKey key;
    private boolean signatureValid;

    /** The header, or null. */
    public Map<String, Object> header() {
      return header;
    }

    /** The payload bytes, or null. */
    public byte[] payload() {
      return payload;
    }

    /** The key the token names, or null. */
    public JwtKey key() {
      return key;
    }

    /** Whether the signature was checked and matches. */
    public boolean signatureValid() {
      return signatureValid;
    }
  }

  private JwsVerifier() {}

  /**
   * Verifies {@code token}, recording failures in {@code findings}.
   *
   * @return what could be decoded; the token is valid only if {@code findings} stays empty
   */
  public static Decoded verify(String token, int maxSize, KeyResolver keys, Findings findings) {
    Decoded d = new Decoded();
    if (token == null || token.isEmpty()) {
      findings.fail(TokenFailure.MALFORMED, "No token was given.");
      return d;
    }
    if (token.length() > maxSize) {
      findings.fail(
          TokenFailure.TOO_LARGE,
          "The token is "
              + token.length()
              + " characters long; this service accepts at most "
              + maxSize
              + " (auth.token.max-size).");
      return d;
    }
    if (token.startsWith("{")) {
      findings.fail(
          TokenFailure.MALFORMED,
          "The token uses the JWS JSON serialization; only the compact form (three base64url"
              + " parts separated by dots) is accepted.");
      return d;
    }
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
      int count = token.split("\\.", -1).length;
      findings.fail(
          TokenFailure.MALFORMED,
          count == 5
              ? "The token has 5 parts, like an encrypted JWE; only signed JWS tokens are accepted."
              : "The token has "
                  + count
                  + (count == 1 ? " part" : " parts")
                  + "; a signed JWT has exactly three, separated by dots.");
      return d;
    }
    if (dot1 == 0) {
      findings.fail(TokenFailure.MALFORMED, "The token's header part is empty.");
      return d;
    }
    byte[] raw;
    byte[] headerBytes;
    byte[] payload;
    byte[] signature;
    try {
      // One copy of the token as bytes (base64url is ASCII; anything else is refused by the
      // decoder), which the three parts are decoded from and the signing input is cut from.
      raw = token.getBytes(StandardCharsets.ISO_8859_1);
      headerBytes = decodePart(raw, token, 0, dot1, "header");
      payload = decodePart(raw, token, dot1 + 1, dot2, "payload");
      signature = decodePart(raw, token, dot2 + 1, token.length(), "signature");
    } catch (IllegalArgumentException e) {
      findings.fail(TokenFailure.MALFORMED, e.getMessage());
      return d;
    }
    Map<String, Object> header;
    try {
      header = Json.parseObject(headerBytes);
    } catch (IllegalArgumentException e) {
      findings.fail(TokenFailure.MALFORMED, "The token's header " + e.getMessage() + ".");
      return d;
    }
    d.header = header;
    d.payload = payload;

    JwsAlgorithm alg = algorithm(header, findings);
    boolean headerOk = alg != null;
    if (alg == null && !findings.collectsAll()) {
      return d;
    }
    if (!headerParametersOk(header, findings)) {
      headerOk = false;
      if (!findings.collectsAll()) {
        return d;
      }
    }

    Object kidValue = header.get("kid");
    if (kidValue != null && !(kidValue instanceof String)) {
      findings.fail(TokenFailure.MALFORMED, "The header's 'kid' is not a string.");
      return d;
    }
    Resolved r = keys.resolve((String) kidValue, header);
    if (r.key() == null) {
      findings.fail(r.failure(), r.detail());
      return d;
    }
    JwtKey key = r.key();
    d.key = key;
    if (alg == null) {
      return d;
    }
    if (alg != key.algorithm()) {
      findings.fail(
          TokenFailure.ALGORITHM,
          "The token says 'alg': "
              + alg.jwaName()
              + ", but key '"
              + key.keyId()
              + "' is pinned to "
              + key.algorithm().jwaName()
              + (alg.symmetric() != key.algorithm().symmetric()
                  ? "; using a public key as an HMAC secret (or the reverse) is a known attack."
                  : "; a key is only ever used with its own algorithm."));
      return d;
    }
    if (!headerOk) {
      return d;
    }
    byte[] input = Arrays.copyOf(raw, dot2);
    if (key.verifies(input, signature)) {
      if (r.highSAccepted() || Crypto.isLowS(alg, key.verificationKey(), signature)) {
        d.signatureValid = true;
      } else {
        findings.fail(
            TokenFailure.SIGNATURE,
            "The "
                + alg.jwaName()
                + " signature is not in its canonical low-s form (s > n/2): it is the re-encoded"
                + " twin of a valid signature, and only the low-s one is accepted, so that a token"
                + " has exactly one valid string. Portcullis signs low-s; another issuer must"
                + " normalise s to n - s after signing (or, for a remote issuer that cannot, set"
                + " auth.token.remote-jwks.accept-high-s = true).");
      }
    } else {
      findings.fail(TokenFailure.SIGNATURE, signatureMismatch(key, signature.length));
    }
    return d;
  }

  private static byte[] decodePart(byte[] raw, String token, int from, int to, String name) {
    try {
      return Base64Url.decode(raw, from, to);
    } catch (IllegalArgumentException refused) {
      // Decode again from the text, only to say why (the fast path does not).
    }
    String why = null;
    try {
      Base64Url.decode(token, from, to);
    } catch (IllegalArgumentException e) {
      why = e.getMessage();
    }
    throw new IllegalArgumentException(
        "The token's "
            + name
            + " is not strict base64url"
            + (why == null ? "" : ": it " + why)
            + ".");
  }

  private static JwsAlgorithm algorithm(Map<String, Object> header, Findings findings) {
    Object a = header.get("alg");
    if (a == null) {
      findings.fail(TokenFailure.MALFORMED, "The token's header has no 'alg'.");
      return null;
    }
    if (!(a instanceof String name)) {
      findings.fail(TokenFailure.MALFORMED, "The token's 'alg' is not a string.");
      return null;
    }
    if (name.trim().toLowerCase(Locale.ROOT).equals("none")) {
      findings.fail(
          TokenFailure.ALGORITHM,
          "The token is unsigned ('alg': " + name + "); unsigned tokens are never accepted.");
      return null;
    }
    Optional<JwsAlgorithm> alg = JwsAlgorithm.fromJwaName(name);
    if (alg.isEmpty()) {
      findings.fail(
          TokenFailure.ALGORITHM,
          "The algorithm '"
              + printable(name)
              + "' is not supported; supported: "
              + JwsAlgorithm.names()
              + ".");
      return null;
    }
    return alg.get();
  }

  private static boolean headerParametersOk(Map<String, Object> header, Findings findings) {
    boolean ok = true;
    for (String p : KEY_CARRYING) {
      if (header.containsKey(p)) {
        ok = false;
        if (!findings.fail(
            TokenFailure.UNSUPPORTED_HEADER,
            "The header carries '"
                + p
                + "', a key or key location chosen by the token itself; keys only ever come from"
                + " this service's configuration.")) {
          return false;
        }
      }
    }
    if (header.containsKey("crit")) {
      ok = false;
      if (!findings.fail(TokenFailure.UNSUPPORTED_HEADER, critProblem(header))) {
        return false;
      }
    } else if (header.containsKey("b64")) {
      ok = false;
      if (!findings.fail(
          TokenFailure.UNSUPPORTED_HEADER,
          "The header carries 'b64' (RFC 7797 unencoded payload), which is not supported.")) {
        return false;
      }
    }
    return ok;
  }

  private static String critProblem(Map<String, Object> header) {
    if (!(header.get("crit") instanceof List<?> crit) || crit.isEmpty()) {
      return "The header's 'crit' is not a non-empty list of names (RFC 7515 section 4.1.11).";
    }
    Set<Object> seen = new HashSet<>();
    for (Object c : crit) {
      if (!(c instanceof String name)) {
        return "The header's 'crit' lists something that is not a name.";
      }
      if (!seen.add(name)) {
        return "The header's 'crit' lists '" + printable(name) + "' twice.";
      }
      if (REGISTERED.contains(name)) {
        return "The header's 'crit' lists '"
            + name
            + "', a registered parameter that RFC 7515 forbids there.";
      }
      if (!header.containsKey(name)) {
        return "The header's 'crit' lists '"
            + printable(name)
            + "', which the header does not contain.";
      }
    }
    return "The header marks "
        + crit.stream().map(c -> "'" + printable((String) c) + "'").toList()
        + " as critical ('crit'): extensions this service does not understand, so it must refuse"
        + " the token.";
  }

  private static String signatureMismatch(JwtKey key, int length) {
    if (length != Crypto.signatureLength(key.algorithm(), key.verificationKey())) {
      return "The signature is "
          + length
          + " bytes long, but "
          + key.algorithm().jwaName()
          + " with key '"
          + key.keyId()
          + "' produces exactly "
          + Crypto.signatureLength(key.algorithm(), key.verificationKey())
          + ".";
    }
    if (key.symmetric()) {
      return "The signature does not match the shared secret of key '"
          + key.keyId()
          + "' ("
          + key.algorithm().jwaName()
          + "): the issuer and this service most likely hold different secrets, or the token"
          + " was altered.";
    }
    return "The signature does not match the public key '"
        + key.keyId()
        + "' ("
        + key.algorithm().jwaName()
        + "): the token was signed by another private key under the same key id, or altered.";
  }

  /** A value from a token, cut short and stripped of control characters, for messages. */
  public static String printable(String s) {
    String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return sb.toString();
  }
}
