package dev.portcullis.auth.server.pages;

import java.util.List;

/**
 * The consent form: the client by name and each scope it asks for.
 *
 * @param action where the form posts
 * @param csrf the interaction's CSRF token
 * @param clientName the client's display name
 * @param scopes the scopes asked for, with their descriptions
 */
public record ConsentPage(String action, String csrf, String clientName, List<PageScope> scopes) {
  public ConsentPage {
    scopes = List.copyOf(scopes);
  }
}
