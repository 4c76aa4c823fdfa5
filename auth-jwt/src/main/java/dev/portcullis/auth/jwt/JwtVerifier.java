package dev.portcullis.auth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.JwtSettings.RemoteJwksSettings;
import dev.portcullis.auth.jwt.internal.Findings;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.internal.Revocations;
import dev.portcullis.auth.jwt.internal.TokenExaminer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies access tokens: this service's own (through a {@link KeyRing}), an issuer's published
 * keys (through {@link RemoteJwks}, for services that only verify), and optionally a {@link
 * TrustedIssuer}'s. Answers {@code token_*} errors, or {@code service_unavailable} when neither
 * keys nor the blacklist can be consulted.
 *
 * <p>Each token is judged by the rules of its profile: a user's access token (with {@code sid}), a
 * client's own access token ({@code client_id} = {@code sub}, no {@code sid}; only with {@link
 * Builder#acceptClientTokens}), or a trusted issuer's token (under its shared secret). The module
 * README lists each profile's rules.
 *
 * <p>A token verified once is served from a bounded cache keyed by the exact token string; each hit
 * still checks expiry (with the leeway of the profile that accepted it: the trusted issuer's for
 * its tokens), the key's retirement and revocation, so a cached token is refused as soon as it
 * expires or is revoked.
 *
 * <p>Refresh tokens never verify here: they are MACed with keys that are never published ({@link
 * JwtKey#refreshKey()}); {@link #inspect} still explains them when the keys are a {@link KeyRing}.
 * Thread-safe.
 */
public final class JwtVerifier {

  /** The largest leeway a verifier accepts: a longer one keeps expired tokens alive. */
  public static final Duration MAX_LEEWAY = Duration.ofMinutes(5);

  /** The smallest limit on a token's length, in characters. */
  public static final int MIN_TOKEN_SIZE = 1024;

  /** The largest limit on a token's length, in characters. */
  public static final int MAX_TOKEN_SIZE = 1024 * 1024;

  /** The largest cache of verified tokens. */
  public static final int MAX_CACHE_SIZE = 10_000_000;

  private final TokenExaminer examiner;
  private final KeySource keys;
  private final TrustedIssuer trustedIssuer;
  private final TokenBlacklist blacklist;
  private final Clock clock;
  private final Cache<String, Cached> cache;

  /** A verified token: its principal, the key that verified it and its profile's leeway. */
  private record Cached(Principal principal, JwtKey key, Duration leeway) {
    Instant acceptedUntil() {
      return principal.expiresAt().plus(leeway);
    }
  }

  private JwtVerifier(Builder b) {
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.blacklist = Objects.requireNonNull(b.blacklist, "blacklist");
    this.keys = Objects.requireNonNull(b.keys, "keys");
    this.trustedIssuer = b.trustedIssuer;
    this.examiner =
        new TokenExaminer(
            Objects.requireNonNull(b.keys, "keys"),
            b.keys instanceof KeyRing ring ? ring.refreshKeys() : null,
            b.trustedIssuer,
            new TokenExaminer.Policy(
                Objects.requireNonNull(b.issuer, "issuer"),
                b.audiences,
                b.leeway,
                b.maxTokenSize,
                b.acceptHighS,
                b.acceptClientTokens),
            blacklist,
            clock);
    if (b.cacheSize > 0) {
      this.cache =
          Caffeine.newBuilder()
              .maximumSize(b.cacheSize)
              .executor(Runnable::run)
              .ticker(() -> clockNanos(clock))
              .expireAfter(new UntilExpiry(clock))
              // Hit, miss and eviction counts for cache metrics (cache()); a few LongAdders.
              .recordStats()
              .build();
    } else {
      this.cache = null;
    }
  }

  private static long clockNanos(Clock clock) {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /**
   * A builder; keys, issuer, leeway, maximum token size, blacklist and clock are required (their
   * defaults are {@code auth.token.*} in {@code reference.conf}: {@link #fromSettings} uses them).
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A verifier for {@code settings}: its key ring, or its remote JWKS when it only verifies, and
   * its trusted issuer.
   */
  public static JwtVerifier fromSettings(
      JwtSettings settings, KeySource keys, TokenBlacklist blacklist, Clock clock) {
    return builder()
        .keys(keys)
        .issuer(settings.issuer())
        .audiences(settings.audiences())
        .leeway(settings.leeway())
        .maxTokenSize(settings.maxTokenSize())
        .cacheSize(settings.verifyCacheSize())
        .trustedIssuer(settings.trusted().orElse(null))
        .acceptHighS(settings.remote().map(RemoteJwksSettings::acceptHighS).orElse(false))
        .blacklist(blacklist)
        .clock(clock)
        .build();
  }

  /** Verifies an access token. Never throws for a bad token. */
  public Result<Principal> verify(String accessToken) {
    if (cache != null && accessToken != null) {
      Cached cached = cache.getIfPresent(accessToken);
      if (cached != null) {
        Result<Principal> r = recheck(accessToken, cached);
        if (r != null) {
          return r;
        }
      }
    }
    TokenExaminer.Examination ex =
        examiner.examine(accessToken, TokenExaminer.Use.ACCESS, Findings.firstOnly());
    if (!ex.valid()) {
      return Result.err(ex.error());
    }
    if (cache != null) {
      cache.put(accessToken, new Cached(ex.principal(), ex.key(), ex.leeway()));
    }
    return Result.ok(ex.principal());
  }

  /**
   * The answer for a cached token, or null when it must be examined again (expired, its key retired
   * or no longer published, or revoked: the full examination then explains why).
   */
  private Result<Principal> recheck(String token, Cached cached) {
    Instant now = clock.instant();
    Principal p = cached.principal();
    if (!now.isBefore(cached.acceptedUntil()) || cached.key().retiredAt(now)) {
      cache.invalidate(token);
      return null;
    }
    return Result.catching(
        () -> {
          if (!stillPublished(cached.key(), now)) {
            cache.invalidate(token);
            return null;
          }
          if (Revocations.check(blacklist, p).isPresent()) {
            cache.invalidate(token);
            return null;
          }
          return Result.ok(p);
        });
  }

  /**
   * Whether the key source still holds {@code key} under its id, with the same key material (a
   * remote issuer may withdraw a key, or reuse its id for another one).
   */
  private boolean stillPublished(JwtKey key, Instant now) {
    if (trustedIssuer != null && key == trustedIssuer.key()) {
      return true;
    }
    Optional<JwtKey> current = keys.find(key.keyId());
    if (current.isEmpty()) {
      return false;
    }
    JwtKey k = current.get();
    return k == key
        || (k.algorithm() == key.algorithm()
            && k.verificationKey().equals(key.verificationKey())
            && !k.retiredAt(now));
  }

  /**
   * Examines any token (access, refresh or a trusted issuer's) without stopping at the first
   * failure, and explains the outcome. Never cached.
   */
  public TokenReport inspect(String token) {
    TokenExaminer.Examination ex = examiner.examine(token, null, Findings.all());
    List<String> facts = new ArrayList<>(ex.facts());
    ex.unavailable().ifPresent(e -> facts.add("Could not check everything: " + e.message()));
    return new TokenReport(
        ex.valid(),
        ex.kind(),
        frozen(ex.header()),
        frozen(ex.claims()),
        facts,
        ex.findings().list());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> frozen(Map<String, Object> json) {
    return (Map<String, Object>) Json.freeze(json);
  }

  /** How many verified tokens the cache holds now (after dropping expired ones). */
  public long cachedTokens() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * The cache of verified tokens (keyed by a digest of the token, never the token), for its
   * statistics only: hit rate, size, evictions (Micrometer's {@code CaffeineCacheMetrics}); empty
   * when caching is off ({@code auth.token.verify-cache-size = 0}). Do not modify it.
   */
  public java.util.Optional<com.github.benmanes.caffeine.cache.Cache<String, ?>> cache() {
    return java.util.Optional.ofNullable(cache);
  }

  /** Entries live until their token expires (plus its leeway), measured on the injected clock. */
  private record UntilExpiry(Clock clock) implements Expiry<String, Cached> {
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    @Override
    public long expireAfterCreate(String key, Cached value, long currentTime) {
      Duration left = Duration.between(clock.instant(), value.acceptedUntil());
      // A token may expire as late as 9999, beyond what a long counts in nanoseconds (2262).
      return left.isNegative() ? 0 : left.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : left.toNanos();
    }

    @Override
    public long expireAfterUpdate(
        String key, Cached value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(String key, Cached value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** Builds a {@link JwtVerifier}. */
  public static final class Builder {
    private KeySource keys;
    private TrustedIssuer trustedIssuer;
    private String issuer;
    private List<String> audiences = List.of();
    private Duration leeway;
    private Integer maxTokenSize;
    private int cacheSize;
    private boolean acceptHighS;
    private boolean acceptClientTokens;
    private TokenBlacklist blacklist;
    private Clock clock;

    private Builder() {}

    /** Where keys come from: a {@link KeyRing} or a {@link RemoteJwks}. */
    public Builder keys(KeySource keys) {
      this.keys = keys;
      return this;
    }

    /** A trusted external issuer whose kid-less tokens are also accepted; null for none. */
    public Builder trustedIssuer(TrustedIssuer trustedIssuer) {
      this.trustedIssuer = trustedIssuer;
      return this;
    }

    /** The required {@code iss}. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** The audience allow-list; empty accepts any audience (development only). */
    public Builder audiences(List<String> audiences) {
      this.audiences = List.copyOf(audiences);
      return this;
    }

    /**
     * Clock skew tolerated on exp, nbf and iat. Required.
     *
     * @throws IllegalArgumentException if negative or above {@link #MAX_LEEWAY}
     */
    public Builder leeway(Duration leeway) {
      this.leeway = checkLeeway(leeway);
      return this;
    }

    /**
     * Longest accepted token, in characters. Required.
     *
     * @throws IllegalArgumentException if outside {@link #MIN_TOKEN_SIZE}..{@link #MAX_TOKEN_SIZE}
     */
    public Builder maxTokenSize(int maxTokenSize) {
      this.maxTokenSize = checkMaxTokenSize(maxTokenSize);
      return this;
    }

    /**
     * How many verified tokens to remember; 0 (unless set) disables the cache.
     *
     * @throws IllegalArgumentException if negative or above {@link #MAX_CACHE_SIZE}
     */
    public Builder cacheSize(int cacheSize) {
      this.cacheSize = checkCacheSize(cacheSize);
      return this;
    }

    /**
     * Whether ECDSA signatures in their high-s form are accepted under keys from a source other
     * than a {@link KeyRing} (a remote issuer that does not normalise s). Default false: each token
     * has exactly one valid string. A key ring's keys always require low-s.
     */
    public Builder acceptHighS(boolean acceptHighS) {
      this.acceptHighS = acceptHighS;
      return this;
    }

    /**
     * Whether clients' own access tokens (OAuth client credentials: no user, no session) are
     * accepted. Such a token is recognised by a {@code client_id} claim equal to its {@code sub}
     * (RFC 9068 section 2.2) and must otherwise be a valid access token of this issuer ({@code typ
     * at+jwt}, {@code iss}, {@code aud}, {@code exp}, {@code iat}, {@code jti}) without {@code
     * sid}; its principal has no session id, and the subject is the client id. Default false: a
     * token without {@code sid} is refused ({@code token_missing_claim}).
     */
    public Builder acceptClientTokens(boolean acceptClientTokens) {
      this.acceptClientTokens = acceptClientTokens;
      return this;
    }

    /** Where revocations are looked up; {@code TokenBlacklist.none()} for none. */
    public Builder blacklist(TokenBlacklist blacklist) {
      this.blacklist = blacklist;
      return this;
    }

    /** The clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException if a required value is not set
     */
    public JwtVerifier build() {
      if (leeway == null || maxTokenSize == null) {
        throw new IllegalStateException("leeway and maxTokenSize are required");
      }
      return new JwtVerifier(this);
    }
  }

  static Duration checkLeeway(Duration leeway) {
    Objects.requireNonNull(leeway, "leeway");
    if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
      throw new IllegalArgumentException(
          "leeway must be 0 to " + MAX_LEEWAY.toSeconds() + " s, is " + leeway.toSeconds() + " s");
    }
    return leeway;
  }

  static int checkMaxTokenSize(int maxTokenSize) {
    if (maxTokenSize < MIN_TOKEN_SIZE || maxTokenSize > MAX_TOKEN_SIZE) {
      throw new IllegalArgumentException(
          "maxTokenSize must be "
              + MIN_TOKEN_SIZE
              + " to "
              + MAX_TOKEN_SIZE
              + ", is "
              + maxTokenSize);
    }
    return maxTokenSize;
  }

  static int checkCacheSize(int cacheSize) {
    if (cacheSize < 0 || cacheSize > MAX_CACHE_SIZE) {
      throw new IllegalArgumentException(
          "cacheSize must be 0 to " + MAX_CACHE_SIZE + ", is " + cacheSize);
    }
    return cacheSize;
  }
}
