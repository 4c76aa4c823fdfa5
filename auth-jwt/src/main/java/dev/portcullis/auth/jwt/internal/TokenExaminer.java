package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.KeySource;
import dev.portcullis.auth.jwt.TrustedIssuer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Examines a token completely: the JWS layer ({@link JwsVerifier}), then type, required claims,
 * issuer, audience, time and revocation, and builds the {@link Principal}. The same examination
 * serves {@code verify} (stop at the first failure), refresh and the inspector (collect all).
 *
 * <p><b>Two key namespaces.</b> Access tokens verify only under the published keys (and the trusted
 * issuer's secret); refresh tokens verify only under the never-published refresh-token keys ({@link
 * JwtKey#refreshKey()}, HS256, ids {@code <kid>~r}). A refresh token sent as an access token, or an
 * access token (or a refresh token of the old format, signed with a published key) sent to the
 * refresh endpoint, is refused with {@code token_type} before its signature is even checked.
 *
 * <p><b>Tokens of the trusted issuer.</b> Without {@code jti}, such a token is identified for
 * revocation by {@value #DERIVED_ID_PREFIX} and the base64url SHA-256 of its exact string, a stable
 * id (HS signatures and strict base64url leave a token exactly one valid string) that becomes the
 * principal's {@code tokenId}, so logging it out revokes it until its {@code exp}. A token without
 * {@code iat} is refused ({@code token_missing_claim}, naming the claim and the fix): its issue
 * time is what "log out everywhere" and a password change compare with their cut-off, and no
 * stand-in is right (1970 would refuse every later token of the user, "now" would let an old token
 * survive the cut-off).
 *
 * <p>Thread-safe.
 */
public final class TokenExaminer {

  /** {@code typ} of access tokens (RFC 9068). */
  public static final String ACCESS_TYPE = "at+jwt";

  /** {@code typ} of refresh tokens: distinct, so neither can stand in for the other. */
  public static final String REFRESH_TYPE = "refresh+jwt";

  /** Claims Portcullis sets itself and that extra claims can never override. */
  public static final Set<String> RESERVED_CLAIMS =
      Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "sid", "roles");

  /** How a token id derived from the token itself (trusted issuer, no {@code jti}) starts. */
  public static final String DERIVED_ID_PREFIX = "sha256:";

  /** Latest accepted NumericDate: 9999-12-31T23:59:59Z. */
  private static final BigDecimal MAX_NUMERIC_DATE = BigDecimal.valueOf(253402300799L);

  /** Most fractional digits accepted in a NumericDate; more only make rounding expensive. */
  private static final int MAX_FRACTION_DIGITS = 64;

  /** What a token is expected to be. */
  public enum Use {
    ACCESS,
    REFRESH
  }

  /**
   * Verification settings that do not change while running.
   *
   * @param acceptHighS whether ECDSA signatures under keys that are not a {@link KeyRing} (a remote
   *     issuer's) may be in their high-s form; a key ring's never may
   */
  public record Policy(
      String issuer, List<String> audiences, Duration leeway, int maxSize, boolean acceptHighS) {
    public Policy {
      Objects.requireNonNull(issuer, "issuer");
      audiences = List.copyOf(audiences);
      Objects.requireNonNull(leeway, "leeway");
    }

    /** A policy that requires low-s ECDSA signatures everywhere. */
    public Policy(String issuer, List<String> audiences, Duration leeway, int maxSize) {
      this(issuer, audiences, leeway, maxSize, false);
    }
  }

  /** The outcome of one examination. */
  public static final class Examination {
    private final Findings findings;
    private JwsVerifier.Decoded jws;
    private Map<String, Object> claims;
    private String kind = "unknown";
    private AuthError unavailable;
    private Principal principal;
    private JwtKey key;
    private boolean refreshKey;
    private Duration leeway;
    private final List<String> facts = new ArrayList<>();

    Examination(Findings findings) {
      this.findings = findings;
    }

    /** Whether the token passed every check. */
    public boolean valid() {
      return unavailable == null && findings.none() && principal != null;
    }

    /** The failures found. */
    public Findings findings() {
      return findings;
    }

    /** A store or key source could not answer, if so: the answer is then this error. */
    public Optional<AuthError> unavailable() {
      return Optional.ofNullable(unavailable);
    }

    /** The verified principal; null unless {@link #valid()}. */
    public Principal principal() {
      return principal;
    }

    /** The key that verified the token, or null. */
    public JwtKey key() {
      return key;
    }

    /**
     * The leeway of the profile that judged the token's times (the trusted issuer's or the
     * issuer's), or null when the examination stopped before.
     */
    public Duration leeway() {
      return leeway;
    }

    /** The decoded header, or an empty map. */
    public Map<String, Object> header() {
      return jws == null || jws.header() == null ? Map.of() : jws.header();
    }

    /** The decoded claims, or an empty map. */
    public Map<String, Object> claims() {
      return claims == null ? Map.of() : claims;
    }

    /** {@code access}, {@code refresh}, {@code external} or {@code unknown}. */
    public String kind() {
      return kind;
    }

    /** Plain-word facts for the inspector. */
    public List<String> facts() {
      return List.copyOf(facts);
    }

    /** The error {@code verify} answers for an invalid token. */
    public AuthError error() {
      if (unavailable != null) {
        return unavailable;
      }
      var f = findings.first();
      return new AuthError.TokenRejected(f.failure(), f.explanation());
    }
  }

  private final KeySource keys;
  private final KeySource refreshKeys;
  private final TrustedIssuer trusted;
  private final Policy policy;
  private final TokenBlacklist blacklist;
  private final Clock clock;

  /**
   * @param keys the published keys, which verify access tokens
   * @param refreshKeys the refresh-token keys, or null where refresh tokens cannot be verified (a
   *     service that only verifies)
   * @param trusted the trusted external issuer, or null
   */
  public TokenExaminer(
      KeySource keys,
      KeySource refreshKeys,
      TrustedIssuer trusted,
      Policy policy,
      TokenBlacklist blacklist,
      Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.refreshKeys = refreshKeys;
    this.trusted = trusted;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.blacklist = Objects.requireNonNull(blacklist, "blacklist");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Examines {@code token}.
   *
   * @param expected what the token must be; null lets the token's {@code typ} decide (inspector)
   */
  public Examination examine(String token, Use expected, Findings findings) {
    Examination ex = new Examination(findings);
    Instant now = clock.instant();
    Result.<Void>catching(
            () -> {
              run(token, expected, now, ex);
              return Result.ok();
            })
        .ifErr(
            unavailable -> {
              ex.unavailable = unavailable;
              ex.principal = null;
            });
    return ex;
  }

  private void run(String token, Use expected, Instant now, Examination ex) {
    Findings findings = ex.findings;
    JwsVerifier.Decoded jws =
        JwsVerifier.verify(
            token,
            policy.maxSize(),
            new JwsVerifier.KeyResolver() {
              @Override
              public JwsVerifier.Resolved resolve(String kid) {
                return resolve(kid, Map.of());
              }

              @Override
              public JwsVerifier.Resolved resolve(String kid, Map<String, Object> header) {
                return expected == Use.REFRESH
                    ? resolveRefresh(kid, header, now, ex)
                    : resolveAccess(kid, expected == null, now, ex);
              }
            },
            findings);
    ex.jws = jws;
    ex.key = jws.key();
    if (jws.header() == null || jws.payload() == null) {
      return;
    }
    boolean external = trusted != null && jws.key() == trusted.key();
    if (jws.key() != null) {
      String signer;
      if (external) {
        signer = "Signed with the trusted issuer's shared secret";
      } else if (ex.refreshKey) {
        signer =
            "MACed with the refresh-token key '"
                + jws.key().keyId()
                + "' (derived from key '"
                + baseKeyId(jws.key().keyId())
                + "', never published)";
      } else {
        signer = "Signed with key '" + jws.key().keyId() + "'";
      }
      ex.facts.add(
          signer
              + " ("
              + jws.key().algorithm().jwaName()
              + "), signature "
              + (jws.signatureValid() ? "verified." : "NOT verified."));
    }
    if (!findings.none() && !findings.collectsAll()) {
      return;
    }
    Map<String, Object> claims;
    try {
      claims = Json.parseObject(jws.payload());
    } catch (IllegalArgumentException e) {
      findings.fail(TokenFailure.MALFORMED, "The token's payload " + e.getMessage() + ".");
      return;
    }
    ex.claims = claims;

    Object typ = jws.header().get("typ");
    Use use = expected;
    if (external) {
      ex.kind = "external";
    } else {
      if (use == null) {
        use = ex.refreshKey || REFRESH_TYPE.equals(normalType(typ)) ? Use.REFRESH : Use.ACCESS;
      }
      ex.kind = use == Use.ACCESS ? "access" : "refresh";
      if (use == Use.REFRESH && !ex.refreshKey && jws.key() != null) {
        // Only the inspector gets here: refresh() never resolves a published key.
        if (!findings.fail(TokenFailure.TYPE, publishedKeyRefresh(jws.key().keyId()))) {
          return;
        }
      }
    }
    if (!(external ? checkExternalType(typ, findings) : checkType(typ, use, findings))) {
      return;
    }

    Claims c = new Claims(claims, findings);
    Duration leeway = external ? trusted.leeway() : policy.leeway();
    ex.leeway = leeway;
    if (external) {
      if (!c.require(
          "iat",
          "The trusted issuer's token has no 'iat' claim (when it was issued), which this service"
              + " requires: 'log out everywhere' and a password change revoke the tokens issued"
              + " before them, which cannot be told apart without it. Fix: have the issuer write"
              + " iat (with jose: new SignJWT(...).setIssuedAt(); most libraries do by"
              + " default).")) {
        return;
      }
      for (String name : trusted.requiredClaims()) {
        if (!name.equals("iat") && !c.require(name)) {
          return;
        }
      }
    } else {
      List<String> required = new ArrayList<>(List.of("iss", "sub", "exp", "iat", "jti", "sid"));
      if (use == Use.REFRESH || !policy.audiences().isEmpty()) {
        required.add(2, "aud");
      }
      for (String name : required) {
        if (!c.require(name)) {
          return;
        }
      }
    }
    String iss = c.string("iss");
    String sub = c.string("sub");
    List<String> aud = c.audience();
    Instant exp = c.date("exp");
    Instant nbf = c.date("nbf");
    Instant iat = c.date("iat");
    String jti = c.string("jti");
    String sid = c.string("sid");
    if (c.failed() && !findings.collectsAll()) {
      return;
    }
    if (external && jti == null && !claims.containsKey("jti")) {
      jti = derivedTokenId(token);
      ex.facts.add(
          "No 'jti': logout revokes it by its stable id "
              + jti.substring(0, DERIVED_ID_PREFIX.length() + 8)
              + "... (SHA-256 of the token).");
    }
    if (sub != null && sub.isBlank()) {
      if (!findings.fail(TokenFailure.MISSING_CLAIM, "The token's 'sub' claim is empty.")) {
        return;
      }
    }
    facts(ex, iss, sub, aud, sid, iat, exp, now);

    if (!checkIssuer(external, iss, findings)
        || !checkAudience(external, use, aud, findings)
        || !checkTimes(exp, nbf, iat, now, leeway, findings)) {
      return;
    }
    if (!jws.signatureValid()) {
      return; // never consult stores about claims nobody vouched for
    }
    if (sub != null && iat != null && jti != null) {
      Optional<Revocation> revoked = blacklist.check(revocationIssuer(iss), jti, sub, sid, iat);
      if (revoked.isPresent()) {
        if (!findings.fail(TokenFailure.REVOKED, revokedDetail(revoked.get(), iat))) {
          return;
        }
      }
    }
    if (findings.none() && sub != null && exp != null) {
      ex.principal =
          new Principal(
              sub,
              sid,
              iss,
              aud == null ? List.of() : aud,
              roles(claims.get("roles")),
              jti,
              iat,
              exp,
              extraClaims(claims));
    }
  }

  /**
   * The id under which a token without {@code jti} is revoked: {@value #DERIVED_ID_PREFIX} and the
   * base64url SHA-256 of the exact token string.
   */
  public static String derivedTokenId(String token) {
    return DERIVED_ID_PREFIX
        + Base64Url.encode(Crypto.sha256(token.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The issuer key of revocations: {@code iss}, or the trusted issuer's default for none. */
  public static String revocationIssuer(String iss) {
    return iss != null ? iss : TrustedIssuer.DEFAULT_KEY_ID;
  }

  /**
   * The revocation that applies to a verified principal, if any (its token id and issue time are
   * always set: see the class comment).
   */
  public static Optional<Revocation> revocation(TokenBlacklist blacklist, Principal p) {
    return blacklist.check(
        revocationIssuer(p.issuer()),
        Objects.requireNonNull(p.tokenId(), "tokenId"),
        p.subject(),
        p.sessionId(),
        Objects.requireNonNull(p.issuedAt(), "issuedAt"));
  }

  private static String baseKeyId(String refreshKeyId) {
    return refreshKeyId.endsWith(JwtKey.REFRESH_KEY_SUFFIX)
        ? refreshKeyId.substring(0, refreshKeyId.length() - JwtKey.REFRESH_KEY_SUFFIX.length())
        : refreshKeyId;
  }

  private static String publishedKeyRefresh(String kid) {
    return "This refresh token is signed with key '"
        + JwsVerifier.printable(kid)
        + "', whose public half is published for access tokens (refresh tokens from before"
        + " they had a key of their own); it is refused, so that no refresh token can pass for"
        + " an access token anywhere. Sign in again to get a refresh token MACed with the"
        + " never-published refresh-token key '"
        + JwsVerifier.printable(kid)
        + JwtKey.REFRESH_KEY_SUFFIX
        + "'.";
  }

  private static JwsVerifier.Resolved retiredOr(JwtKey key, String kid, Instant now) {
    if (key.retiredAt(now)) {
      return JwsVerifier.Resolved.failed(
          TokenFailure.UNKNOWN_KEY,
          "The token was signed with key '"
              + JwsVerifier.printable(kid)
              + "', which retired at "
              + key.retireAt().orElseThrow()
              + "; tokens it signed are no longer accepted.");
    }
    return JwsVerifier.Resolved.of(key);
  }

  /** Keys for the refresh endpoint: refresh-token keys only. */
  private JwsVerifier.Resolved resolveRefresh(
      String kid, Map<String, Object> header, Instant now, Examination ex) {
    if (kid == null) {
      return JwsVerifier.Resolved.failed(
          TokenFailure.UNKNOWN_KEY,
          "The token names no key (no 'kid' header); refresh tokens issued here name their"
              + " refresh-token key.");
    }
    Optional<JwtKey> key = refreshKeys == null ? Optional.empty() : refreshKeys.find(kid);
    if (key.isPresent()) {
      ex.refreshKey = true;
      return retiredOr(key.get(), kid, now);
    }
    if (keys.find(kid).isPresent()) {
      String typ = normalType(header.get("typ"));
      return JwsVerifier.Resolved.failed(
          TokenFailure.TYPE,
          REFRESH_TYPE.equals(typ)
              ? publishedKeyRefresh(kid)
              : "This is an access token (signed with the published key '"
                  + JwsVerifier.printable(kid)
                  + "'); only a refresh token can be exchanged for new tokens.");
    }
    String base = baseKeyId(kid);
    if (!base.equals(kid) && keys.find(base).isPresent()) {
      return JwsVerifier.Resolved.failed(
          TokenFailure.UNKNOWN_KEY,
          "The refresh token was MACed with the refresh-token key of '"
              + JwsVerifier.printable(base)
              + "', which this service cannot derive: it holds only the public half of '"
              + JwsVerifier.printable(base)
              + "' (auth.token.previous-key.public-key-file). Sign in again; to keep refresh"
              + " tokens across a rotation, give that setting the previous private key file.");
    }
    return JwsVerifier.Resolved.failed(
        TokenFailure.UNKNOWN_KEY,
        "The refresh token names kid '"
            + JwsVerifier.printable(kid)
            + "', which this service does not know (its refresh-token keys: "
            + (refreshKeys == null ? "none" : String.join(", ", refreshKeys.keyIds()))
            + ").");
  }

  /**
   * Keys for access tokens: the published keys and the trusted issuer's; the inspector ({@code
   * inspecting}) also finds refresh-token keys.
   */
  private JwsVerifier.Resolved resolveAccess(
      String kid, boolean inspecting, Instant now, Examination ex) {
    if (kid != null) {
      Optional<JwtKey> key = keys.find(kid);
      if (key.isPresent()) {
        JwsVerifier.Resolved r = retiredOr(key.get(), kid, now);
        return r.key() != null && policy.acceptHighS() && !(keys instanceof KeyRing)
            ? JwsVerifier.Resolved.acceptingHighS(r.key())
            : r;
      }
      if (trusted != null && trusted.key().keyId().equals(kid)) {
        return JwsVerifier.Resolved.of(trusted.key());
      }
      Optional<JwtKey> refresh = refreshKeys == null ? Optional.empty() : refreshKeys.find(kid);
      if (refresh.isPresent() && inspecting) {
        ex.refreshKey = true;
        return retiredOr(refresh.get(), kid, now);
      }
      if (refresh.isPresent() || kid.endsWith(JwtKey.REFRESH_KEY_SUFFIX)) {
        return inspecting
            ? JwsVerifier.Resolved.failed(
                TokenFailure.UNKNOWN_KEY,
                "The token names kid '"
                    + JwsVerifier.printable(kid)
                    + "', a refresh-token key: refresh tokens are MACed with a key the issuer never"
                    + " publishes, so only the issuer can verify them.")
            : JwsVerifier.Resolved.failed(
                TokenFailure.TYPE,
                "This is a refresh token (kid '"
                    + JwsVerifier.printable(kid)
                    + "' names a refresh-token key, which is never published); send the access"
                    + " token to APIs (a refresh token only goes to the refresh endpoint).");
      }
      return JwsVerifier.Resolved.failed(
          TokenFailure.UNKNOWN_KEY,
          "The token was signed with kid '"
              + JwsVerifier.printable(kid)
              + "', which this service does not know (it knows: "
              + String.join(", ", keys.keyIds())
              + (trusted != null ? ", and the trusted issuer's secret" : "")
              + ").");
    }
    if (trusted != null) {
      return JwsVerifier.Resolved.of(trusted.key());
    }
    return JwsVerifier.Resolved.failed(
        TokenFailure.UNKNOWN_KEY,
        "The token names no key (no 'kid' header); this service only accepts tokens signed with a"
            + " key it knows ("
            + String.join(", ", keys.keyIds())
            + ").");
  }

  private static String normalType(Object typ) {
    if (!(typ instanceof String s)) {
      return null;
    }
    String t = s.trim().toLowerCase(Locale.ROOT);
    return t.startsWith("application/") ? t.substring("application/".length()) : t;
  }

  private static boolean checkType(Object typ, Use use, Findings findings) {
    String expected = use == Use.ACCESS ? ACCESS_TYPE : REFRESH_TYPE;
    String actual = normalType(typ);
    if (expected.equals(actual)) {
      return true;
    }
    String detail;
    if (typ == null) {
      detail =
          "The token has no 'typ' header; "
              + (use == Use.ACCESS
                  ? "access tokens issued here carry 'at+jwt' (RFC 9068)."
                  : "refresh tokens issued here carry 'refresh+jwt'.");
    } else if (use == Use.ACCESS && REFRESH_TYPE.equals(actual)) {
      detail =
          "This is a refresh token; send the access token to APIs (a refresh token only goes to"
              + " the refresh endpoint).";
    } else if (use == Use.REFRESH && ACCESS_TYPE.equals(actual)) {
      detail = "This is an access token; only a refresh token can be exchanged for new tokens.";
    } else {
      detail =
          "The token's type ('typ') is '"
              + JwsVerifier.printable(String.valueOf(typ))
              + "'; expected '"
              + expected
              + "'.";
    }
    return findings.fail(TokenFailure.TYPE, detail);
  }

  private static boolean checkExternalType(Object typ, Findings findings) {
    String t = normalType(typ);
    if (typ == null || "jwt".equals(t)) {
      return true;
    }
    return findings.fail(
        TokenFailure.TYPE,
        "The token's type ('typ') is '"
            + JwsVerifier.printable(String.valueOf(typ))
            + "'; tokens of the trusted issuer must have no 'typ' or 'JWT'.");
  }

  private boolean checkIssuer(boolean external, String iss, Findings findings) {
    String expected = external ? trusted.issuer() : policy.issuer();
    if (expected == null || expected.equals(iss)) {
      return true;
    }
    return findings.fail(
        TokenFailure.ISSUER,
        iss == null
            ? "The token has no issuer ('iss'); this service expects '" + expected + "'."
            : "The token's issuer is '"
                + JwsVerifier.printable(iss)
                + "'; this service expects '"
                + expected
                + "' ("
                + (external ? "auth.token.trusted-issuer.issuer" : "auth.token.issuer")
                + ").");
  }

  private boolean checkAudience(boolean external, Use use, List<String> aud, Findings findings) {
    List<String> accepted;
    String key;
    if (external) {
      accepted = trusted.audience() == null ? List.of() : List.of(trusted.audience());
      key = "auth.token.trusted-issuer.audience";
    } else if (use == Use.REFRESH) {
      accepted = List.of(policy.issuer());
      key = "auth.token.issuer: refresh tokens are issued for the issuer itself";
    } else {
      accepted = policy.audiences();
      key = "auth.token.audiences";
    }
    if (accepted.isEmpty()) {
      return true;
    }
    if (aud != null) {
      for (String a : aud) {
        if (accepted.contains(a)) {
          return true;
        }
      }
    }
    return findings.fail(
        TokenFailure.AUDIENCE,
        (aud == null || aud.isEmpty()
                ? "The token has no audience ('aud')"
                : "The token's audience is "
                    + aud.stream().map(a -> "'" + JwsVerifier.printable(a) + "'").toList())
            + ", expected "
            + (accepted.size() == 1 ? "'" + accepted.get(0) + "'" : "one of " + accepted)
            + " ("
            + key
            + ").");
  }

  private static boolean checkTimes(
      Instant exp, Instant nbf, Instant iat, Instant now, Duration leeway, Findings findings) {
    long skew = leeway.toSeconds();
    if (exp != null && !now.isBefore(exp.plus(leeway))) {
      if (!findings.fail(
          TokenFailure.EXPIRED,
          "The token expired "
              + seconds(exp, now)
              + " seconds ago (exp "
              + exp
              + ", leeway "
              + skew
              + " s).")) {
        return false;
      }
    }
    if (nbf != null && now.plus(leeway).isBefore(nbf)) {
      if (!findings.fail(
          TokenFailure.NOT_YET_VALID,
          "The token is not valid for another "
              + seconds(now, nbf)
              + " seconds (nbf "
              + nbf
              + ", leeway "
              + skew
              + " s): the issuer's clock is probably ahead; check clock sync (NTP).")) {
        return false;
      }
    }
    if (iat != null && iat.isAfter(now.plus(leeway))) {
      return findings.fail(
          TokenFailure.ISSUED_IN_FUTURE,
          "The token was issued "
              + seconds(now, iat)
              + " seconds in the future (iat "
              + iat
              + ", this service's time "
              + now
              + ", leeway "
              + skew
              + " s): check clock sync between the issuer and this service (NTP).");
    }
    return true;
  }

  private static long seconds(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds();
  }

  private static String revokedDetail(Revocation r, Instant iat) {
    return switch (r.scope()) {
      case TOKEN -> "The token was revoked at " + r.at() + " (logout).";
      case SESSION ->
          "The token's session was ended at "
              + r.at()
              + " (logout, or a refresh token of this session was used twice).";
      case USER ->
          "Every token of this user issued up to "
              + r.at()
              + " was revoked (log out everywhere, or a password change); this one was issued at "
              + (iat == null ? "an unknown time" : iat)
              + ".";
    };
  }

  private static void facts(
      Examination ex,
      String iss,
      String sub,
      List<String> aud,
      String sid,
      Instant iat,
      Instant exp,
      Instant now) {
    StringBuilder who = new StringBuilder();
    who.append("Issued by ").append(iss == null ? "(no issuer)" : "'" + printable(iss) + "'");
    who.append(" for subject ").append(sub == null ? "(none)" : "'" + printable(sub) + "'");
    if (aud != null && !aud.isEmpty()) {
      who.append(", audience ").append(aud.stream().map(TokenExaminer::printable).toList());
    }
    if (sid != null) {
      who.append(", session '").append(printable(sid)).append("'");
    }
    ex.facts.add(who.append('.').toString());
    if (iat != null) {
      long s = seconds(iat, now);
      ex.facts.add(
          "Issued at "
              + iat
              + (s >= 0 ? " (" + s + " seconds ago)." : " (" + -s + " seconds in the future)."));
    }
    if (exp != null) {
      long s = seconds(now, exp);
      ex.facts.add(
          s > 0
              ? "Expires at " + exp + " (in " + s + " seconds)."
              : "Expired at " + exp + " (" + -s + " seconds ago).");
    }
  }

  private static String printable(String s) {
    return JwsVerifier.printable(s);
  }

  private static Set<String> roles(Object value) {
    Set<String> roles = new LinkedHashSet<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isBlank()) {
          roles.add(s);
        }
      }
    }
    return roles;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> extraClaims(Map<String, Object> claims) {
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : claims.entrySet()) {
      if (!RESERVED_CLAIMS.contains(e.getKey()) && e.getValue() != null) {
        extra.put(e.getKey(), Json.freeze(e.getValue()));
      }
    }
    return extra;
  }

  /** Typed access to claims; a present claim of the wrong type is a failure. */
  private static final class Claims {
    private final Map<String, Object> claims;
    private final Findings findings;
    private boolean failed;

    Claims(Map<String, Object> claims, Findings findings) {
      this.claims = claims;
      this.findings = findings;
    }

    boolean failed() {
      return failed;
    }

    /** Records a failure if {@code name} is missing; returns whether to go on. */
    boolean require(String name) {
      return require(
          name,
          "The token has no '" + name + "' claim" + explain(name) + ", which is required here.");
    }

    /** Like {@link #require(String)}, explained by {@code detail}. */
    boolean require(String name, String detail) {
      if (claims.get(name) != null) {
        return true;
      }
      failed = true;
      return findings.fail(TokenFailure.MISSING_CLAIM, detail);
    }

    String string(String name) {
      Object v = claims.get(name);
      if (v == null) {
        return null;
      }
      if (v instanceof String s) {
        return s;
      }
      wrongType(name, "a string");
      return null;
    }

    List<String> audience() {
      Object v = claims.get("aud");
      if (v == null) {
        return null;
      }
      if (v instanceof String s) {
        return List.of(s);
      }
      if (v instanceof List<?> list) {
        List<String> out = new ArrayList<>();
        for (Object o : list) {
          if (!(o instanceof String s)) {
            wrongType("aud", "a string or a list of strings");
            return null;
          }
          out.add(s);
        }
        return out;
      }
      wrongType("aud", "a string or a list of strings");
      return null;
    }

    Instant date(String name) {
      Object v = claims.get(name);
      if (v == null) {
        return null;
      }
      BigDecimal d;
      if (v instanceof BigDecimal b) {
        d = b;
      } else if (v instanceof Integer || v instanceof Long) {
        d = BigDecimal.valueOf(((Number) v).longValue());
      } else if (v instanceof BigInteger b) {
        d = new BigDecimal(b);
      } else {
        wrongType(name, "a NumericDate (seconds since 1970)");
        return null;
      }
      if (d.signum() < 0 || d.compareTo(MAX_NUMERIC_DATE) > 0) {
        wrongType(name, "a NumericDate between 1970 and 9999");
        return null;
      }
      // Rounding costs a power of ten as large as the scale: 1e-999999999 would take minutes
      // (or throw). No issuer writes more than a few fractional digits.
      if (d.signum() == 0) {
        d = BigDecimal.ZERO;
      }
      if (d.scale() > MAX_FRACTION_DIGITS) {
        wrongType(name, "a NumericDate with at most " + MAX_FRACTION_DIGITS + " fractional digits");
        return null;
      }
      BigDecimal whole = d.setScale(0, RoundingMode.FLOOR);
      long seconds = whole.longValueExact();
      int nanos = d.subtract(whole).movePointRight(9).setScale(0, RoundingMode.FLOOR).intValue();
      return Instant.ofEpochSecond(seconds, nanos);
    }

    private void wrongType(String name, String what) {
      failed = true;
      findings.fail(
          TokenFailure.MISSING_CLAIM, "The token's '" + name + "' claim is not " + what + ".");
    }

    private static String explain(String name) {
      return switch (name) {
        case "sid" -> " (the session id)";
        case "jti" -> " (the token id)";
        case "iat" -> " (when it was issued)";
        case "exp" -> " (when it expires)";
        case "sub" -> " (the user id)";
        case "aud" -> " (the audience)";
        case "iss" -> " (the issuer)";
        default -> "";
      };
    }
  }
}
