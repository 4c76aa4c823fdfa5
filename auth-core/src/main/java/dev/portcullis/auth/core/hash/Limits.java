package dev.portcullis.auth.core.hash;

import java.util.List;

/** The range check and the one exception the parameter records share. Not API. */
final class Limits {
  private Limits() {}

  static void range(
      List<String> problems, String name, long value, long min, long max, long recommended) {
    if (value < min || value > max) {
      problems.add(
          name
              + " must be from "
              + min
              + " to "
              + max
              + ", was "
              + value
              + " (default "
              + recommended
              + ")");
    }
  }

  /**
   * @throws IllegalArgumentException listing every problem, if there is any
   */
  static void refuse(String what, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid " + what + ": " + String.join("; ", problems));
    }
  }
}
