package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.TokenFailure;
import java.util.Locale;

/** The {@code typ} header values of Portcullis's tokens, and how a {@code typ} is compared. */
public final class TokenTypes {

  /** {@code typ} of access tokens, a user's or a client's (RFC 9068). */
  public static final String ACCESS = "at+jwt";

  /** {@code typ} of refresh tokens: distinct, so neither can stand in for the other. */
  public static final String REFRESH = "refresh+jwt";

  private TokenTypes() {}

  /**
   * {@code typ} as compared: trimmed, lower case, without an {@code application/} prefix (RFC 7515
   * section 4.1.9); null when it is not a string.
   */
  public static String normal(Object typ) {
    if (!(typ instanceof String s)) {
      return null;
    }
    String t = s.trim().toLowerCase(Locale.ROOT);
    return t.startsWith("application/") ? t.substring("application/".length()) : t;
  }

  /**
   * Records a {@code token_type} finding unless {@code typ} is {@code expected} ({@link #ACCESS} or
   * {@link #REFRESH}); returns whether to go on.
   */
  public static boolean check(Object typ, String expected, Findings findings) {
    String actual = normal(typ);
    if (expected.equals(actual)) {
      return true;
    }
    boolean access = ACCESS.equals(expected);
    String detail;
    if (typ == null) {
      detail =
          "The token has no 'typ' header; "
              + (access
                  ? "access tokens issued here carry 'at+jwt' (RFC 9068)."
                  : "refresh tokens issued here carry 'refresh+jwt'.");
    } else if (access && REFRESH.equals(actual)) {
      detail =
          "This is a refresh token; send the access token to APIs (a refresh token only goes to"
              + " the refresh endpoint).";
    } else if (!access && ACCESS.equals(actual)) {
      detail = "This is an access token; only a refresh token can be exchanged for new tokens.";
    } else {
      detail =
          "The token's type ('typ') is '"
              + JwsVerifier.printable(String.valueOf(typ))
              + "'; expected '"
              + expected
              + "'.";
    }
    return findings.fail(TokenFailure.TYPE, detail);
  }
}
