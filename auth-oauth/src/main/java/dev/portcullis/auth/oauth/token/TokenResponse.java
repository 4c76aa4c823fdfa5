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
 */
public record TokenResponse(String accessToken, long expiresIn, String scope, String refreshToken) {

  /** RFC 6750: every access token of this server is a Bearer token. */
  public static final String TOKEN_TYPE = "Bearer";

  public TokenResponse {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(scope, "scope");
    expiresIn = Math.max(0, expiresIn);
  }

  /**
   * The JSON document, in order: {@code access_token}, {@code token_type}, {@code expires_in},
   * {@code scope} unless it is empty (RFC 6749 section 3.3: a scope has at least one token), then
   * {@code refresh_token} when there is one.
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
        + "]";
  }
}
