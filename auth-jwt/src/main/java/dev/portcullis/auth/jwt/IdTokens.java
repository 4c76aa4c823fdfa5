package dev.portcullis.auth.jwt;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.jwt.internal.TokenMinter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * OpenID Connect ID tokens (OIDC Core section 2), signed with the active key of the {@link
 * KeyRing}, which must be RS256 (OIDC Discovery makes RS256 the algorithm every relying party
 * supports). An ID token carries {@code iss}, {@code sub}, {@code aud} (the client), {@code exp},
 * {@code iat}, {@code auth_time}, {@code nonce} (when the request had one), {@code amr}, {@code
 * azp} (the client) and {@code sid}; its header {@code typ} is {@code JWT}, never {@code at+jwt},
 * so no access-token verifier takes it. Thread-safe.
 */
public final class IdTokens {

  /** The one signing algorithm of ID tokens. */
  public static final JwsAlgorithm ALGORITHM = JwsAlgorithm.RS256;

  private final String issuer;
  private final KeySource keys;
  private final Duration lifetime;
  private final Clock clock;

  /**
   * @param issuer {@code iss}
   * @param keys the server's keys; ID tokens need a {@link KeyRing} whose active key is RS256
   * @param lifetime how long an ID token is valid
   */
  public IdTokens(String issuer, KeySource keys, Duration lifetime, Clock clock) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What an ID token says about one authentication.
   *
   * @param subject {@code sub}, the user id
   * @param clientId {@code aud} and {@code azp}
   * @param authTime {@code auth_time}
   * @param nonce {@code nonce}, or null
   * @param amr {@code amr}
   * @param sessionId {@code sid}, or null
   */
  public record Claims(
      String subject,
      String clientId,
      Instant authTime,
      String nonce,
      List<String> amr,
      String sessionId) {
    public Claims {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(authTime, "authTime");
      amr = List.copyOf(amr);
    }

    @Override
    public String toString() {
      return "IdTokens.Claims[subject=" + subject + ", clientId=" + clientId + "]";
    }
  }

  /**
   * A signed ID token, or {@code service_unavailable} when the active key is not an RS256 key that
   * can sign (set {@code auth.token.algorithm = RS256}).
   */
  public Result<String> issue(Claims claims) {
    Objects.requireNonNull(claims, "claims");
    if (!(keys instanceof KeyRing ring)
        || ring.active().algorithm() != ALGORITHM
        || !ring.active().canSign()) {
      return Result.err(
          new AuthError.ServiceUnavailable(
              "ID token signing",
              "ID tokens are signed with RS256; set auth.token.algorithm (AUTH_TOKEN_ALGORITHM) to"
                  + " RS256 with an RSA signing key",
              null));
    }
    Instant now = clock.instant();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("iss", issuer);
    body.put("sub", claims.subject());
    body.put("aud", claims.clientId());
    body.put("exp", now.plus(lifetime).getEpochSecond());
    body.put("iat", now.getEpochSecond());
    body.put("auth_time", claims.authTime().getEpochSecond());
    if (claims.nonce() != null) {
      body.put("nonce", claims.nonce());
    }
    if (!claims.amr().isEmpty()) {
      body.put("amr", claims.amr());
    }
    body.put("azp", claims.clientId());
    if (claims.sessionId() != null) {
      body.put("sid", claims.sessionId());
    }
    return Result.ok(TokenMinter.sign(ring.active(), "JWT", body));
  }
}
