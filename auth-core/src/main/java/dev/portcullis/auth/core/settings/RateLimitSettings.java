package dev.portcullis.auth.core.settings;

import dev.portcullis.auth.api.model.RateLimitRule;
import java.util.Objects;

/**
 * Rate limits per client address ({@code auth.rate-limit.*}).
 *
 * @param login login attempts per client address
 * @param loginFailures failed logins per client address: bounds how many accounts one address can
 *     push towards a lockout
 * @param register registrations per client address
 * @param passwordForgot reset-link requests per client address
 */
public record RateLimitSettings(
    RateLimitRule login,
    RateLimitRule loginFailures,
    RateLimitRule register,
    RateLimitRule passwordForgot) {

  public RateLimitSettings {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(loginFailures, "loginFailures");
    Objects.requireNonNull(register, "register");
    Objects.requireNonNull(passwordForgot, "passwordForgot");
  }

  /** The defaults of {@code reference.conf}. */
  public static RateLimitSettings defaults() {
    return new RateLimitSettings(
        RateLimitRule.parse("5/minute"),
        RateLimitRule.parse("30/hour"),
        RateLimitRule.parse("10/hour"),
        RateLimitRule.parse("5/hour"));
  }
}
