/**
 * Password login: {@link dev.portcullis.auth.core.login.PasswordAuthenticator} (the {@code
 * Authenticator}: rate limits, lockout reservation, equal-cost checks, rehash on login), {@link
 * dev.portcullis.auth.core.login.Identifiers} (normalisation and validation) and {@link
 * dev.portcullis.auth.core.login.ClientAddresses} (rate-limit keys from client addresses). Tokens
 * are issued by a {@code TokenService} adapter, not here.
 */
package dev.portcullis.auth.core.login;
