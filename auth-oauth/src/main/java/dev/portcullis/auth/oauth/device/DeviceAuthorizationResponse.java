package dev.portcullis.auth.oauth.device;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A device authorization response (RFC 8628 section 3.2). {@link #toString()} shows neither code.
 *
 * @param deviceCode the device code, for the device's polls only
 * @param userCode the user code as shown: {@code XXXX-XXXX}
 * @param verificationUri where the user goes: the issuer followed by {@code /device}
 * @param verificationUriComplete the same with the user code in its query
 * @param expiresIn seconds until both codes stop working
 * @param interval seconds the device waits between polls
 */
public record DeviceAuthorizationResponse(
    String deviceCode,
    String userCode,
    String verificationUri,
    String verificationUriComplete,
    long expiresIn,
    long interval) {

  public DeviceAuthorizationResponse {
    Objects.requireNonNull(deviceCode, "deviceCode");
    Objects.requireNonNull(userCode, "userCode");
    Objects.requireNonNull(verificationUri, "verificationUri");
    Objects.requireNonNull(verificationUriComplete, "verificationUriComplete");
  }

  /** The JSON document in RFC 8628's order; {@code interval} is always present. */
  public Map<String, Object> document() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("device_code", deviceCode);
    doc.put("user_code", userCode);
    doc.put("verification_uri", verificationUri);
    doc.put("verification_uri_complete", verificationUriComplete);
    doc.put("expires_in", expiresIn);
    doc.put("interval", interval);
    return Collections.unmodifiableMap(doc);
  }

  @Override
  public String toString() {
    return "DeviceAuthorizationResponse[verificationUri="
        + verificationUri
        + ", expiresIn="
        + expiresIn
        + ", interval="
        + interval
        + "]";
  }
}
