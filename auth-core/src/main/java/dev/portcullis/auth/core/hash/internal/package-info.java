/**
 * The password hashing implementation behind {@code PasswordHashers}: the Bouncy Castle KDFs, the
 * parsers of every stored hash format, constant-time comparison and the cost caps. Not API: use
 * {@code dev.portcullis.auth.core.hash}; anything here may change in any release.
 */
package dev.portcullis.auth.core.hash.internal;
