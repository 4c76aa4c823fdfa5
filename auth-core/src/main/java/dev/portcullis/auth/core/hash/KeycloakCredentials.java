package dev.portcullis.auth.core.hash;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Rewrites a Keycloak password credential (a realm export's {@code secretData} and {@code
 * credentialData}) into one self-describing string that {@link PasswordHashers}' hasher verifies:
 *
 * <ul>
 *   <li>{@code pbkdf2-sha256}, {@code pbkdf2-sha512}, {@code pbkdf2} (HMAC-SHA-1): {@code
 *       $keycloak-pbkdf2-sha256$i=<hashIterations>$<salt>$<value>} (and {@code -sha512}, or no
 *       suffix for SHA-1), salt and value in standard base64 without padding. The derived key is as
 *       long as the value, as Keycloak verifies it (512 bits in recent versions, 256 or 1024 in
 *       older ones).
 *   <li>{@code argon2}: {@code $keycloak-argon2<type>$v=<19|16>$m=<memory>,t=<hashIterations>,
 *       p=<parallelism>$<salt>$<value>}, the PHC string of the same computation, from the
 *       additional parameters {@code type} ({@code id}, {@code i}, {@code d}), {@code version}
 *       ({@code 1.3} or {@code 1.0}), {@code memory} (KiB), {@code parallelism} and {@code
 *       hashLength} (checked against the value).
 * </ul>
 *
 * The {@code keycloak-} prefix keeps the origin visible and makes every such hash ask for a rehash
 * at the next login. Keycloak's FIPS password padding ({@code maxPaddingLength}) is not supported.
 * Stateless and thread-safe.
 */
public final class KeycloakCredentials {
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  private KeycloakCredentials() {}

  /**
   * The stored-hash string of a Keycloak password credential.
   *
   * @param algorithm {@code credentialData.algorithm}
   * @param hashIterations {@code credentialData.hashIterations}
   * @param salt {@code secretData.salt}, base64
   * @param value {@code secretData.value}, base64
   * @param additionalParameters {@code credentialData.additionalParameters}, first value of each
   * @throws IllegalArgumentException if the algorithm is not one Keycloak ships or a field is
   *     missing or malformed; the message names the field, never its value
   */
  public static String toStoredHash(
      String algorithm,
      long hashIterations,
      String salt,
      String value,
      Map<String, String> additionalParameters) {
    Objects.requireNonNull(additionalParameters, "additionalParameters");
    if (algorithm == null) {
      throw new IllegalArgumentException("credentialData.algorithm is missing");
    }
    if (hashIterations < 1 || hashIterations > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("credentialData.hashIterations is not a positive number");
    }
    String saltB64 = rebase64(salt, "secretData.salt");
    String valueB64 = rebase64(value, "secretData.value");
    String tail = "$" + saltB64 + "$" + valueB64;
    return switch (algorithm) {
      case "pbkdf2-sha256" -> "$keycloak-pbkdf2-sha256$i=" + hashIterations + tail;
      case "pbkdf2-sha512" -> "$keycloak-pbkdf2-sha512$i=" + hashIterations + tail;
      case "pbkdf2" -> "$keycloak-pbkdf2$i=" + hashIterations + tail;
      case "argon2" -> argon2(hashIterations, value, additionalParameters) + tail;
      default ->
          throw new IllegalArgumentException(
              "credentialData.algorithm is not one of pbkdf2-sha256, pbkdf2-sha512, pbkdf2,"
                  + " argon2");
    };
  }

  private static String argon2(long iterations, String value, Map<String, String> parameters) {
    String type = parameters.getOrDefault("type", "id").toLowerCase(Locale.ROOT);
    if (!type.equals("id") && !type.equals("i") && !type.equals("d")) {
      throw new IllegalArgumentException(
          "credentialData.additionalParameters.type is not id, i or d");
    }
    String version =
        switch (parameters.getOrDefault("version", "1.3")) {
          case "1.3" -> "19";
          case "1.0" -> "16";
          default ->
              throw new IllegalArgumentException(
                  "credentialData.additionalParameters.version is not 1.3 or 1.0");
        };
    long memory = number(parameters, "memory");
    long parallelism = number(parameters, "parallelism");
    if (parameters.containsKey("hashLength")
        && number(parameters, "hashLength") != Base64.getDecoder().decode(value).length) {
      throw new IllegalArgumentException(
          "credentialData.additionalParameters.hashLength differs from the length of the value");
    }
    return "$keycloak-argon2"
        + type
        + "$v="
        + version
        + "$m="
        + memory
        + ",t="
        + iterations
        + ",p="
        + parallelism;
  }

  private static long number(Map<String, String> parameters, String name) {
    String text = parameters.get(name);
    String field = "credentialData.additionalParameters." + name;
    if (text == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    try {
      long number = Long.parseLong(text.trim());
      if (number < 1) {
        throw new IllegalArgumentException(field + " is not a positive number");
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " is not a number");
    }
  }

  private static String rebase64(String text, String field) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    try {
      return B64.encodeToString(Base64.getDecoder().decode(text.trim()));
    } catch (IllegalArgumentException e) {
      // The JDK's message quotes the offending character.
      throw new IllegalArgumentException(field + " is not base64");
    }
  }
}
