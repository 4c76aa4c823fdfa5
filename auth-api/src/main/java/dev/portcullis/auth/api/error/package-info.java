/**
 * The error model: {@link dev.portcullis.auth.api.error.AuthError} (the expected failures a {@code
 * Result} carries, each with its code, HTTP status, OAuth {@code error} value and remedy), the
 * exceptions {@code Result.unwrap()} throws for them, and {@link
 * dev.portcullis.auth.api.error.ConfigurationException} with its {@link
 * dev.portcullis.auth.api.error.ConfigProblem}s for misconfiguration found at start-up. No error
 * message here holds a secret, password, hash or token.
 */
package dev.portcullis.auth.api.error;
