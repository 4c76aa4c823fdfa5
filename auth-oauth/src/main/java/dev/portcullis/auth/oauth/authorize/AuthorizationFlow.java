package dev.portcullis.auth.oauth.authorize;

import dev.portcullis.auth.api.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser part of the authorization code grant with PKCE (RFC 6749 section 4.1, OAuth 2.1, RFC
 * 9700) as a server-side interaction: the HTTP layer keeps the interaction id in a cookie, checks
 * the CSRF token (constant time) and the origin on every POST, and renders the {@link
 * AuthorizationStep} it gets back. Bound by {@code OAuthModule} when OAuth is enabled.
 *
 * <p>Interactions live in a store shared by the fleet (no JVM-local state), so any node can
 * continue a flow another one began.
 */
public interface AuthorizationFlow {

  /**
   * {@code GET /oauth2/authorize} with its query parameters, each at most once.
   *
   * @param query each parameter at most once
   */
  Result<AuthorizationStep> begin(
      Map<String, String> query, String clientAddress, String userAgent);

  /**
   * {@code GET /oauth2/authorize} with every value of every query parameter, as the HTTP layer read
   * them; preferred over {@link #begin(Map, String, String)}. A repeated parameter is refused (RFC
   * 6749 section 3.1): with an error redirect when the client and redirect URI are valid and not
   * themselves repeated, else an error page. This default shows an error page for any repeat; the
   * real flow overrides it.
   */
  default Result<AuthorizationStep> beginWithAllValues(
      Map<String, List<String>> query, String clientAddress, String userAgent) {
    Map<String, String> single = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (e.getValue().size() != 1) {
        return Result.ok(
            new AuthorizationStep.ErrorPage(
                "invalid_request", "The parameter " + e.getKey() + " is repeated."));
      }
      single.put(e.getKey(), e.getValue().get(0));
    }
    return begin(single, clientAddress, userAgent);
  }

  /** The interaction's CSRF token, for the HTTP layer's constant-time check; empty if unknown. */
  Optional<String> csrfToken(String interactionId);

  /** {@code POST /oauth2/authorize/login}, after the HTTP layer checked CSRF and origin. */
  Result<AuthorizationStep> login(
      String interactionId,
      String identifier,
      String password,
      String clientAddress,
      String userAgent);

  /**
   * {@code POST /oauth2/authorize/mfa}, after the HTTP layer checked CSRF and origin: a TOTP code
   * or a recovery code for the user who passed the password in this interaction. A wrong code shows
   * the {@link AuthorizationStep.Mfa} step again; after {@code auth.mfa.max-challenge-failures}
   * wrong codes, or {@code auth.mfa.challenge-ttl} after the password, the interaction ends (an
   * error page that says to start again). This default, for flows without a second-factor step,
   * ends nothing and shows an error page.
   */
  default Result<AuthorizationStep> mfa(String interactionId, String code) {
    return Result.ok(
        new AuthorizationStep.ErrorPage(
            "invalid_request", "This sign-in does not ask for a second factor."));
  }

  /**
   * {@code POST /oauth2/authorize/consent}, after the HTTP layer checked CSRF and origin. {@code
   * approve = false} answers a {@link AuthorizationStep.Redirect} with {@code error=access_denied}.
   */
  Result<AuthorizationStep> consent(String interactionId, boolean approve);
}
