package dev.portcullis.auth.store.jdbc.internal;

import java.util.Objects;

/** Argument checks shared by the stores: bad arguments change nothing and reach no database. */
final class Args {
  private Args() {}

  /** {@code value}, which must be non-null, not blank and fit its column. */
  static String text(String value, String name, int maxLength) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(name + " must be at most " + maxLength + " characters");
    }
    return value;
  }

  /** A page or result size from 1 to 1000. */
  static int limit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000, is " + limit);
    }
    return limit;
  }
}
