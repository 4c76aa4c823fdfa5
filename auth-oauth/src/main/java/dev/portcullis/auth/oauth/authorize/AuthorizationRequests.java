package dev.portcullis.auth.oauth.authorize;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.oauth.token.Scopes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules of the authorization request (RFC 6749 section 4.1.1, OAuth 2.1, RFC 7636, RFC 9700,
 * RFC 9207), in the order they are checked:
 *
 * <ol>
 *   <li>{@code client_id} missing, repeated, unknown or disabled, then {@code redirect_uri}
 *       missing, repeated or not registered: an error page, never a redirect (section 4.1.2.1);
 *   <li>any other parameter repeated: {@code invalid_request} (section 3.1);
 *   <li>{@code response_type} missing: {@code invalid_request}; not {@code code}: {@code
 *       unsupported_response_type} (no implicit or hybrid flow);
 *   <li>the client not registered for {@code authorization_code}: {@code unauthorized_client};
 *   <li>{@code code_challenge} missing or not 43 base64url characters, {@code
 *       code_challenge_method} not {@code S256} ({@code plain} is refused): {@code
 *       invalid_request};
 *   <li>{@code scope} malformed or beyond the client's registered scopes: {@code invalid_scope};
 *       omitted: the client's registered scopes;
 *   <li>{@code nonce} longer than 512 characters, {@code request} or {@code request_uri} sent:
 *       {@code invalid_request} / {@code request_not_supported}.
 * </ol>
 *
 * Errors after the first step redirect to the client with {@code error}, {@code error_description},
 * {@code state} (when it was sent once) and {@code iss}. Thread-safe.
 */
public final class AuthorizationRequests {
  private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final int MAX_NONCE = 512;
  private static final int MAX_STATE = 2048;

  private final ClientStore clients;
  private final String issuer;

