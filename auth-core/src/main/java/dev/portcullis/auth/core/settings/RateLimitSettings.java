package dev.portcullis.auth.core.settings;

import dev.portcullis.auth.api.model.RateLimitRule;
import java.util.Objects;

/**
 * Rate limits per client address ({@code auth.rate-limit.*}). Addresses are keyed through {@code
 * ClientAddresses.rateLimitKey}, which groups IPv6 addresses by {@link #ipv6Prefix()}.
 *
 * @param login login attempts per client address
 * @param loginFailures failed logins per client address: bounds how many accounts one address can
 *     push towards a lockout
 * @param register registrations per client address
 * @param passwordForgot reset-link requests per client address
 * @param ipv6Prefix IPv6 clients are counted per network of this prefix length (1 to 128; 64 by
 *     default, the smallest network an ISP hands a customer), since one customer holds every
 *     address of it; IPv4 clients per address
 */
public record RateLimitSettings(
    RateLimitRule login,
    RateLimitRule loginFailures,
    RateLimitRule register,
    RateLimitRule passwordForgot,
    int ipv6Prefix) {

  /** The default IPv6 prefix length: a /64, one customer's network. */
  public static final int DEFAULT_IPV6_PREFIX = 64;

  public RateLimitSettings {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(loginFailures, "loginFailures");
    Objects.requireNonNull(register, "register");
    Objects.requireNonNull(passwordForgot, "passwordForgot");
    if (ipv6Prefix < 1 || ipv6Prefix > 128) {
      throw new IllegalArgumentException("ipv6Prefix must be 1 to 128, is " + ipv6Prefix);
    }
  }

  /** These rules, with IPv6 clients counted per /64. */
  public RateLimitSettings(
      RateLimitRule login,
      RateLimitRule loginFailures,
      RateLimitRule register,
      RateLimitRule passwordForgot) {
    this(login, loginFailures, register, passwordForgot, DEFAULT_IPV6_PREFIX);
  }

  /** The defaults of {@code reference.conf}. */
  public static RateLimitSettings defaults() {
    return new RateLimitSettings(
        RateLimitRule.parse("5/minute"),
        RateLimitRule.parse("30/hour"),
        RateLimitRule.parse("10/hour"),
        RateLimitRule.parse("5/hour"),
        DEFAULT_IPV6_PREFIX);
  }
}
