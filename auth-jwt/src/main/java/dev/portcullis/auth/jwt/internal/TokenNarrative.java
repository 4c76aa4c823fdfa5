package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.jwt.JwtKey;
import java.time.Instant;
import java.util.List;

/**
 * The inspector's plain-word facts about a token: who signed it and whether the signature holds,
 * who issued it for whom, when it was issued and expires, how it is identified for revocation. Only
 * facts, never verdicts (those are findings). Values from the token are cut short and stripped of
 * control characters. Stateless.
 */
final class TokenNarrative {

  private TokenNarrative() {}

  static String signer(JwtKey key, VerificationKeys.Namespace namespace, boolean verified) {
    String signer;
    if (namespace == VerificationKeys.Namespace.TRUSTED) {
      signer = "Signed with the trusted issuer's shared secret";
    } else if (namespace == VerificationKeys.Namespace.REFRESH) {
      signer =
          "MACed with the refresh-token key '"
              + key.keyId()
              + "' (derived from key '"
              + VerificationKeys.baseKeyId(key.keyId())
              + "', never published)";
    } else {
      signer = "Signed with key '" + key.keyId() + "'";
    }
    return signer
        + " ("
        + key.algorithm().jwaName()
        + "), signature "
        + (verified ? "verified." : "NOT verified.");
  }

  static String derivedTokenId(String tokenId) {
    return "No 'jti': logout revokes it by its stable id "
        + tokenId.substring(0, Revocations.DERIVED_ID_PREFIX.length() + 8)
        + "... (SHA-256 of the token).";
  }

  static String parties(
      String iss, String sub, List<String> aud, String sid, Object clientId, boolean client) {
    StringBuilder who = new StringBuilder();
    who.append("Issued by ").append(iss == null ? "(no issuer)" : "'" + printable(iss) + "'");
    who.append(client ? " for client " : " for subject ")
        .append(sub == null ? "(none)" : "'" + printable(sub) + "'");
    if (aud != null && !aud.isEmpty()) {
      who.append(", audience ").append(aud.stream().map(TokenNarrative::printable).toList());
    }
    if (sid != null) {
      who.append(", session '").append(printable(sid)).append("'");
    }
    if (!client && clientId instanceof String id) {
      who.append(", through client '").append(printable(id)).append("'");
    }
    return who.append('.').toString();
  }

  static String issuedAt(Instant iat, Instant now) {
    long s = ClaimChecks.seconds(iat, now);
    return "Issued at "
        + iat
        + (s >= 0 ? " (" + s + " seconds ago)." : " (" + -s + " seconds in the future).");
  }

  static String expiry(Instant exp, Instant now) {
    long s = ClaimChecks.seconds(now, exp);
    return s > 0
        ? "Expires at " + exp + " (in " + s + " seconds)."
        : "Expired at " + exp + " (" + -s + " seconds ago).";
  }

  private static String printable(String s) {
    return JwsVerifier.printable(s);
  }
}