  public AuthorizationRequests(ClientStore clients, String issuer) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
  }

  /** The outcome of checking a request: valid, or the step that answers it. */
  public sealed interface Checked {
    /** A valid request. */
    record Valid(AuthorizationRequest request) implements Checked {}

    /** An invalid one, answered by {@code step} (an error page or an error redirect). */
    record Refused(AuthorizationStep step) implements Checked {}
  }

  /** Checks {@code query} (every value of every parameter, as received). */
  public Checked check(Map<String, List<String>> query) {
    Objects.requireNonNull(query, "query");
    List<String> clientIds = query.getOrDefault("client_id", List.of());
    if (clientIds.size() != 1 || clientIds.get(0).isEmpty()) {
      return page(
          clientIds.size() > 1
              ? "The client_id parameter is repeated."
              : "The request names no client (client_id is missing).");
    }
    Optional<OAuthClient> found = clients.find(clientIds.get(0));
    if (found.isEmpty() || !found.get().enabled()) {
      return page("The application that sent you here is not known to this server.");
    }
    OAuthClient client = found.get();
    List<String> redirects = query.getOrDefault("redirect_uri", List.of());
    if (redirects.size() != 1 || redirects.get(0).isEmpty()) {
      return page(
          redirects.size() > 1
              ? "The redirect_uri parameter is repeated."
              : "The request has no redirect_uri.");
    }
    String redirectUri = redirects.get(0);
    if (!RedirectUris.matches(client.redirectUris(), redirectUri)) {
      return page(
          "The address the application asked to return to is not registered for it, so this"
              + " server will not send you there.");
    }
    List<String> states = query.getOrDefault("state", List.of());
    String state = states.size() == 1 && !states.get(0).isEmpty() ? states.get(0) : null;
    Redirector redirect = new Redirector(redirectUri, state, issuer);

    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (e.getValue().size() > 1) {
        return redirect.error(
            "invalid_request", "The parameter " + safe(e.getKey()) + " is repeated.");
      }
    }
    if (state != null && state.length() > MAX_STATE) {
      return redirect.error(
          "invalid_request", "state is longer than " + MAX_STATE + " characters.");
    }
    String responseType = single(query, "response_type");
    if (responseType == null) {
      return redirect.error("invalid_request", "response_type is missing; use code.");
    }
    if (!responseType.equals("code")) {
      return redirect.error(
          "unsupported_response_type",
          "Only response_type=code is supported (OAuth 2.1 has no implicit or hybrid flow).");
    }
    if (!client.grantTypes().contains(OAuthClient.AUTHORIZATION_CODE)) {
      return redirect.error(
          "unauthorized_client", "The client is not registered for the authorization_code grant.");
    }
    if (single(query, "request") != null || single(query, "request_uri") != null) {
      return redirect.error(
          "request_not_supported", "Request objects (request, request_uri) are not supported.");
    }
    String challenge = single(query, "code_challenge");
    if (challenge == null) {
      return redirect.error(
          "invalid_request", "code_challenge is required (PKCE with S256, RFC 7636).");
    }
    String method = single(query, "code_challenge_method");
    if (!"S256".equals(method)) {
      return redirect.error(
          "invalid_request",
          method == null
              ? "code_challenge_method is required and must be S256."
              : "code_challenge_method must be S256; plain is not accepted.");
    }
    if (!S256_CHALLENGE.matcher(challenge).matches()) {
      return redirect.error(
          "invalid_request",
          "code_challenge must be the unpadded base64url SHA-256 of the verifier (43 characters).");
    }
    Set<String> scope;
    String scopeParam = single(query, "scope");
    if (scopeParam == null) {
      scope = client.scopes();
    } else {
      Result<Set<String>> parsed = Scopes.parse(scopeParam);
      if (parsed instanceof Result.Err<Set<String>> err) {
        return redirect.error("invalid_scope", err.error().message());
      }
      scope = parsed.orElse(Set.of());
      Set<String> refused = new TreeSet<>(scope);
      refused.removeAll(client.scopes());
      if (!refused.isEmpty()) {
        return redirect.error(
            "invalid_scope",
            "The client is not registered for the scope " + Scopes.format(refused) + ".");
      }
    }
    String nonce = single(query, "nonce");
    if (nonce != null && nonce.length() > MAX_NONCE) {
      return redirect.error(
          "invalid_request", "nonce is longer than " + MAX_NONCE + " characters.");
    }
    return new Checked.Valid(
        new AuthorizationRequest(client, redirectUri, scope, state, challenge, nonce));
  }

  private static String single(Map<String, List<String>> query, String name) {
    List<String> values = query.getOrDefault(name, List.of());
    return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
  }

  private static String safe(String name) {
    String cut = name.length() > 40 ? name.substring(0, 40) : name;
    return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
  }

  private static Checked page(String description) {
    return new Checked.Refused(new AuthorizationStep.ErrorPage("invalid_request", description));
  }

  /** Builds redirects to one client redirect URI with its state and the issuer (RFC 9207). */
  record Redirector(String redirectUri, String state, String issuer) {

    Checked.Refused error(String error, String description) {
      return new Checked.Refused(errorStep(error, description));
    }

    AuthorizationStep.Redirect errorStep(String error, String description) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("error", error);
      params.put("error_description", description);
      return to(params);
    }

    AuthorizationStep.Redirect code(String code) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("code", code);
      return to(params);
    }

    private AuthorizationStep.Redirect to(Map<String, String> params) {
      if (state != null) {
        params.put("state", state);
      }
      params.put("iss", issuer);
      StringBuilder uri = new StringBuilder(redirectUri);
      char sep = redirectUri.indexOf('?') >= 0 ? '&' : '?';
      for (Map.Entry<String, String> e : params.entrySet()) {
        uri.append(sep).append(e.getKey()).append('=').append(encode(e.getValue()));
        sep = '&';
      }
      return new AuthorizationStep.Redirect(java.net.URI.create(uri.toString()));
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }
}
