package dev.portcullis.auth.oauth;

import dev.portcullis.auth.oauth.client.DeclaredClient;
import dev.portcullis.auth.oauth.device.DeviceSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated authorization-server settings ({@code auth.oauth.*}), read once at start-up with
 * every other area. See {@code reference.conf} for every key, its default and its environment
 * variable.
 *
 * @param enabled whether this server is an OAuth authorization server (its endpoints are mounted)
 * @param clients the clients declared in configuration, bootstrapped into the client store at start
 * @param scopes the scopes this server knows, with their descriptions (consent pages, metadata)
 * @param defaultAudience the {@code aud} of access tokens for clients without their own audience,
 *     or null for the issuer URL
 * @param assertionMaxLifetime the longest {@code exp - now} a {@code private_key_jwt} client
 *     assertion may have (RFC 7523 section 3: short-lived)
 * @param acceptTokenEndpointAudience whether a client assertion's {@code aud} may be the token
 *     endpoint URL instead of the issuer (a transition for clients written to RFC 7523's older
 *     reading; off by default)
 * @param refreshRetryGrace how long after a rotation the rotated refresh token still gets the same
 *     single successor (a retried request); zero turns it off (the default)
 * @param publicClientAbsoluteLifetime how long a public client's session may be refreshed at most
 * @param device the device authorization grant's settings ({@code auth.oauth.device.*})
 */
public record OAuthSettings(
    boolean enabled,
    List<DeclaredClient> clients,
    Map<String, String> scopes,
    String defaultAudience,
    Duration assertionMaxLifetime,
    boolean acceptTokenEndpointAudience,
    Duration refreshRetryGrace,
    Duration publicClientAbsoluteLifetime,
    DeviceSettings device) {

  public OAuthSettings {
    clients = List.copyOf(clients);
    scopes = Map.copyOf(scopes);
    Objects.requireNonNull(assertionMaxLifetime, "assertionMaxLifetime");
    Objects.requireNonNull(refreshRetryGrace, "refreshRetryGrace");
    Objects.requireNonNull(publicClientAbsoluteLifetime, "publicClientAbsoluteLifetime");
    Objects.requireNonNull(device, "device");
  }

  /** The default audience, when one is set. */
  public Optional<String> defaultAudienceIfSet() {
    return Optional.ofNullable(defaultAudience);
  }
}
