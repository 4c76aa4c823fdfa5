package dev.portcullis.auth.server.internal;

import java.util.regex.Pattern;

/** The minimal shape of an e-mail address the HTTP API and the command line accept. */
public final class Emails {
  // Deliberately loose: one '@', something on both sides, a dot in the domain, no white space.
  private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private Emails() {}

  /** Whether {@code text} looks like an e-mail address. */
  public static boolean plausible(String text) {
    return text != null && text.length() <= 320 && SHAPE.matcher(text.strip()).matches();
  }
}
