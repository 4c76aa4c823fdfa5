package dev.portcullis.auth.oauth.token;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code scope} parameter (RFC 6749 section 3.3): scope tokens separated by single spaces, each
 * 1 to 255 of {@code %x21 / %x23-5B / %x5D-7E}; duplicates collapse, order does not matter.
 */
public final class Scopes {
  private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,255}");
  private static final int MAX_TOKENS = 100;

  private Scopes() {}

  /**
   * The scope tokens of {@code scope}, sorted. {@code invalid_scope} when it is empty, has a
   * leading, trailing or doubled space, a character outside RFC 6749's scope-token, or more than
   * 100 tokens. The message never quotes the value.
   */
  public static Result<Set<String>> parse(String scope) {
    if (scope == null || scope.isEmpty()) {
      return malformed("it is empty");
    }
    String[] tokens = scope.split(" ", -1);
    if (tokens.length > MAX_TOKENS) {
      return malformed("it has more than " + MAX_TOKENS + " scope tokens");
    }
    Set<String> out = new TreeSet<>();
    for (String token : tokens) {
      if (token.isEmpty()) {
        return malformed("scope tokens are separated by exactly one space");
      }
      if (!TOKEN.matcher(token).matches()) {
        return malformed(
            "a scope token is 1 to 255 printable ASCII characters without space, '\"' or '\\'");
      }
      out.add(token);
    }
    return Result.ok(Collections.unmodifiableSet(out));
  }

  /** {@code scope} written as RFC 6749 does: sorted, separated by one space. */
  public static String format(Set<String> scope) {
    return String.join(" ", new TreeSet<>(scope));
  }

  private static Result<Set<String>> malformed(String why) {
    return Result.err(
        new AuthError.Plain(
            ErrorKind.INVALID_SCOPE, "The scope parameter is malformed: " + why + "."));
  }
}
