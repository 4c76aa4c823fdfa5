package dev.portcullis.auth.core.policy;

import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.settings.PasswordPolicySettings;

/** The password policies Portcullis ships. */
public final class PasswordPolicies {

  private PasswordPolicies() {}

  /**
   * NIST SP 800-63B / OWASP ASVS 5.0: 12 to 128 code points of any Unicode, no composition rules,
   * the 10,000 most common passwords refused, and passwords containing the account's identifier,
   * e-mail local part or name refused.
   */
  public static PasswordPolicy nistDefaults() {
    return configured(PasswordPolicySettings.nistDefaults());
  }

  /** The policy the settings describe. */
  public static PasswordPolicy configured(PasswordPolicySettings settings) {
    return new ConfiguredPasswordPolicy(settings, CommonPasswords.bundled());
  }

  /**
   * {@code policy}, plus what a hasher made from {@code hashing} cannot take, so such passwords are
   * refused as policy violations instead of failing in {@code hash()}: {@code too_long_for_hasher}
   * above {@link HashingSettings#maxPasswordBytes()} UTF-8 bytes (72 for bcrypt without a pepper),
   * and {@code invalid_characters} for text with no UTF-8 form (an unpaired surrogate). {@code
   * AuthModule} applies it to whichever policy is bound.
   */
  public static PasswordPolicy forHasher(PasswordPolicy policy, HashingSettings hashing) {
    return new HasherInputPolicy(policy, hashing.maxPasswordBytes());
  }
}
