package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.TrustedIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A token of the trusted external issuer ({@link TrustedIssuer}): under its shared secret, no
 * {@code typ} or {@code JWT}, {@code iat} always, then the configured required claims; {@code iss}
 * and {@code aud} only when configured; its own leeway.
 *
 * <p>{@code iat} is required whatever the configuration says: "log out everywhere" and a password
 * change compare it with their cut-off, and no stand-in is right (1970 would refuse every later
 * token of the user, "now" would let an old token survive the cut-off). A token without {@code jti}
 * is revoked under an id derived from its exact string ({@link Revocations#derivedTokenId}).
 */
public record TrustedIssuerProfile(TrustedIssuer trusted) implements TokenProfile {

  public TrustedIssuerProfile {
    Objects.requireNonNull(trusted, "trusted");
  }

  @Override
  public String kind() {
    return "external";
  }

  @Override
  public boolean checkHeader(
      VerificationKeys.Namespace namespace, JwtKey key, Object typ, Findings findings) {
    if (typ == null || "jwt".equals(TokenTypes.normal(typ))) {
      return true;
    }
    return findings.fail(
        TokenFailure.TYPE,
        "The token's type ('typ') is '"
            + JwsVerifier.printable(String.valueOf(typ))
            + "'; tokens of the trusted issuer must have no 'typ' or 'JWT'.");
  }

  @Override
  public boolean requireClaims(ClaimReader claims) {
    if (!claims.require(
        "iat",
        "The trusted issuer's token has no 'iat' claim (when it was issued), which this service"
            + " requires: 'log out everywhere' and a password change revoke the tokens issued"
            + " before them, which cannot be told apart without it. Fix: have the issuer write"
            + " iat (with jose: new SignJWT(...).setIssuedAt(); most libraries do by"
            + " default).")) {
      return false;
    }
    for (String name : trusted.requiredClaims()) {
      if (!name.equals("iat") && !claims.require(name)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String tokenId(String token, ClaimReader.Registered claims, ClaimReader reader) {
    // Absent and "jti": null alike: a token without a usable id is revoked by one derived from it,
    // never left without one (no id would skip the revocation check).
    return claims.jti() == null ? Revocations.derivedTokenId(token) : claims.jti();
  }

  @Override
  public String issuer() {
    return trusted.issuer();
  }

  @Override
  public String issuerSetting() {
    return "auth.token.trusted-issuer.issuer";
  }

  @Override
  public List<String> audiences() {
    return trusted.audience() == null ? List.of() : List.of(trusted.audience());
  }

  @Override
  public String audienceSetting() {
    return "auth.token.trusted-issuer.audience";
  }

  @Override
  public Duration leeway() {
    return trusted.leeway();
  }
}
