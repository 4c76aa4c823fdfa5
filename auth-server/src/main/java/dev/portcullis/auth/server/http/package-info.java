/**
 * The HTTP API on Javalin: {@link dev.portcullis.auth.server.http.HttpApi} (routes, filters,
 * lifecycle), {@link dev.portcullis.auth.server.http.Problems} (problem+json from {@code
 * AuthError}: status, code and retry time come from the error itself), {@link
 * dev.portcullis.auth.server.http.ClientAddresses} (trusted proxies) and {@link
 * dev.portcullis.auth.server.http.RequestLog}.
 */
package dev.portcullis.auth.server.http;
