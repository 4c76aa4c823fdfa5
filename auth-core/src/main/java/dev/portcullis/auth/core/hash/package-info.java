/**
 * Password hashing: {@link dev.portcullis.auth.core.hash.PasswordHashers} makes the {@code
 * PasswordHasher} from {@link dev.portcullis.auth.core.hash.HashingSettings} (the algorithm, one
 * parameter record per algorithm that checks its own limits, and the {@link
 * dev.portcullis.auth.core.hash.Pepper}); {@link
 * dev.portcullis.auth.core.hash.BoundedPasswordHasher} and {@link
 * dev.portcullis.auth.core.hash.HashingLimits} cap concurrent hashing. The implementation is in
 * {@code internal}; reading these settings from configuration is in {@code settings}.
 */
package dev.portcullis.auth.core.hash;
