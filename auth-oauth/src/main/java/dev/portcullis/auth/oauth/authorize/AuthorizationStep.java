package dev.portcullis.auth.oauth.authorize;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One step of the browser flow of the authorization code grant; the pages render it. The state
 * machine ({@link AuthorizationFlow}) knows no HTML and no HTTP, so the templates can be replaced.
 *
 * <p>New steps are added as new records; renderers switch over the sealed type.
 */
public sealed interface AuthorizationStep {

  /**
   * Invalid {@code client_id} or {@code redirect_uri} (or the interaction is unknown or expired):
   * show an error page and NEVER redirect (RFC 6749 section 4.1.2.1).
   *
   * @param error the OAuth error code, e.g. {@code invalid_request}
   * @param description plain words for the user; never contains a secret
   */
  record ErrorPage(String error, String description) implements AuthorizationStep {
    public ErrorPage {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * Redirect the browser (303): success with {@code code}, {@code state} and {@code iss}, or an
   * error with {@code error}, {@code error_description}, {@code state} and {@code iss}.
   */
  record Redirect(URI location) implements AuthorizationStep {
    public Redirect {
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * Show the login form.
   *
   * @param error null, or a plain-words message (wrong password, locked until ..., rate limited)
   * @param identifier the identifier typed before (to refill the field), or null
   */
  record Login(
      String interactionId, String csrfToken, ClientView client, String error, String identifier)
      implements AuthorizationStep {
    public Login {
      Objects.requireNonNull(interactionId, "interactionId");
      Objects.requireNonNull(csrfToken, "csrfToken");
      Objects.requireNonNull(client, "client");
    }
  }

  /** Show the consent form naming the client and each requested scope with its description. */
  record Consent(String interactionId, String csrfToken, ClientView client, List<ScopeView> scopes)
      implements AuthorizationStep {
    public Consent {
      Objects.requireNonNull(interactionId, "interactionId");
      Objects.requireNonNull(csrfToken, "csrfToken");
      Objects.requireNonNull(client, "client");
      scopes = List.copyOf(scopes);
    }
  }

  /**
   * The password was right and the user has an active second factor: show the form for a 6-digit
   * code of the authenticator app or a recovery code.
   *
   * @param error null, or a plain-words message (wrong code and how many attempts are left, locked
   *     until ...)
   */
  record Mfa(String interactionId, String csrfToken, ClientView client, String error)
      implements AuthorizationStep {
    public Mfa {
      Objects.requireNonNull(interactionId, "interactionId");
      Objects.requireNonNull(csrfToken, "csrfToken");
      Objects.requireNonNull(client, "client");
    }
  }
}
