/**
 * {@link dev.portcullis.auth.api.event.AuthEvent}, the sealed family of what happened (logged in,
 * login failed, locked out, registered, password changed, refresh token reused, ...) that {@code
 * AuthEventListener}s receive. Events carry identifiers and instants, never passwords or tokens;
 * the dispatcher lives in {@code auth-core}.
 */
package dev.portcullis.auth.api.event;
