package dev.portcullis.auth.oauth.token;

import dev.portcullis.auth.jwt.OAuthTokens.ActiveToken;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An introspection response (RFC 7662 section 2.2). {@link #toString()} shows no token.
 *
 * @param token the active token the caller may see, or null for an inactive one
 */
public record Introspection(ActiveToken token) {

  private static final Introspection INACTIVE = new Introspection(null);

  /** {@code {"active":false}}. */
  public static Introspection inactive() {
    return INACTIVE;
  }

  /** Whether the token is active. */
  public boolean active() {
    return token != null;
  }

  /** The active token, if it is one. */
  public Optional<ActiveToken> activeToken() {
    return Optional.ofNullable(token);
  }

  /**
   * The JSON document: exactly {@code {"active":false}} for an inactive token; for an active one,
   * in order, {@code active}, {@code scope}, {@code client_id}, {@code sub}, {@code exp}, {@code
   * iat}, {@code iss}, {@code aud} (a string when it has one entry), {@code jti} and {@code
   * token_type} ({@code Bearer} for access tokens, as RFC 6749 section 7.1 names their type; {@code
   * refresh_token} for refresh tokens). Absent values are left out.
   */
  public Map<String, Object> document() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("active", token != null);
    if (token == null) {
      return Collections.unmodifiableMap(doc);
    }
    doc.put("scope", Scopes.format(token.scope()));
    putIfPresent(doc, "client_id", token.clientId());
    doc.put("sub", token.subject());
    doc.put("exp", token.expiresAt().getEpochSecond());
    doc.put("iat", token.issuedAt().getEpochSecond());
    putIfPresent(doc, "iss", token.issuer());
    if (token.audience().size() == 1) {
      doc.put("aud", token.audience().get(0));
    } else if (!token.audience().isEmpty()) {
      doc.put("aud", token.audience());
    }
    putIfPresent(doc, "jti", token.tokenId());
    doc.put(
        "token_type",
        ActiveToken.REFRESH_TOKEN.equals(token.tokenType()) ? ActiveToken.REFRESH_TOKEN : "Bearer");
    return Collections.unmodifiableMap(doc);
  }

  @Override
  public String toString() {
    return token == null
        ? "Introspection[active=false]"
        : "Introspection[active=true, type=" + token.tokenType() + "]";
  }

  private static void putIfPresent(Map<String, Object> doc, String name, String value) {
    if (value != null) {
      doc.put(name, value);
    }
  }
}
