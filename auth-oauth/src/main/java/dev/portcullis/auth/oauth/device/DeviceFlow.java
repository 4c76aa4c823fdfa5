package dev.portcullis.auth.oauth.device;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import java.util.Optional;

/**
 * The browser side of the device authorization grant (RFC 8628 section 3.3) as a state machine the
 * {@code /device} pages drive: enter the user code, log in, a second factor when the user has one,
 * confirm. Each call answers the next {@link DeviceStep} to render, or an error only for a failure
 * the pages cannot show as a step (a store that cannot answer: {@code service_unavailable}). Bound
 * by {@code OAuthModule} when OAuth is enabled. Thread-safe.
 */
public interface DeviceFlow {

  /** {@code GET /device[?user_code=]}: starts an interaction; with a code, enters it at once. */
  Result<DeviceStep> begin(String userCodeOrNull, String clientAddress);

  /** The interaction's CSRF token, for the HTTP layer's constant-time check; empty if unknown. */
  Optional<String> csrfToken(String interactionId);

  /** {@code POST} of the code-entry form (after the HTTP layer checked CSRF and origin). */
  Result<DeviceStep> enterCode(String interactionId, String userCode, String clientAddress);

  /** {@code POST} of the login form (after the HTTP layer checked CSRF and origin). */
  Result<DeviceStep> login(
      String interactionId,
      String identifier,
      String password,
      String clientAddress,
      String userAgent);

  /**
   * {@code POST} of the second-factor form (after the HTTP layer checked CSRF and origin): a TOTP
   * or recovery code of the user who passed the password. This default, for flows without that
   * step, refuses it.
   */
  default Result<DeviceStep> mfa(String interactionId, String code) {
    return Result.err(new AuthError.InvalidRequest("step", "mfa is not a step of this flow"));
  }

  /** {@code POST} of the confirmation form: approve or deny the device's request. */
  Result<DeviceStep> confirm(String interactionId, boolean approve);
}
