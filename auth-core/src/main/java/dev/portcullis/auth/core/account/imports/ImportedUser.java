package dev.portcullis.auth.core.account.imports;

/**
 * One user as a source read it, before any check. {@link #toString()} never prints the hash.
 *
 * @param row where it is in the file (see {@link UserSource#next()})
 * @param email the e-mail address, the login identifier; may be null or malformed (the importer
 *     refuses the row)
 * @param name display name, or null
 * @param passwordHash the stored hash in a format the hasher verifies, or null
 * @param emailVerified whether the source system says the address is proven
 * @param enabled whether the source system lets the user log in
 */
public record ImportedUser(
    long row,
    String email,
    String name,
    String passwordHash,
    boolean emailVerified,
    boolean enabled) {

  @Override
  public String toString() {
    return "ImportedUser[row="
        + row
        + ", email="
        + email
        + ", name="
        + name
        + ", passwordHash=<redacted>, emailVerified="
        + emailVerified
        + ", enabled="
        + enabled
        + "]";
  }
}
