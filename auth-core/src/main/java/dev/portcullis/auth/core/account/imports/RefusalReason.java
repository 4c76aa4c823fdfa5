package dev.portcullis.auth.core.account.imports;

/** Why a row was not imported; {@link #code()} is stable and goes into reports. */
public enum RefusalReason {
  /** The row has no e-mail address. */
  MISSING_EMAIL("missing_email"),
  /** The e-mail address is malformed or not a valid login identifier. */
  INVALID_EMAIL("invalid_email"),
  /** The display name is too long or has control characters. */
  INVALID_NAME("invalid_name"),
  /** The user has no password (social login only, or no password credential). */
  NO_PASSWORD("no_password"),
  /** The source marks the password unusable (Django's {@code !...}). */
  UNUSABLE_PASSWORD("unusable_password"),
  /** The hash is in no format the hasher verifies, or its costs exceed the caps. */
  UNSUPPORTED_HASH("unsupported_hash"),
  /** The row does not have the shape of the format (wrong number of CSV fields, wrong types). */
  MALFORMED_ROW("malformed_row");

  private final String code;

  RefusalReason(String code) {
    this.code = code;
  }

  /** The snake_case code. */
  public String code() {
    return code;
  }
}
