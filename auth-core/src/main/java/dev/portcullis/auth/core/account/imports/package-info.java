/**
 * Bringing users from another system: {@link dev.portcullis.auth.core.account.imports.UserImporter}
 * takes rows from a {@link dev.portcullis.auth.core.account.imports.UserSource} one at a time and
 * creates the accounts with their existing password hashes, which the hasher verifies and upgrades
 * at the first login. Sources for formats without dependencies (CSV) come from {@link
 * dev.portcullis.auth.core.account.imports.UserSources}; JSON formats are read by the server, which
 * has a JSON parser.
 */
package dev.portcullis.auth.core.account.imports;
