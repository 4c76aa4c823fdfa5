/**
 * Settings: loading the configuration ({@code AuthConfig}), typed reads that collect every problem
 * ({@code SettingsReader}), the validated {@code AuthSettings} and its parts, the {@code
 * Environment}, and {@code SettingsSection} for other modules' settings. Defaults live in {@code
 * reference.conf}; the hashing costs' value types are in {@code hash}.
 */
package dev.portcullis.auth.core.settings;
