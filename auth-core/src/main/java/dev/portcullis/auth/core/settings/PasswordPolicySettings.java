package dev.portcullis.auth.core.settings;

import java.util.List;

/**
 * The password policy ({@code auth.password.*}). The defaults follow NIST SP 800-63B and OWASP ASVS
 * 5.0: length only, no composition rules, common passwords and the account's own words refused.
 *
 * @param minLength fewest code points, at least 1
 * @param maxLength most code points, at least {@code minLength}; longer passwords are refused,
 *     never truncated
 * @param requireUppercase require an upper-case letter (off by default, as NIST advises)
 * @param requireLowercase require a lower-case letter (off by default)
 * @param requireDigits require a digit (off by default)
 * @param requireSpecial require a character that is neither letter nor digit (off by default)
 * @param bannedPatterns regular expressions (case-insensitive) a password must not contain
 * @param rejectCommon refuse passwords from the bundled list of 10,000 common passwords
 * @param rejectContext refuse passwords containing the identifier, the e-mail's local part or the
 *     name
 */
public record PasswordPolicySettings(
    int minLength,
    int maxLength,
    boolean requireUppercase,
    boolean requireLowercase,
    boolean requireDigits,
    boolean requireSpecial,
    List<String> bannedPatterns,
    boolean rejectCommon,
    boolean rejectContext) {

  public PasswordPolicySettings {
    if (minLength < 1 || maxLength < minLength) {
      throw new IllegalArgumentException("need 1 <= minLength <= maxLength");
    }
    bannedPatterns = List.copyOf(bannedPatterns);
  }

  /** NIST SP 800-63B / ASVS 5.0 defaults: 12 to 128 code points, nothing else required. */
  public static PasswordPolicySettings nistDefaults() {
    return new PasswordPolicySettings(12, 128, false, false, false, false, List.of(), true, true);
  }
}
