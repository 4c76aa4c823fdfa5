package dev.portcullis.auth.core.login;

/** Names the scheme of a stored hash for logs and events, never revealing the hash itself. */
final class HashSchemes {
  private static final int MAX_NAME = 24;

  private HashSchemes() {}

  /** {@code argon2id} for {@code $argon2id$...}, {@code {bcrypt}} for Spring's prefix, ... */
  static String name(String hash) {
    if (hash == null || hash.isEmpty()) {
      return "empty";
    }
    String name;
    if (hash.charAt(0) == '{') {
      int end = hash.indexOf('}');
      name = end > 0 ? hash.substring(0, end + 1) : "unknown";
    } else if (hash.charAt(0) == '$') {
      int end = hash.indexOf('$', 1);
      name = end > 1 ? hash.substring(1, end) : "unknown";
    } else {
      int end = hash.indexOf('$');
      name = end > 0 ? hash.substring(0, end) : "unknown";
    }
    // Only a short run of name-like characters: a malformed "hash" must not leak through here.
    if (name.length() > MAX_NAME || !name.matches("[{}A-Za-z0-9_-]+")) {
      return "unknown";
    }
    return name;
  }
}
