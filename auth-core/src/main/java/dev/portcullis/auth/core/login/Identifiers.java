package dev.portcullis.auth.core.login;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalises and validates login identifiers, so that one person has one identifier and what is
 * stored is what was checked. In order:
 *
 * <ol>
 *   <li>surrounding white space removed and Unicode NFKC applied (full-width and compatibility
 *       characters folded: {@code ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ} becomes {@code alice@example.com});
 *   <li>refused if it contains a control character (C0, C1), an invisible format character
 *       (zero-width, bidi overrides and isolates), a line or paragraph separator (U+2028, U+2029),
 *       an unpaired surrogate, a private-use or an unassigned code point: such identifiers could
 *       forge log lines or look like someone else's;
 *   <li>an identifier with an {@code @} is an e-mail address: lower-cased, then validated as one
 *       (below);
 *   <li>refused if longer than the maximum, measured on the result.
 * </ol>
 *
 * <p><b>Length.</b> Identifiers are measured in UTF-16 code units ({@link String#length()}): one
 * for each character of the Basic Multilingual Plane, two for each character beyond it (emoji,
 * historic scripts). That is the unit Java, H2's {@code VARCHAR(n)} and the JDBC store measure, and
 * never less than PostgreSQL's count of characters, so an identifier accepted here always fits a
 * {@code VARCHAR(max-length)} column in both databases.
 *
 * <p><b>E-mail addresses</b> are checked after normalisation, on the text that is stored and later
 * handed to a mailer: exactly one {@code @}; a local part of at most 64 UTF-8 bytes made of RFC
 * 5322 atext characters (or any non-ASCII character but white space, as RFC 6531 allows) in
 * dot-separated non-empty runs; a domain of at most 255 UTF-8 bytes made of dot-separated labels of
 * letters, digits, marks and inner hyphens. Quoted local parts, comments, address literals and
 * white space are refused.
 *
 * <p>Every refusal is {@code invalid_request} on the field {@code identifier} and never quotes the
 * input. Stateless and thread-safe.
 */
public final class Identifiers {
  private static final int MAX_LOCAL_PART_BYTES = 64;
  private static final int MAX_DOMAIN_BYTES = 255;
  private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";

  private final int maxLength;

  /**
   * @param maxLength most UTF-16 code units accepted after normalisation
   */
  public Identifiers(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be positive");
    }
    this.maxLength = maxLength;
  }

  /**
   * The normalised identifier, or {@code invalid_request} for a blank one, one with a forbidden
   * character, a malformed e-mail address, or one longer than the maximum.
   */
  public Result<String> normalize(String raw) {
    if (raw == null) {
      return invalid("is missing");
    }
    // Bound the work before normalising: NFKC can expand input, so check the raw size first.
    if (raw.length() > maxLength * 4) {
      return tooLong();
    }
    String n = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).strip();
    if (n.isEmpty()) {
      return invalid("is blank");
    }
    if (n.codePoints().anyMatch(Identifiers::forbidden)) {
      return invalid(
          "contains control, invisible formatting, line-separator or unassigned characters");
    }
    if (n.indexOf('@') >= 0) {
      n = n.toLowerCase(Locale.ROOT);
      String problem = emailProblem(n);
      if (problem != null) {
        return invalid(problem);
      }
    }
    // Measured last, on exactly what is stored: lower-casing can lengthen a string.
    if (n.length() > maxLength) {
      return tooLong();
    }
    return Result.ok(n);
  }

  private static boolean forbidden(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED ->
          true;
      default -> false;
    };
  }

  /** What is wrong with the normalised e-mail address {@code s}, or null if nothing. */
  private static String emailProblem(String s) {
    int at = s.indexOf('@');
    if (at != s.lastIndexOf('@')) {
      return "is not a valid e-mail address: it has more than one @";
    }
    String local = s.substring(0, at);
    String domain = s.substring(at + 1);
    if (local.isEmpty() || domain.isEmpty()) {
      return "is not a valid e-mail address: it needs text on both sides of the @";
    }
    if (utf8Length(local) > MAX_LOCAL_PART_BYTES) {
      return "is not a valid e-mail address: the part before the @ is over "
          + MAX_LOCAL_PART_BYTES
          + " bytes";
    }
    if (utf8Length(domain) > MAX_DOMAIN_BYTES) {
      return "is not a valid e-mail address: the domain is over " + MAX_DOMAIN_BYTES + " bytes";
    }
    if (!dotSeparated(local) || !local.codePoints().allMatch(Identifiers::localChar)) {
      return "is not a valid e-mail address: the part before the @ may hold letters, digits,"
          + " single dots and "
          + ATEXT_SYMBOLS
          + ", and no white space, quotes or brackets";
    }
    if (!dotSeparated(domain)) {
      return "is not a valid e-mail address: the domain has an empty label";
    }
    for (String label : domain.split("\\.")) {
      if (label.startsWith("-")
          || label.endsWith("-")
          || !label.codePoints().allMatch(Identifiers::domainChar)) {
        return "is not a valid e-mail address: domain labels hold letters, digits and inner"
            + " hyphens";
      }
    }
    return null;
  }

  /** Non-empty runs separated by single dots, none at either end. */
  private static boolean dotSeparated(String s) {
    return !s.startsWith(".") && !s.endsWith(".") && !s.contains("..");
  }

  private static boolean localChar(int c) {
    if (c < 0x80) {
      return isAsciiLetterOrDigit(c) || c == '.' || ATEXT_SYMBOLS.indexOf(c) >= 0;
    }
    return !Character.isWhitespace(c) && !Character.isSpaceChar(c);
  }

  private static boolean domainChar(int c) {
    if (c < 0x80) {
      return isAsciiLetterOrDigit(c) || c == '-';
    }
    return Character.isLetterOrDigit(c)
        || switch (Character.getType(c)) {
          case Character.NON_SPACING_MARK,
              Character.COMBINING_SPACING_MARK,
              Character.ENCLOSING_MARK ->
              true;
          default -> false;
        };
  }

  private static boolean isAsciiLetterOrDigit(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private Result<String> tooLong() {
    return invalid(
        "is longer than "
            + maxLength
            + " characters (a character beyond the Basic Multilingual Plane, such as an emoji,"
            + " counts as two)");
  }

  private static Result<String> invalid(String problem) {
    return Result.err(new AuthError.InvalidRequest("identifier", problem));
  }
}
