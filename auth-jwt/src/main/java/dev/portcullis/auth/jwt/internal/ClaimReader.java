package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.TokenFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a token's claims: a missing required claim or a present claim of the wrong type is
 * a {@code token_missing_claim} finding, never an exception. NumericDates (RFC 7519 section 2) may
 * be fractional; they are read exactly, within 1970..9999 and a bounded number of digits. Not
 * thread-safe: one per examination.
 */
public final class ClaimReader {

  /** Latest accepted NumericDate: 9999-12-31T23:59:59Z. */
  private static final BigDecimal MAX_NUMERIC_DATE = BigDecimal.valueOf(253402300799L);

  /** Most fractional digits accepted in a NumericDate; more only make rounding expensive. */
  private static final int MAX_FRACTION_DIGITS = 64;

  /**
   * The registered claims every profile reads; each is null when absent or of the wrong type.
   *
   * @param aud {@code aud} as a list (a single string becomes a list of one)
   */
  public record Registered(
      String iss,
      String sub,
      List<String> aud,
      Instant exp,
      Instant nbf,
      Instant iat,
      String jti,
      String sid) {}

  private final Map<String, Object> claims;
  private final Findings findings;
  private boolean failed;

  public ClaimReader(Map<String, Object> claims, Findings findings) {
    this.claims = claims;
    this.findings = findings;
  }

  /** The claims read. */
  public Map<String, Object> claims() {
    return claims;
  }

  /** Whether a required claim was missing or a claim had the wrong type. */
  public boolean failed() {
    return failed;
  }

  /** Records a failure if {@code name} is missing; returns whether to go on. */
  public boolean require(String name) {
    if (claims.get(name) != null) {
      return true; // the explanation is only built for a failure
    }
    return require(
        name,
        "The token has no '" + name + "' claim" + explain(name) + ", which is required here.");
  }

  /** Like {@link #require(String)}, explained by {@code detail}. */
  public boolean require(String name, String detail) {
    if (claims.get(name) != null) {
      return true;
    }
    failed = true;
    return findings.fail(TokenFailure.MISSING_CLAIM, detail);
  }

  /** Requires each of {@code names} in order; returns whether to go on. */
  public boolean requireAll(List<String> names) {
    for (String name : names) {
      if (!require(name)) {
        return false;
      }
    }
    return true;
  }

  /** Reads the registered claims, recording each of the wrong type. */
  public Registered registered() {
    return new Registered(
        string("iss"),
        string("sub"),
        audience(),
        date("exp"),
        date("nbf"),
        date("iat"),
        string("jti"),
        string("sid"));
  }

  /** A string claim, or null when absent or not a string (then recorded). */
  public String string(String name) {
    Object v = claims.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    wrongType(name, "a string");
    return null;
  }

  private List<String> audience() {
    Object v = claims.get("aud");
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          wrongType("aud", "a string or a list of strings");
          return null;
        }
        out.add(s);
      }
      return out;
    }
    wrongType("aud", "a string or a list of strings");
    return null;
  }

  /** A NumericDate claim, or null when absent or not a valid one (then recorded). */
  public Instant date(String name) {
    Object v = claims.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Long) {
      long seconds = ((Number) v).longValue();
      if (seconds < 0 || seconds > MAX_NUMERIC_DATE.longValue()) {
        wrongType(name, "a NumericDate between 1970 and 9999");
        return null;
      }
      return Instant.ofEpochSecond(seconds); // whole seconds: no decimal arithmetic needed
    }
    BigDecimal d;
    if (v instanceof BigDecimal b) {
      d = b;
    } else if (v instanceof BigInteger b) {
      d = new BigDecimal(b);
    } else {
      wrongType(name, "a NumericDate (seconds since 1970)");
      return null;
    }
    if (d.signum() < 0 || d.compareTo(MAX_NUMERIC_DATE) > 0) {
      wrongType(name, "a NumericDate between 1970 and 9999");
      return null;
    }
    // Rounding costs a power of ten as large as the scale: 1e-999999999 would take minutes
    // (or throw). No issuer writes more than a few fractional digits.
    if (d.signum() == 0) {
      d = BigDecimal.ZERO;
    }
    if (d.scale() > MAX_FRACTION_DIGITS) {
      wrongType(name, "a NumericDate with at most " + MAX_FRACTION_DIGITS + " fractional digits");
      return null;
    }
    BigDecimal whole = d.setScale(0, RoundingMode.FLOOR);
    long seconds = whole.longValueExact();
    int nanos = d.subtract(whole).movePointRight(9).setScale(0, RoundingMode.FLOOR).intValue();
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private void wrongType(String name, String what) {
    failed = true;
    findings.fail(
        TokenFailure.MISSING_CLAIM, "The token's '" + name + "' claim is not " + what + ".");
  }

  private static String explain(String name) {
    return switch (name) {
      case "sid" -> " (the session id)";
      case "jti" -> " (the token id)";
      case "iat" -> " (when it was issued)";
      case "exp" -> " (when it expires)";
      case "sub" -> " (the user id)";
      case "aud" -> " (the audience)";
      case "iss" -> " (the issuer)";
      case "client_id" -> " (the client id)";
      default -> "";
    };
  }
}
