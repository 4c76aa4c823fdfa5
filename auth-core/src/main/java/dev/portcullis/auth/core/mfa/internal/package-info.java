/** Helpers of the MFA package; not part of the contract. */
package dev.portcullis.auth.core.mfa.internal;
