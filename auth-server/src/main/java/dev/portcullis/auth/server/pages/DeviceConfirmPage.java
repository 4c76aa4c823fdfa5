package dev.portcullis.auth.server.pages;

import java.util.List;

/**
 * "Did you start this on your device?": the client, the scopes and the code, approve or deny.
 *
 * @param action where the form posts
 * @param csrf the interaction's CSRF token
 * @param clientName the client's display name
 * @param scopes the scopes asked for
 * @param userCode the code, shown as XXXX-XXXX
 */
public record DeviceConfirmPage(
    String action, String csrf, String clientName, List<PageScope> scopes, String userCode) {
  public DeviceConfirmPage {
    scopes = List.copyOf(scopes);
  }
}
