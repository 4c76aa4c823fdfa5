/**
 * Use cases of the server's own pages for a signed-in person, outside OAuth: the TOTP enrolment
 * page ({@link dev.portcullis.auth.server.account.AccountMfaFlow}). The HTTP layer ({@code
 * server.http}) renders their steps and never touches a store port; these use cases do.
 */
package dev.portcullis.auth.server.account;
