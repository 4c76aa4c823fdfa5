/**
 * Tokens on signed JWTs: {@link dev.portcullis.auth.jwt.JwtModule} binds {@code TokenService}
 * (issue, verify, refresh with rotation and reuse detection, revoke); {@link
 * dev.portcullis.auth.jwt.KeyRing} and {@link dev.portcullis.auth.jwt.Jwks} hold and publish keys;
 * {@link dev.portcullis.auth.jwt.JwtVerifier} with {@link dev.portcullis.auth.jwt.RemoteJwks} or a
 * {@link dev.portcullis.auth.jwt.TrustedIssuer} serves services that only verify; {@link
 * dev.portcullis.auth.jwt.TokenInspector} explains why a token passes or fails.
 *
 * <p>Classes in {@code dev.portcullis.auth.jwt.internal} are not part of the contract.
 */
package dev.portcullis.auth.jwt;
