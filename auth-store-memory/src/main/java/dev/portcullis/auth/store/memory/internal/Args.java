package dev.portcullis.auth.store.memory.internal;

import java.util.Objects;

/** Argument checks shared by the memory adapters: bad input fails before anything changes. */
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

  /** A page or result limit: 1 to 1000. */
  static int limit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1 to 1000, was " + limit);
    }
    return limit;
  }
}
