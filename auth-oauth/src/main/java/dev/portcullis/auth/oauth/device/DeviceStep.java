package dev.portcullis.auth.oauth.device;

import dev.portcullis.auth.oauth.authorize.ClientView;
import dev.portcullis.auth.oauth.authorize.ScopeView;
import java.util.List;

/** One step of the device verification pages ({@code /device}); the pages render it. */
public sealed interface DeviceStep {

  /** Ask for the user code. {@code error}: null, or what was wrong in plain words. */
  record EnterCode(String interactionId, String csrfToken, String error) implements DeviceStep {}

  /** Show the login form. {@code error}: null, or a plain-words message. */
  record Login(String interactionId, String csrfToken, String error, String identifier)
      implements DeviceStep {}

  /**
   * The password was right and the user has an active second factor: ask for a 6-digit code of the
   * authenticator app or a recovery code. {@code error}: null, or a plain-words message.
   */
  record Mfa(String interactionId, String csrfToken, String error) implements DeviceStep {}

  /**
   * Ask the signed-in user whether they started this on their device, naming the client and the
   * scopes; {@code userCode} is the code as shown on the device (XXXX-XXXX).
   */
  record Confirm(
      String interactionId,
      String csrfToken,
      ClientView client,
      List<ScopeView> scopes,
      String userCode)
      implements DeviceStep {}

  /** Finished: "you can return to your device". */
  record Done(boolean approved) implements DeviceStep {}
}
