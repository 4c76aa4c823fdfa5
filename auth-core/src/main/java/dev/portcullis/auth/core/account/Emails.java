package dev.portcullis.auth.core.account;

import java.util.regex.Pattern;

/**
 * The minimal shape of an e-mail address that account administration (and the server's registration
 * endpoint) accept, on top of {@link dev.portcullis.auth.core.login.Identifiers}: a dot in the
 * domain.
 */
public final class Emails {
  // Deliberately loose: one '@', something on both sides, a dot in the domain, no white space.
  private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private Emails() {}

  /** Whether {@code text} looks like an e-mail address. */
  public static boolean plausible(String text) {
    return text != null && text.length() <= 320 && SHAPE.matcher(text.strip()).matches();
  }
}
