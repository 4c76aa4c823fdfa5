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
 * @param clientCacheTtl how long the token, revocation and introspection endpoints use a client
 *     registration they read before reading it again ({@link
 *     dev.portcullis.auth.oauth.client.CachingClientStore}): the longest a change made by another
 *     instance (disable, secret rotation) takes to be seen here; zero reads it on every request
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
    DeviceSettings device,
    Duration clientCacheTtl) {

  /** The default of {@code auth.oauth.client-cache-ttl}. */
  public static final Duration DEFAULT_CLIENT_CACHE_TTL = Duration.ofSeconds(2);

  /** The longest {@code auth.oauth.client-cache-ttl} accepted. */
  public static final Duration MAX_CLIENT_CACHE_TTL = Duration.ofMinutes(1);

  /** Settings built in code without a client cache: every lookup reads the client store. */
  public OAuthSettings(
      boolean enabled,
      List<DeclaredClient> clients,
      Map<String, String> scopes,
      String defaultAudience,
      Duration assertionMaxLifetime,
      boolean acceptTokenEndpointAudience,
      Duration refreshRetryGrace,
      Duration publicClientAbsoluteLifetime,
      DeviceSettings device) {
    this(
        enabled,
        clients,
        scopes,
        defaultAudience,
        assertionMaxLifetime,
        acceptTokenEndpointAudience,
        refreshRetryGrace,
        publicClientAbsoluteLifetime,
        device,
        Duration.ZERO);
  }

  public OAuthSettings {
    clients = List.copyOf(clients);
    scopes = Map.copyOf(scopes);
    Objects.requireNonNull(assertionMaxLifetime, "assertionMaxLifetime");
    Objects.requireNonNull(refreshRetryGrace, "refreshRetryGrace");
    Objects.requireNonNull(publicClientAbsoluteLifetime, "publicClientAbsoluteLifetime");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(clientCacheTtl, "clientCacheTtl");
    if (clientCacheTtl.isNegative() || clientCacheTtl.compareTo(MAX_CLIENT_CACHE_TTL) > 0) {
      throw new IllegalArgumentException("clientCacheTtl must be 0 to 1 minute");
    }
  }

  /** The default audience, when one is set. */
  public Optional<String> defaultAudienceIfSet() {
    return Optional.ofNullable(defaultAudience);
  }
}
