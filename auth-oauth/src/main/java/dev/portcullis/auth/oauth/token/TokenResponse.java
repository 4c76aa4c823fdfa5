package dev.portcullis.auth.oauth.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A successful token response (RFC 6749 section 5.1). {@link #toString()} shows no token.
 *
 * @param accessToken the access token
 * @param expiresIn seconds until it expires, never negative
 * @param scope the access token's scope as RFC 6749 writes it (may be empty)
 * @param refreshToken the refresh token, or null (client credentials, RFC 6749 section 4.4.3)
 * @param idToken the OpenID Connect ID token (the {@code openid} scope with the authorization code
 *     grant), or null
 */
public record TokenResponse(
    String accessToken, long expiresIn, String scope, String refreshToken, String idToken) {

  /** RFC 6750: every access token of this server is a Bearer token. */
  public static final String TOKEN_TYPE = "Bearer";

  public TokenResponse {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(scope, "scope");
    expiresIn = Math.max(0, expiresIn);
  }

  /** A response without an ID token. */
  public TokenResponse(String accessToken, long expiresIn, String scope, String refreshToken) {
    this(accessToken, expiresIn, scope, refreshToken, null);
  }

  /** This response with {@code idToken} added. */
  public TokenResponse withIdToken(String idToken) {
    return new TokenResponse(accessToken, expiresIn, scope, refreshToken, idToken);
  }

  /**
   * The JSON document, in order: {@code access_token}, {@code token_type}, {@code expires_in},
   * {@code scope} unless it is empty (RFC 6749 section 3.3: a scope has at least one token), then
   * {@code refresh_token} and {@code id_token} when there are.
   */
  public Map<String, Object> document() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("access_token", accessToken);
    doc.put("token_type", TOKEN_TYPE);
    doc.put("expires_in", expiresIn);
    if (!scope.isEmpty()) {
      doc.put("scope", scope);
    }
    if (refreshToken != null) {
      doc.put("refresh_token", refreshToken);
    }
    if (idToken != null) {
      doc.put("id_token", idToken);
    }
    return Collections.unmodifiableMap(doc);
  }

  @Override
  public String toString() {
    return "TokenResponse[expiresIn="
        + expiresIn
        + ", scope="
        + scope
        + ", refreshToken="
        + (refreshToken == null ? "none" : "present")
        + ", idToken="
        + (idToken == null ? "none" : "present")
        + "]";
  }
}
