package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.KeySource;
import dev.portcullis.auth.jwt.TrustedIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Examines a token completely, in one order, for {@code verify} (stop at the first failure),
 * refresh and the inspector (collect all), so the three can never disagree. It only orchestrates:
 *
 * <ol>
 *   <li>the JWS layer ({@link JwsVerifier}) under the key {@link VerificationKeys} finds in the
 *       namespace the use allows;
 *   <li>the token's profile ({@link ProfileSelector}: user access, client access, refresh or
 *       trusted issuer) and its rules ({@link TokenProfile}): key namespace and {@code typ},
 *       required claims (read by {@link ClaimReader}), the profile's own claims, then subject,
 *       issuer, audience and times ({@link ClaimChecks}) with the profile's expectations;
 *   <li>revocation ({@link Revocations}), only for a token whose signature holds;
 *   <li>the {@link Principal} ({@link Principals}).
 * </ol>
 *
 * The inspector's facts come from {@link TokenNarrative}, and only when every failure is collected:
 * verify and refresh never read them. Thread-safe.
 */
public final class TokenExaminer {

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
   * @param acceptClientTokens whether clients' own access tokens ({@link ClientAccessProfile}) are
   *     accepted
   */
  public record Policy(
      String issuer,
      List<String> audiences,
      Duration leeway,
      int maxSize,
      boolean acceptHighS,
      boolean acceptClientTokens) {
    public Policy {
      Objects.requireNonNull(issuer, "issuer");
      audiences = List.copyOf(audiences);
      Objects.requireNonNull(leeway, "leeway");
    }

    /** A policy for users' tokens only. */
    public Policy(
        String issuer, List<String> audiences, Duration leeway, int maxSize, boolean acceptHighS) {
      this(issuer, audiences, leeway, maxSize, acceptHighS, false);
    }

    /** A policy for users' tokens only that requires low-s ECDSA signatures everywhere. */
    public Policy(String issuer, List<String> audiences, Duration leeway, int maxSize) {
      this(issuer, audiences, leeway, maxSize, false, false);
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
      return jws == null ? null : jws.key();
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

    /**
     * The profile that judged the token ({@code access}, {@code client}, {@code refresh}, {@code
     * external}), or {@code unknown} when the examination stopped before.
     */
    public String kind() {
      return kind;
    }

    /**
     * Plain-word facts for the inspector; empty when the examination stops at the first failure
     * (verify and refresh never read them).
     */
    public List<String> facts() {
      return List.copyOf(facts);
    }

    private void fact(String fact) {
      if (findings.collectsAll()) {
        facts.add(fact);
      }
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

  private final VerificationKeys keys;
  private final ProfileSelector profiles;
  private final int maxSize;
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
    Objects.requireNonNull(policy, "policy");
    this.keys = new VerificationKeys(keys, refreshKeys, trusted, policy.acceptHighS());
    this.profiles =
        new ProfileSelector(
            new UserAccessProfile(policy.issuer(), policy.audiences(), policy.leeway()),
            policy.acceptClientTokens()
                ? new ClientAccessProfile(policy.issuer(), policy.audiences(), policy.leeway())
                : null,
            new RefreshProfile(policy.issuer(), policy.leeway()),
            trusted == null ? null : new TrustedIssuerProfile(trusted));
    this.maxSize = policy.maxSize();
    this.blacklist = Objects.requireNonNull(blacklist, "blacklist");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Examines {@code token}.
   *
   * @param expected what the token must be; null lets the token decide (inspector)
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
    VerificationKeys.Lookup lookup =
        expected == null
            ? keys.forInspection(now)
            : expected == Use.REFRESH ? keys.forRefresh(now) : keys.forAccess(now);
    JwsVerifier.Decoded jws = JwsVerifier.verify(token, maxSize, lookup, findings);
    ex.jws = jws;
    if (jws.header() == null || jws.payload() == null) {
      return;
    }
    if (jws.key() != null && findings.collectsAll()) {
      ex.fact(TokenNarrative.signer(jws.key(), lookup.namespace(), jws.signatureValid()));
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
    TokenProfile profile = profiles.select(expected, lookup.namespace(), typ, claims);
    ex.kind = profile.kind();
    if (!profile.checkHeader(lookup.namespace(), jws.key(), typ, findings)) {
      return;
    }
    ex.leeway = profile.leeway();
    ClaimReader reader = new ClaimReader(claims, findings);
    if (!profile.requireClaims(reader)) {
      return;
    }
    ClaimReader.Registered c = reader.registered();
    if ((reader.failed() && !findings.collectsAll()) || !profile.checkClaims(c, findings)) {
      return;
    }
    String tokenId = profile.tokenId(token, c, reader);
    if (tokenId != null && c.jti() == null) {
      ex.fact(TokenNarrative.derivedTokenId(tokenId));
    }
    if (!ClaimChecks.subject(c.sub(), findings)) {
      return;
    }
    if (findings.collectsAll()) {
      facts(ex, c, claims, profile, now);
    }

    if (!ClaimChecks.issuer(profile, c.iss(), findings)
        || !ClaimChecks.audience(profile, c.aud(), findings)
        || !ClaimChecks.times(c.exp(), c.nbf(), c.iat(), now, profile.leeway(), findings)) {
      return;
    }
    if (!jws.signatureValid()) {
      return; // never consult stores about claims nobody vouched for
    }
    if (c.sub() != null && c.iat() != null && tokenId != null) {
      Revocations.check(blacklist, c.iss(), tokenId, c.sub(), c.sid(), c.iat())
          .ifPresent(r -> findings.fail(TokenFailure.REVOKED, Revocations.explain(r, c.iat())));
    }
    if (findings.none() && c.sub() != null && c.exp() != null) {
      ex.principal = Principals.of(c, tokenId, claims);
    }
  }

  private static void facts(
      Examination ex,
      ClaimReader.Registered c,
      Map<String, Object> claims,
      TokenProfile profile,
      Instant now) {
    ex.fact(
        TokenNarrative.parties(
            c.iss(),
            c.sub(),
            c.aud(),
            c.sid(),
            claims.get(ClientAccessProfile.CLIENT_ID),
            profile instanceof ClientAccessProfile));
    if (c.iat() != null) {
      ex.fact(TokenNarrative.issuedAt(c.iat(), now));
    }
    if (c.exp() != null) {
      ex.fact(TokenNarrative.expiry(c.exp(), now));
    }
  }
}
