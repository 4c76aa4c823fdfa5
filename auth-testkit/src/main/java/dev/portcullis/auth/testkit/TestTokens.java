package dev.portcullis.auth.testkit;

import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyRing;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Access tokens in every state a service must handle: valid and revoked ones come from the real
 * {@link TokenService}; expired, not-yet-valid, wrong-audience and foreign-signed ones are signed
 * here with the injector's own key (or a stranger's), exactly as an attacker or a badly configured
 * issuer would, because Portcullis never issues them. Get one from {@link AuthTestKit#tokens()}.
 *
 * <p>Every minted token carries what Portcullis writes ({@code alg}, {@code typ: at+jwt}, {@code
 * kid}; {@code iss sub aud exp nbf iat jti sid roles}) with a random session id, so it differs from
 * a valid token only where its name says. Times are relative to the injected clock. Thread-safe.
 */
public final class TestTokens {

  /** The audience of {@link #wrongAudience}: one the stub never accepts. */
  public static final String OTHER_AUDIENCE = "https://another-service.portcullis.test";

  /** How far beyond the leeway {@link #expired} and {@link #notYetValid} tokens lie. */
  private static final Duration MARGIN = Duration.ofMinutes(1);

  private final TokenService tokens;
  private final UserStore users;
  private final JwtSettings settings;
  private final KeyRing ring;
  private final Clock clock;

  TestTokens(
      TokenService tokens, UserStore users, JwtSettings settings, KeyRing ring, Clock clock) {
    this.ring = ring;
    this.tokens = tokens;
    this.users = users;
    this.settings = settings;
    this.clock = clock;
  }

  /** A fresh access and refresh token for {@code user}, issued by the real token service. */
  public TokenPair pair(User user) {
    Objects.requireNonNull(user, "user");
    // Bound to the account's current credentials, as a real login would be.
    StoredUser account =
        users
            .findById(user.id())
            .orElseThrow(() -> new IllegalStateException("no user " + user.id() + " in the store"));
    return tokens.issue(Authentication.of(account, clock.instant(), null, null)).unwrap();
  }

  /** A valid access token for {@code user}, issued by the real token service (with a session). */
  public String valid(User user) {
    return pair(user).accessToken();
  }

  /** A refresh token of {@code user}: sent to an API, it is refused with {@code token_type}. */
  public String refresh(User user) {
    return pair(user).refreshToken();
  }

  /**
   * An access token that was issued, then revoked by logging its session out: {@code
   * token_revoked}.
   */
  public String revoked(User user) {
    String token = valid(user);
    Principal principal = tokens.verify(token).unwrap();
    tokens.revoke(principal).unwrap();
    return token;
  }

  /** An access token whose {@code exp} lies one minute beyond the leeway: {@code token_expired}. */
  public String expired(User user) {
    Instant exp = clock.instant().minus(settings.leeway()).minus(MARGIN);
    Instant iat = exp.minus(settings.accessTokenTtl());
    return forUser(user).issuedAt(iat).notBefore(iat).expiresAt(exp).sign();
  }

  /**
   * An access token whose {@code nbf} lies one minute beyond the leeway, as from an issuer whose
   * clock runs ahead: {@code token_not_yet_valid}.
   */
  public String notYetValid(User user) {
    Instant nbf = clock.instant().plus(settings.leeway()).plus(MARGIN);
    return forUser(user).notBefore(nbf).expiresAt(nbf.plus(settings.accessTokenTtl())).sign();
  }

  /** An access token for {@link #OTHER_AUDIENCE}: {@code token_audience}. */
  public String wrongAudience(User user) {
    return forUser(user).audience(OTHER_AUDIENCE).sign();
  }

  /**
   * An access token with the right header and claims, signed with a key nobody here holds (same
   * algorithm and key id): {@code token_signature}.
   */
  public String foreignSigned(User user) {
    return forUser(user).signedByStranger().sign();
  }

  /** A builder for a token of {@code user}, with the user's id and roles. */
  public Builder forUser(User user) {
    Objects.requireNonNull(user, "user");
    return new Builder(user.id()).roles(user.roles());
  }

  /** A builder for a token of a subject that need not exist. */
  public Builder forSubject(String subject) {
    return new Builder(Objects.requireNonNull(subject, "subject"));
  }

  /**
   * An access token to sign, starting as a valid one at the injected clock's instant: this
   * service's issuer, its first audience, {@code iat = nbf = now}, {@code exp = now +
   * access-token-ttl}, random {@code jti} and {@code sid}, the active key. Not thread-safe; {@link
   * #sign()} may be called again after more changes.
   */
  public final class Builder {
    private final String subject;
    private String issuer = settings.issuer();
    private List<String> audience =
        settings.audiences().isEmpty() ? List.of() : List.of(settings.audiences().get(0));
    private Instant issuedAt = clock.instant();
    private Instant notBefore = issuedAt;
    private Instant expiresAt = issuedAt.plus(settings.accessTokenTtl());
    private String tokenId = UUID.randomUUID().toString();
    private String sessionId = UUID.randomUUID().toString();
    private Set<String> roles = Set.of();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private String type = "at+jwt";
    private String keyId;
    private boolean stranger;

    private Builder(String subject) {
      this.subject = subject;
    }

    /** The {@code iss}; null leaves it out. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** The {@code aud}: one value is written as a string, several as a list, none leaves it out. */
    public Builder audience(String... audience) {
      this.audience = List.of(audience);
      return this;
    }

    /**
     * The {@code iat}, written with millisecond precision as Portcullis does; null leaves it out.
     */
    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    /** The {@code nbf}; null leaves it out. */
    public Builder notBefore(Instant notBefore) {
      this.notBefore = notBefore;
      return this;
    }

    /** The {@code exp}; null leaves it out. */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** The {@code exp} as {@code ttl} after {@code iat} (or after now when there is no iat). */
    public Builder lifetime(Duration ttl) {
      this.expiresAt = (issuedAt != null ? issuedAt : clock.instant()).plus(ttl);
      return this;
    }

    /** The {@code jti}; null leaves it out. */
    public Builder tokenId(String tokenId) {
      this.tokenId = tokenId;
      return this;
    }

    /** The {@code sid}; null leaves it out. */
    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    /** The {@code roles}, replacing the user's. */
    public Builder roles(String... roles) {
      return roles(Set.of(roles));
    }

    /** The {@code roles}, replacing the user's. */
    public Builder roles(Set<String> roles) {
      this.roles = Set.copyOf(roles);
      return this;
    }

    /** An extra claim (a JSON value), or, with a reserved name, a replacement for that claim. */
    public Builder claim(String name, Object value) {
      extra.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /** The {@code typ} header, {@code at+jwt} by default; null leaves it out. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** The {@code kid} header, the active key's id by default. */
    public Builder keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    /** Signs with a new random key of the same algorithm instead of the injector's key. */
    public Builder signedByStranger() {
      this.stranger = true;
      return this;
    }

    /** The signed compact JWS. */
    public String sign() {
      JwtKey active =
          java.util.Optional.ofNullable(ring)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "this service only verifies (auth.token.remote-jwks.url is set): it"
                              + " holds no key to mint tokens with"))
              .active();
      JwtKey key = stranger ? Jws.strangerKey(active.keyId(), active.algorithm()) : active;

      Map<String, Object> header = new LinkedHashMap<>();
      header.put("alg", key.algorithm().jwaName());
      if (type != null) {
        header.put("typ", type);
      }
      header.put("kid", keyId != null ? keyId : key.keyId());

      Map<String, Object> claims = new LinkedHashMap<>();
      put(claims, "iss", issuer);
      claims.put("sub", subject);
      if (audience.size() == 1) {
        claims.put("aud", audience.get(0));
      } else if (!audience.isEmpty()) {
        claims.put("aud", new ArrayList<>(audience));
      }
      if (expiresAt != null) {
        claims.put("exp", expiresAt.getEpochSecond());
      }
      if (notBefore != null) {
        claims.put("nbf", notBefore.getEpochSecond());
      }
      if (issuedAt != null) {
        Instant iat = issuedAt.truncatedTo(ChronoUnit.MILLIS);
        claims.put("iat", BigDecimal.valueOf(iat.toEpochMilli(), 3).stripTrailingZeros());
      }
      put(claims, "jti", tokenId);
      put(claims, "sid", sessionId);
      claims.put("roles", new ArrayList<>(new TreeSet<>(roles)));
      for (Map.Entry<String, Object> e : extra.entrySet()) {
        if (e.getValue() == null) {
          claims.remove(e.getKey());
        } else {
          claims.put(e.getKey(), e.getValue());
        }
      }
      return Jws.sign(key, header, claims);
    }

    @Override
    public String toString() {
      return "TestTokens.Builder[sub="
          + subject
          + ", aud="
          + audience
          + ", iat="
          + issuedAt
          + ", nbf="
          + notBefore
          + ", exp="
          + expiresAt
          + ", roles="
          + new TreeSet<>(roles)
          + (stranger ? ", signed by a stranger" : "")
          + "]";
    }
  }

  private static void put(Map<String, Object> claims, String name, Object value) {
    if (value != null) {
      claims.put(name, value);
    }
  }
}
