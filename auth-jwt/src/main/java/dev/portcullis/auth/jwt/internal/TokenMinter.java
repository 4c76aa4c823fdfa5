package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.jwt.JwtKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds and signs tokens. The header is always {@code alg}, {@code typ}, {@code kid}; reserved
 * claims are written last-wins by this class only, so extra claims can never override them.
 *
 * <p>Time claims: {@code exp} and {@code nbf} are whole seconds; {@code iat} has millisecond
 * precision (a NumericDate may be fractional, RFC 7519 section 2), truncated so it is never later
 * than the real moment of issue. That is what lets "log out everywhere" revoke exactly the tokens
 * issued up to its instant (see {@code JwtTokenService}). Thread-safe.
 */
public final class TokenMinter {

  /**
   * Claims Portcullis sets itself: extra claims ({@code TokenClaims}) can never override them, and
   * a {@code Principal}'s claims are the token's others.
   */
  public static final Set<String> RESERVED_CLAIMS =
      Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "sid", "roles");

  /**
   * The RFC 9068 claims of tokens issued to OAuth clients. Portcullis sets them, so extra claims
   * ({@code TokenClaims}) never override them either; unlike {@link #RESERVED_CLAIMS} they stay in
   * a {@code Principal}'s claims, where resource servers read them.
   */
  public static final Set<String> OAUTH_CLAIMS = Set.of("client_id", "scope", "auth_time", "amr");

  /** Whether an extra claim named {@code name} would be ignored. */
  public static boolean isProtected(String name) {
    return RESERVED_CLAIMS.contains(name) || OAUTH_CLAIMS.contains(name);
  }

  /**
   * What an access token issued to an OAuth client says beyond a first-party token (RFC 9068
   * section 2.2).
   *
   * @param clientId {@code client_id}
   * @param scope {@code scope}, written space-separated and sorted; omitted when empty
   * @param audience {@code aud}, at least one entry (replaces the configured audiences)
   * @param authTime {@code auth_time} (whole seconds), or null when no user is involved
   * @param amr {@code amr}, or null/empty when no user is involved
   */
  public record OAuthContext(
      String clientId,
      Set<String> scope,
      List<String> audience,
      Instant authTime,
      List<String> amr) {
    public OAuthContext {
      Objects.requireNonNull(clientId, "clientId");
      scope = Set.copyOf(scope);
      audience = List.copyOf(audience);
      if (audience.isEmpty()) {
        throw new IllegalArgumentException("an OAuth access token needs an audience");
      }
      amr = amr == null ? List.of() : List.copyOf(amr);
    }
  }

  /** A signed token and the claims a caller needs to remember. */
  public record Minted(String token, String tokenId, Instant issuedAt, Instant expiresAt) {}

  private final String issuer;
  private final List<String> audiences;

  public TokenMinter(String issuer, List<String> audiences) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.audiences = List.copyOf(audiences);
  }

  /** A random id with 128 bits of entropy (token ids, session ids). */
  public static String randomId() {
    return Base64Url.encode(Crypto.randomBytes(16));
  }

  /** The {@code iat} the minter writes for {@code now}. */
  public static Instant issuedAt(Instant now) {
    return now.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * An access token ({@code typ: at+jwt}).
   *
   * @param extra claims added by the application; reserved names are ignored
   */
  public Minted access(
      JwtKey key,
      String subject,
      String sessionId,
      Set<String> roles,
      Map<String, Object> extra,
      Instant now,
      Instant expiresAt) {
    return access(key, subject, sessionId, roles, extra, now, expiresAt, null);
  }

  /**
   * An access token ({@code typ: at+jwt}), for an OAuth client when {@code oauth} is not null: its
   * audience replaces the configured one and {@code client_id}, {@code scope}, {@code auth_time}
   * and {@code amr} are added (RFC 9068 section 2.2).
   *
   * @param sessionId the session, or null for a client's own token (client credentials)
   * @param extra claims added by the application; protected names are ignored
   */
  public Minted access(
      JwtKey key,
      String subject,
      String sessionId,
      Set<String> roles,
      Map<String, Object> extra,
      Instant now,
      Instant expiresAt,
      OAuthContext oauth) {
    return access(key, subject, sessionId, roles, extra, now, expiresAt, oauth, List.of());
  }

  /**
   * As above; a first-party token ({@code oauth} null) also carries {@code firstPartyAmr} as {@code
   * amr} when it says more than a password (a second factor was verified): password-only tokens
   * stay as they were.
   */
  public Minted access(
      JwtKey key,
      String subject,
      String sessionId,
      Set<String> roles,
      Map<String, Object> extra,
      Instant now,
      Instant expiresAt,
      OAuthContext oauth,
      List<String> firstPartyAmr) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    List<String> aud = oauth != null ? oauth.audience() : audiences;
    if (!aud.isEmpty()) {
      claims.put("aud", aud.size() == 1 ? aud.get(0) : aud);
    }
    String jti = randomId();
    Instant iat = issuedAt(now);
    Instant exp = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    times(claims, iat, exp);
    claims.put("jti", jti);
    if (sessionId != null) {
      claims.put("sid", sessionId);
    }
    if (oauth != null) {
      claims.put("client_id", oauth.clientId());
      if (!oauth.scope().isEmpty()) {
        claims.put("scope", String.join(" ", new TreeSet<>(oauth.scope())));
      }
      if (oauth.authTime() != null) {
        claims.put("auth_time", oauth.authTime().getEpochSecond());
      }
      if (!oauth.amr().isEmpty()) {
        claims.put("amr", oauth.amr());
      }
    } else if (firstPartyAmr != null
        && !firstPartyAmr.isEmpty()
        && !firstPartyAmr.equals(List.of("pwd"))) {
      claims.put("amr", List.copyOf(firstPartyAmr));
    }
    if (sessionId != null || !roles.isEmpty()) {
      claims.put("roles", List.copyOf(new TreeSet<>(roles)));
    }
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      if (!isProtected(e.getKey()) && e.getValue() != null) {
        claims.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    return new Minted(sign(key, TokenTypes.ACCESS, claims), jti, iat, exp);
  }

  /**
   * A refresh token ({@code typ: refresh+jwt}), MACed with HS256 under {@code key}'s refresh-token
   * key ({@link JwtKey#refreshKey()}, header {@code kid} {@code <kid>~r}), which is never
   * published: a verifier holding only the JWKS cannot verify it, so it can never pass for an
   * access token. Its audience is also the issuer itself.
   *
   * @throws IllegalStateException if {@code key} has no refresh-token key (no private material)
   */
  public Minted refresh(
      JwtKey key,
      String subject,
      String sessionId,
      String tokenId,
      Instant now,
      Instant expiresAt) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    claims.put("aud", issuer);
    Instant iat = issuedAt(now);
    Instant exp = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    times(claims, iat, exp);
    claims.put("jti", tokenId);
    claims.put("sid", sessionId);
    JwtKey mac =
        key.refreshKey()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "key "
                            + key.keyId()
                            + " exposes no private material to derive its refresh-token key"));
    return new Minted(sign(mac, TokenTypes.REFRESH, claims), tokenId, iat, exp);
  }

  private static void times(Map<String, Object> claims, Instant iat, Instant exp) {
    claims.put("exp", exp.getEpochSecond());
    claims.put("nbf", iat.getEpochSecond());
    claims.put("iat", BigDecimal.valueOf(iat.toEpochMilli(), 3).stripTrailingZeros());
  }

  /** Signs a JWS with {@code key} and the given {@code typ} over {@code claims}. */
  public static String sign(JwtKey key, String typ, Map<String, Object> claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", key.algorithm().jwaName());
    if (typ != null) {
      header.put("typ", typ);
    }
    header.put("kid", key.keyId());
    String input =
        Base64Url.encode(Json.write(header)) + "." + Base64Url.encode(Json.write(claims));
    byte[] sig = key.sign(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64Url.encode(sig);
  }
}
