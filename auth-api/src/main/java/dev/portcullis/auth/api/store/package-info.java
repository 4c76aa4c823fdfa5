/**
 * Storage ports: the state Portcullis keeps (users, sessions, failure counts, revocations, rate
 * limits, reset tokens, the audit trail, single-use keys, authorization codes, OAuth clients,
 * users' consents to them, device authorization grants, second-factor credentials, recovery codes
 * and pending MFA challenges).
 *
 * <p>Rules every adapter follows, checked by the contract suites in {@code auth-testkit}:
 *
 * <ul>
 *   <li>every method is thread-safe, and every read-modify-write is atomic in the store itself (one
 *       conditional statement, a compare-and-set), so several instances sharing one store act as
 *       one;
 *   <li>time comes from the caller or from an injected {@link java.time.Clock}, never from the
 *       system clock directly;
 *   <li>an expected outcome (identifier taken, refresh token reused) is a return value;
 *   <li>a store that cannot answer (database down, pool exhausted) throws {@link
 *       dev.portcullis.auth.api.error.ServiceUnavailableException} naming the cause and the
 *       settings to look at, so callers fail closed;
 *   <li>bad arguments (null, blank keys) throw {@link IllegalArgumentException} or {@link
 *       NullPointerException} and change nothing.
 * </ul>
 */
package dev.portcullis.auth.api.store;
