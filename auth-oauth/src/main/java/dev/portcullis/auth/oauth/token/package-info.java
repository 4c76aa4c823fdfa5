/**
 * The token endpoint ({@link dev.portcullis.auth.oauth.token.TokenEndpoint}: client credentials and
 * refresh), revocation ({@link dev.portcullis.auth.oauth.token.TokenRevocation}, RFC 7009),
 * introspection ({@link dev.portcullis.auth.oauth.token.TokenIntrospection}, RFC 7662) and the
 * authorization-server metadata ({@link dev.portcullis.auth.oauth.token.ServerMetadata}, RFC 8414).
 * Each use case takes what the HTTP layer read and answers a {@code Result}; none of them knows
 * HTTP.
 */
package dev.portcullis.auth.oauth.token;
