/**
 * Tokens on signed JWTs: {@link dev.portcullis.auth.jwt.JwtModule} binds {@code TokenService}
 * (issue, verify, refresh with rotation and reuse detection, revoke); {@link
 * dev.portcullis.auth.jwt.KeyRing} and {@link dev.portcullis.auth.jwt.Jwks} hold and publish keys;
 * {@link dev.portcullis.auth.jwt.JwtVerifier} with {@link dev.portcullis.auth.jwt.RemoteJwks} or a
 * {@link dev.portcullis.auth.jwt.TrustedIssuer} serves services that only verify; {@link
 * dev.portcullis.auth.jwt.TokenInspector} explains why a token passes or fails.
 *
 * <p><b>Token profiles.</b> Each token is judged by the rules of one profile: a user's access
 * token, a client's own access token (client credentials: {@code client_id} = {@code sub}, no
 * {@code sid}; accepted only by a verifier built with {@code acceptClientTokens(true)}), a refresh
 * token, or a trusted issuer's token; the module README lists each profile's rules. Access tokens
 * ({@code typ at+jwt}) are signed with the active key of the {@link
 * dev.portcullis.auth.jwt.KeyRing}, whose public half the JWKS publishes. Refresh tokens ({@code
 * typ refresh+jwt}, same claims as before: {@code jti} and {@code sid} drive rotation and reuse
 * detection) are MACed with HS256 under a refresh-token key derived from the signing key's private
 * material (HKDF-SHA256, RFC 5869, info {@code "portcullis refresh-token key v1"}, a zero byte and
 * the key id; see {@link dev.portcullis.auth.jwt.JwtKey#refreshKey()}). Its id is {@code <kid>~r};
 * it is never published, so a resource server that holds only the JWKS cannot verify a refresh
 * token at all, let alone take it for an access token. Every instance of a fleet that loads the
 * same key derives the same refresh key; a retiring key's refresh key verifies until the same
 * retire date. The refresh endpoint accepts no other key: a refresh token signed with a published
 * key (the format before this) is refused with {@code token_type}. ECDSA signatures are emitted and
 * accepted only in their low-s form, so one token has one string.
 *
 * <p>Classes in {@code dev.portcullis.auth.jwt.internal} are not part of the contract.
 */
package dev.portcullis.auth.jwt;
