package dev.portcullis.auth.core.policy;

import dev.portcullis.auth.api.PasswordPolicy;
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
}
