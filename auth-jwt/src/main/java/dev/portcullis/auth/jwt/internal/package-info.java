/**
 * The implementation of auth-jwt: token minting and examination, JWS verification, key encoding and
 * the {@code TokenService}. Not API: use {@code dev.portcullis.auth.jwt}; anything here may change
 * in any release.
 */
package dev.portcullis.auth.jwt.internal;
