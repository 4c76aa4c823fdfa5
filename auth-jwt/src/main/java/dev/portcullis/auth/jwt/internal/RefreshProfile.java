package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.JwtKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A refresh token of this issuer: MACed under a never-published refresh-token key ({@code
 * <kid>~r}), {@code typ refresh+jwt}, with {@code iss}, {@code sub}, {@code aud} (the issuer
 * itself: refresh tokens are for no one else), {@code exp}, {@code iat}, {@code jti} and {@code
 * sid} (rotation and reuse detection work by {@code jti} within the session). One signed with a
 * published key (the format before refresh-token keys) is refused with {@code token_type}.
 *
 * @param issuer {@code auth.token.issuer}, also the only accepted audience
 * @param leeway {@code auth.token.leeway}
 */
public record RefreshProfile(String issuer, Duration leeway) implements TokenProfile {

  private static final List<String> REQUIRED =
      List.of("iss", "sub", "aud", "exp", "iat", "jti", "sid");

  public RefreshProfile {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(leeway, "leeway");
  }

  @Override
  public String kind() {
    return "refresh";
  }

  @Override
  public boolean checkHeader(
      VerificationKeys.Namespace namespace, JwtKey key, Object typ, Findings findings) {
    // Only the inspector gets a published key here: the refresh lookup never resolves one.
    if (namespace != VerificationKeys.Namespace.REFRESH
        && key != null
        && !findings.fail(TokenFailure.TYPE, VerificationKeys.publishedKeyRefresh(key.keyId()))) {
      return false;
    }
    return TokenTypes.check(typ, TokenTypes.REFRESH, findings);
  }

  @Override
  public boolean requireClaims(ClaimReader claims) {
    return claims.requireAll(REQUIRED);
  }

  @Override
  public List<String> audiences() {
    return List.of(issuer);
  }

  @Override
  public String issuerSetting() {
    return "auth.token.issuer";
  }

  @Override
  public String audienceSetting() {
    return "auth.token.issuer: refresh tokens are issued for the issuer itself";
  }
}
