/**
 * The immutable values the ports take and return: users and sessions, login requests and their
 * outcomes, lockout and rate-limit rules and decisions, tokens, revocations, reset tokens, audit
 * records and notifications. Records with checked invariants and {@code java.time} types only; no
 * behaviour beyond small derived values, and nothing that does I/O.
 */
package dev.portcullis.auth.api.model;
