package dev.portcullis.auth.oauth.authorize;

import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.oauth.token.Scopes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A valid authorization request (RFC 6749 section 4.1.1 with PKCE, RFC 7636): what the code will be
 * bound to. {@link #toString()} shows neither the challenge nor the nonce.
 *
 * @param client the registered, enabled client
 * @param redirectUri the redirect URI as requested (it matched a registered one)
 * @param scope the scope to grant, within the client's registered scopes
 * @param state the client's {@code state}, echoed unchanged, or null
 * @param codeChallenge the S256 code challenge
 * @param nonce the OpenID Connect nonce, or null
 */
public record AuthorizationRequest(
    OAuthClient client,
    String redirectUri,
    Set<String> scope,
    String state,
    String codeChallenge,
    String nonce) {

  public AuthorizationRequest {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(redirectUri, "redirectUri");
    scope = Set.copyOf(scope);
    Objects.requireNonNull(codeChallenge, "codeChallenge");
  }

  /** The interaction state that stores this request (the client is read again by id). */
  Map<String, String> toState() {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("client_id", client.clientId());
    state.put("redirect_uri", redirectUri);
    state.put("scope", Scopes.format(scope));
    state.put("code_challenge", codeChallenge);
    if (this.state != null) {
      state.put("state", this.state);
    }
    if (nonce != null) {
      state.put("nonce", nonce);
    }
    return state;
  }

  @Override
  public String toString() {
    return "AuthorizationRequest[clientId="
        + client.clientId()
        + ", redirectUri="
        + redirectUri
        + ", scope="
        + Scopes.format(scope)
        + "]";
  }
}
