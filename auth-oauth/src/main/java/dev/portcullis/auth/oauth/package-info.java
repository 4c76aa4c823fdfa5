/**
 * An OAuth 2.1 authorization server on Portcullis (RFC 6749 as profiled by OAuth 2.1, RFC 7009, RFC
 * 7523, RFC 7662, RFC 8414, RFC 9068): {@link dev.portcullis.auth.oauth.OAuthModule} binds the use
 * cases that the server's HTTP routes call.
 *
 * <ul>
 *   <li>{@code dev.portcullis.auth.oauth} – the module and its settings ({@code auth.oauth.*}).
 *   <li>{@code dev.portcullis.auth.oauth.client} – clients: declaration, secrets, administration
 *       and authentication at the token endpoint ({@code client_secret_basic}, {@code
 *       client_secret_post}, {@code private_key_jwt}, {@code none}).
 *   <li>{@code dev.portcullis.auth.oauth.token} – the token, revocation and introspection
 *       endpoints' use cases, and the authorization-server metadata.
 * </ul>
 *
 * <p>Classes in {@code dev.portcullis.auth.oauth.internal} are not part of the contract.
 */
package dev.portcullis.auth.oauth;
