package dev.portcullis.auth.core.login;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalises login identifiers so that one person has one identifier: surrounding white space
 * removed, Unicode NFKC applied (full-width and compatibility characters folded), and e-mail
 * addresses lower-cased. Stateless and thread-safe.
 */
public final class Identifiers {

  private final int maxLength;

  /**
   * @param maxLength most code points accepted after normalisation
   */
  public Identifiers(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be positive");
    }
    this.maxLength = maxLength;
  }

  /**
   * The normalised identifier, or {@code invalid_request} for a blank one, one with control
   * characters, or one longer than the maximum.
   */
  public Result<String> normalize(String raw) {
    if (raw == null) {
      return invalid("is missing");
    }
    // Bound the work before normalising: NFKC can expand input, so check the raw size first.
    if (raw.length() > maxLength * 4) {
      return invalid("is longer than " + maxLength + " characters");
    }
    String n = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).strip();
    if (n.isEmpty()) {
      return invalid("is blank");
    }
    if (n.codePointCount(0, n.length()) > maxLength) {
      return invalid("is longer than " + maxLength + " characters");
    }
    if (n.codePoints()
        .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
      return invalid("contains control or invisible formatting characters");
    }
    if (n.indexOf('@') >= 0) {
      n = n.toLowerCase(Locale.ROOT);
    }
    return Result.ok(n);
  }

  private static Result<String> invalid(String problem) {
    return Result.err(new AuthError.InvalidRequest("identifier", problem));
  }
}
