package dev.portcullis.auth.store.redis.internal;

import java.util.Objects;

/** Argument checks shared by the adapters. */
final class Args {

  private Args() {}

  /** A key or id: not null, not blank. */
  static String key(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /** A key or id of at most {@code max} characters. */
  static String text(String value, String name, int max) {
    key(value, name);
    if (value.length() > max) {
      throw new IllegalArgumentException(name + " must be at most " + max + " characters");
    }
    return value;
  }
}
