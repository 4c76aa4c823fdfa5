package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.TokenFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The checks every profile runs on the registered claims, each with its profile's expectations:
 * subject, issuer, audience, and the three times against the profile's leeway. Each records a
 * finding that says what the token has and what is expected, and returns whether to go on.
 * Stateless.
 */
final class ClaimChecks {

  private ClaimChecks() {}

  static boolean subject(String sub, Findings findings) {
    return sub == null
        || !sub.isBlank()
        || findings.fail(TokenFailure.MISSING_CLAIM, "The token's 'sub' claim is empty.");
  }

  static boolean issuer(TokenProfile profile, String iss, Findings findings) {
    String expected = profile.issuer();
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
                + profile.issuerSetting()
                + ").");
  }

  static boolean audience(TokenProfile profile, List<String> aud, Findings findings) {
    List<String> accepted = profile.audiences();
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
            + profile.audienceSetting()
            + ").");
  }

  static boolean times(
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

  static long seconds(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds();
  }
}
