package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.jwt.JwtKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A user's access token of this issuer (RFC 9068): under a published key, {@code typ at+jwt}, with
 * {@code iss} (this issuer), {@code sub} (the user), {@code aud} (when audiences are configured,
 * one of them), {@code exp}, {@code iat}, {@code jti} and {@code sid} (the session it belongs to,
 * which logout and reuse detection end).
 *
 * @param issuer {@code auth.token.issuer}
 * @param audiences {@code auth.token.audiences}; empty accepts any audience
 * @param leeway {@code auth.token.leeway}
 */
public record UserAccessProfile(String issuer, List<String> audiences, Duration leeway)
    implements TokenProfile {

  public UserAccessProfile {
    Objects.requireNonNull(issuer, "issuer");
    audiences = List.copyOf(audiences);
    Objects.requireNonNull(leeway, "leeway");
  }

  @Override
  public String kind() {
    return "access";
  }

  @Override
  public boolean checkHeader(
      VerificationKeys.Namespace namespace, JwtKey key, Object typ, Findings findings) {
    // The key lookup for access tokens never finds a refresh-token key.
    return TokenTypes.check(typ, TokenTypes.ACCESS, findings);
  }

  @Override
  public boolean requireClaims(ClaimReader claims) {
    return claims.requireAll(required(audiences, "sid"));
  }

  /** iss, sub, aud (when audiences are configured), exp, iat, jti and {@code last}. */
  static List<String> required(List<String> audiences, String last) {
    return audiences.isEmpty()
        ? last.equals("sid") ? WITHOUT_AUD_SID : List.of("iss", "sub", "exp", "iat", "jti", last)
        : last.equals("sid")
            ? WITH_AUD_SID
            : List.of("iss", "sub", "aud", "exp", "iat", "jti", last);
  }

  // Built once: the list is asked for on every verification.
  private static final List<String> WITHOUT_AUD_SID =
      List.of("iss", "sub", "exp", "iat", "jti", "sid");
  private static final List<String> WITH_AUD_SID =
      List.of("iss", "sub", "aud", "exp", "iat", "jti", "sid");

  @Override
  public String issuerSetting() {
    return "auth.token.issuer";
  }

  @Override
  public String audienceSetting() {
    return "auth.token.audiences";
  }
}
