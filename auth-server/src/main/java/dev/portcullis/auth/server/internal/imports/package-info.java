/**
 * The readers of {@code user import} and {@code POST /admin/users/import} for the JSON formats
 * (Django {@code dumpdata}, Keycloak realm export, Auth0 password-hash export), on Jackson's
 * streaming parser: one user in memory at a time.
 */
package dev.portcullis.auth.server.internal.imports;
