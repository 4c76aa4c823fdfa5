/**
 * Second factors: TOTP (RFC 6238) with recovery codes, the pending-challenge login ({@link
 * dev.portcullis.auth.core.mfa.MfaService}) and their wiring ({@link
 * dev.portcullis.auth.core.mfa.MfaModule}).
 */
package dev.portcullis.auth.core.mfa;
