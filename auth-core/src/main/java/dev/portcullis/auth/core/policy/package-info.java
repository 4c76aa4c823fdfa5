/**
 * The password policy: {@link dev.portcullis.auth.core.policy.PasswordPolicies} builds the NIST SP
 * 800-63B defaults, the configured rules, and the limit of what the hasher can take. The rule
 * classes are package-private; callers see only {@code PasswordPolicy}.
 */
package dev.portcullis.auth.core.policy;
