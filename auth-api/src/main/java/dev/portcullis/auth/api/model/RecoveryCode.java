package dev.portcullis.auth.api.model;

import java.util.Objects;

/**
 * One stored recovery code: a lookup id (the code's first characters, which are no secret) and the
 * password hash of the whole code, so that checking an attempt costs one hash. {@link #toString()}
 * never prints the hash.
 *
 * @param userId the owner
 * @param lookupId the code's public index, unique per user
 * @param hash the code's hash by the configured {@code PasswordHasher}
 */
public record RecoveryCode(String userId, String lookupId, String hash) {

  public RecoveryCode {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(lookupId, "lookupId");
    Objects.requireNonNull(hash, "hash");
  }

  @Override
  public String toString() {
    return "RecoveryCode[userId=" + userId + ", lookupId=" + lookupId + ", hash=<redacted>]";
  }
}
