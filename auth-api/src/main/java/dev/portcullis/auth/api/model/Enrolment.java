package dev.portcullis.auth.api.model;

import java.util.Map;
import java.util.Objects;

/**
 * What a user needs to set up a new second factor, shown once. For TOTP the details are {@code
 * secret} (base32), {@code otpauth_uri} and {@code qr_svg}. {@link #toString()} prints the keys
 * only.
 *
 * @param type the factor type
 * @param details what to show the user, by name; unmodifiable
 */
public record Enrolment(String type, Map<String, String> details) {

  public Enrolment {
    Objects.requireNonNull(type, "type");
    details = Map.copyOf(details);
  }

  @Override
  public String toString() {
    return "Enrolment[type=" + type + ", details=" + details.keySet() + "]";
  }
}
