package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.JwtKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client's own access token (OAuth client credentials, RFC 9068 section 2.2): no user and no
 * session. Recognised by its claims, as RFC 9068 describes it: a {@code client_id} claim equal to
 * {@code sub} ({@link #recognises}). Its rules are those of a user's access token (published key,
 * {@code typ at+jwt}, this issuer, the configured audiences, {@code exp}, {@code iat}, {@code jti})
 * with {@code client_id} in place of {@code sid}, and a {@code sid} is refused: a token whose
 * subject is a client belongs to no session, so one that names a session was minted by mistake.
 *
 * <p>Accepted only by a verifier built with {@code acceptClientTokens(true)}; elsewhere such a
 * token is judged as a user's access token and refused for its missing {@code sid}, as before this
 * profile existed.
 *
 * @param issuer {@code auth.token.issuer}
 * @param audiences {@code auth.token.audiences}; empty accepts any audience
 * @param leeway {@code auth.token.leeway}
 */
public record ClientAccessProfile(String issuer, List<String> audiences, Duration leeway)
    implements TokenProfile {

  /** The claim naming the client (RFC 9068 section 2.2, RFC 8693 section 4.3). */
  public static final String CLIENT_ID = "client_id";

  public ClientAccessProfile {
    Objects.requireNonNull(issuer, "issuer");
    audiences = List.copyOf(audiences);
    Objects.requireNonNull(leeway, "leeway");
  }

  /**
   * Whether {@code claims} are a client's own token's: {@code client_id} present and = {@code sub}.
   */
  public static boolean recognises(Map<String, Object> claims) {
    return claims.get(CLIENT_ID) instanceof String id && id.equals(claims.get("sub"));
  }

  @Override
  public String kind() {
    return "client";
  }

  @Override
  public boolean checkHeader(
      VerificationKeys.Namespace namespace, JwtKey key, Object typ, Findings findings) {
    return TokenTypes.check(typ, TokenTypes.ACCESS, findings);
  }

  @Override
  public boolean requireClaims(ClaimReader claims) {
    return claims.requireAll(UserAccessProfile.required(audiences, CLIENT_ID));
  }

  @Override
  public boolean checkClaims(ClaimReader.Registered claims, Findings findings) {
    if (claims.sid() == null) {
      return true;
    }
    return findings.fail(
        TokenFailure.TYPE,
        "The token's subject is its client ('sub' equals 'client_id': a client-credentials token),"
            + " but it names a session ('sid'); a client's token belongs to no session, so the"
            + " issuer mixed up a user's token and a client's.");
  }

  @Override
  public String issuerSetting() {
    return "auth.token.issuer";
  }

  @Override
  public String audienceSetting() {
    return "auth.token.audiences";
  }
}
