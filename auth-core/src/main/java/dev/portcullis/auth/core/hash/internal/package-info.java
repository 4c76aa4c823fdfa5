/**
 * The password hashing implementation behind {@code PasswordHashers}: Argon2 (our own, {@code
 * Argon2} over memory reused between hashes, {@code BlockArenas}), the Bouncy Castle KDFs for the
 * others, the parsers of every stored hash format, constant-time comparison and the cost caps. Not
 * API: use {@code dev.portcullis.auth.core.hash}; anything here may change in any release.
 */
package dev.portcullis.auth.core.hash.internal;
