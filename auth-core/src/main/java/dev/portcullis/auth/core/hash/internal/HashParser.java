package dev.portcullis.auth.core.hash.internal;

import dev.portcullis.auth.core.hash.internal.Argon2Hash.Wrapper;
import dev.portcullis.auth.core.hash.internal.Kdf.Prf;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises the scheme of a stored hash and hands it to its parser. Error messages name the scheme
 * prefix ({@code $md5$}, {@code {sha256}}, {@code pbkdf2_sha1$}) and a fixed description of the
 * defect, never any other part of the text.
 */
final class HashParser {
  /** Longer than any hash this module reads or writes (a 1024-byte salt is 1366 characters). */
  static final int MAX_LENGTH = 4096;

  static final String SUPPORTED =
      "$argon2id$, $argon2i$, $argon2d$ (PHC), $2a$, $2b$, $2y$"
          + " (bcrypt), $scrypt$, $pbkdf2-sha256$, $pbkdf2-sha512$, $pbkdf2$ (passlib),"
          + " pbkdf2_sha256$, pbkdf2_sha1$, scrypt$, argon2$ (Django), {bcrypt}, {argon2},"
          + " {scrypt}, {pbkdf2} and {pbkdf2@SpringSecurity_v5_8} (Spring Security),"
          + " $keycloak-pbkdf2-sha256$, $keycloak-pbkdf2-sha512$, $keycloak-pbkdf2$,"
          + " $keycloak-argon2id$, $keycloak-argon2i$, $keycloak-argon2d$ (Keycloak, as user import"
          + " stores them)";
  private static final String KEYCLOAK = "keycloak-";

  private static final Pattern DOLLAR_ID = Pattern.compile("[A-Za-z0-9.-]{1,32}");
  private static final Pattern BRACE_ID = Pattern.compile("[A-Za-z0-9_@.-]{1,40}");
  private static final Set<String> DJANGO_IDS =
      Set.of(
          "pbkdf2_sha256",
          "pbkdf2_sha1",
          "argon2",
          "scrypt",
          "bcrypt",
          "bcrypt_sha256",
          "md5",
          "sha1",
          "unsalted_md5",
          "unsalted_sha1",
          "crypt");

  private HashParser() {}

  /**
   * Parses {@code encoded}.
   *
   * @throws IllegalArgumentException if it is in no supported scheme, is malformed, or has costs
   *     above the caps of {@link CostLimits}
   */
  static StoredHash parse(String encoded) {
    if (encoded == null) {
      throw new IllegalArgumentException("The password hash is missing (null)");
    }
    String scheme = schemeOf(encoded);
    if (encoded.length() > MAX_LENGTH) {
      throw malformed(scheme, "it is longer than any supported hash");
    }
    StoredHash parsed;
    try {
      parsed = dispatch(encoded);
    } catch (MalformedHashException e) {
      throw malformed(scheme, e.getMessage());
    }
    if (parsed == null) {
      throw new IllegalArgumentException(
          "Unsupported password hash scheme " + scheme + "; supported are " + SUPPORTED);
    }
    return parsed;
  }

  /**
   * The scheme prefix of {@code encoded} for messages, or a description when it has none that is
   * safe to repeat.
   */
  static String schemeOf(String encoded) {
    if (encoded.isEmpty()) {
      return "(empty string)";
    }
    if (encoded.charAt(0) == '{') {
      int end = encoded.indexOf('}');
      if (end > 0 && BRACE_ID.matcher(encoded.substring(1, end)).matches()) {
        return encoded.substring(0, end + 1);
      }
    } else if (encoded.charAt(0) == '$') {
      int end = encoded.indexOf('$', 1);
      if (end > 0 && DOLLAR_ID.matcher(encoded.substring(1, end)).matches()) {
        return encoded.substring(0, end + 1);
      }
    } else {
      int end = encoded.indexOf('$');
      if (end > 0 && DJANGO_IDS.contains(encoded.substring(0, end))) {
        return encoded.substring(0, end + 1);
      }
    }
    return "(no recognised scheme prefix)";
  }

  private static StoredHash dispatch(String encoded) {
    if (encoded.startsWith("{")) {
      int end = encoded.indexOf('}');
      if (end < 0) {
        return null;
      }
      String rest = encoded.substring(end + 1);
      return switch (encoded.substring(1, end)) {
        case "bcrypt" -> BcryptHash.parse(rest, true);
        case "argon2", "argon2@SpringSecurity_v5_8" -> Argon2Hash.parse(rest, Wrapper.SPRING);
        case "scrypt", "scrypt@SpringSecurity_v5_8" -> ScryptHash.parseSpring(rest);
        case "pbkdf2" -> Pbkdf2Hash.parseSpring(rest, Prf.HMAC_SHA1, 185_000, 8);
        case "pbkdf2@SpringSecurity_v5_8" ->
            Pbkdf2Hash.parseSpring(rest, Prf.HMAC_SHA256, 310_000, 16);
        default -> null;
      };
    }
    if (encoded.startsWith("$")) {
      int end = encoded.indexOf('$', 1);
      if (end < 0) {
        return null;
      }
      return switch (encoded.substring(1, end)) {
        case "argon2id", "argon2i", "argon2d" -> Argon2Hash.parse(encoded, Wrapper.NONE);
        case "2a", "2b", "2y" -> BcryptHash.parse(encoded, false);
        case BcryptHash.PEPPER_SCHEME -> BcryptHash.parsePeppered(encoded);
        case "scrypt" -> ScryptHash.parsePhc(encoded);
        case "pbkdf2-sha256" -> Pbkdf2Hash.parseDollar(encoded, Prf.HMAC_SHA256);
        case "pbkdf2-sha512" -> Pbkdf2Hash.parseDollar(encoded, Prf.HMAC_SHA512);
        case "pbkdf2" -> Pbkdf2Hash.parsePasslibSha1(encoded);
        case KEYCLOAK + "pbkdf2-sha256" -> Pbkdf2Hash.parseKeycloak(encoded, Prf.HMAC_SHA256);
        case KEYCLOAK + "pbkdf2-sha512" -> Pbkdf2Hash.parseKeycloak(encoded, Prf.HMAC_SHA512);
        case KEYCLOAK + "pbkdf2" -> Pbkdf2Hash.parseKeycloak(encoded, Prf.HMAC_SHA1);
        case KEYCLOAK + "argon2id", KEYCLOAK + "argon2i", KEYCLOAK + "argon2d" ->
            Argon2Hash.parse("$" + encoded.substring(1 + KEYCLOAK.length()), Wrapper.KEYCLOAK);
        default -> null;
      };
    }
    int end = encoded.indexOf('$');
    if (end < 0) {
      return null;
    }
    return switch (encoded.substring(0, end)) {
      case "pbkdf2_sha256" -> Pbkdf2Hash.parseDjango(encoded, Prf.HMAC_SHA256);
      case "pbkdf2_sha1" -> Pbkdf2Hash.parseDjango(encoded, Prf.HMAC_SHA1);
      case "scrypt" -> ScryptHash.parseDjango(encoded);
      case "argon2" -> Argon2Hash.parse(encoded.substring(end), Wrapper.DJANGO);
      default -> null;
    };
  }

  private static IllegalArgumentException malformed(String scheme, String defect) {
    return new IllegalArgumentException("Malformed " + scheme + " password hash: " + defect);
  }
}
