package dev.portcullis.auth.core.hash.internal;

import java.util.Map;
import java.util.regex.Pattern;

/** Checks shared by the parsers: salt and output lengths, the pepper marker. */
final class Lengths {
  private static final Pattern PEPPER_ID = Pattern.compile("[A-Za-z0-9+/]{8}");

  private Lengths() {}

  /** The salt is {@code minSalt} to 1024 bytes and the hash output 16 to 128 bytes. */
  static void check(byte[] salt, int minSalt, byte[] hash) {
    if (salt.length < minSalt || salt.length > CostLimits.MAX_SALT_BYTES) {
      throw new MalformedHashException(
          "its salt is not " + minSalt + " to " + CostLimits.MAX_SALT_BYTES + " bytes long");
    }
    if (hash.length < CostLimits.MIN_OUTPUT_BYTES || hash.length > CostLimits.MAX_OUTPUT_BYTES) {
      throw new MalformedHashException(
          "its hash output is not "
              + CostLimits.MIN_OUTPUT_BYTES
              + " to "
              + CostLimits.MAX_OUTPUT_BYTES
              + " bytes long");
    }
  }

  /** The checked pepper id of a PHC parameter map, or {@code null}. */
  static String pepperId(Map<String, String> parameters) {
    return pepperId(Phc.pepperId(parameters));
  }

  /** {@code id} if it has the form of a pepper id; {@code null} stays {@code null}. */
  static String pepperId(String id) {
    if (id != null && !PEPPER_ID.matcher(id).matches()) {
      throw new MalformedHashException("its pepper marker is not a pepper id");
    }
    return id;
  }
}
