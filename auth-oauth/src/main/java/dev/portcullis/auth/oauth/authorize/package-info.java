/**
 * The authorization code grant with PKCE (OAuth 2.1, RFC 9700): the authorization request rules,
 * the browser interaction ({@link dev.portcullis.auth.oauth.authorize.AuthorizationFlow}, rendered
 * by the pages from {@link dev.portcullis.auth.oauth.authorize.AuthorizationStep}), consents and
 * OpenID Connect (id_token, userinfo, discovery). None of it knows HTTP or HTML.
 */
package dev.portcullis.auth.oauth.authorize;
