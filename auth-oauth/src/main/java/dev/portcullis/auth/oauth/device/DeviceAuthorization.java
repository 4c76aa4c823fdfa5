package dev.portcullis.auth.oauth.device;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.oauth.client.ClientAuthenticator;
import dev.portcullis.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.oauth.token.Scopes;
import dev.portcullis.auth.oauth.token.ServerMetadata;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The device authorization endpoint (RFC 8628 section 3.1, 3.2) as a use case: authenticates the
 * client as the token endpoint does (a public client with {@code none}), checks that it is
 * registered for the device grant and for the scope it asks (omitted: its registered scopes), and
 * stores a pending grant under the hashes of a new device code and user code.
 *
 * <p>Errors, in order: the client authenticator's ({@code invalid_client}, {@code invalid_request},
 * {@code service_unavailable}); {@code unauthorized_client} when the client is not registered for
 * {@value OAuthClient#DEVICE_CODE}; {@code invalid_scope}. Thread-safe.
 */
public final class DeviceAuthorization {

  /** The verification page's path under the issuer. */
  public static final String VERIFICATION_PATH = "/device";

  /** The device authorization endpoint's path under the issuer. */
  public static final String PATH = ServerMetadata.DEVICE_AUTHORIZATION_PATH;

  private static final int ATTEMPTS = 5;

  private final ClientAuthenticator clients;
  private final DeviceGrantStore grants;
  private final DeviceSettings settings;
  private final String verificationUri;
  private final Clock clock;
  private final SecureRandom random;

  @Inject
  DeviceAuthorization(
      ClientAuthenticator clients,
      DeviceGrantStore grants,
      DeviceSettings settings,
      ServerMetadata metadata,
      Clock clock) {
    this(clients, grants, settings, metadata.url(VERIFICATION_PATH), clock, new SecureRandom());
  }

  /**
   * @param verificationUri the absolute URL of the verification page
   */
  public DeviceAuthorization(
      ClientAuthenticator clients,
      DeviceGrantStore grants,
      DeviceSettings settings,
      String verificationUri,
      Clock clock,
      SecureRandom random) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.verificationUri = Objects.requireNonNull(verificationUri, "verificationUri");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * A new device grant for the client {@code credentials} prove.
   *
   * @param parameters the form parameters (each at most once; {@code scope} is read)
   */
  public Result<DeviceAuthorizationResponse> authorize(
      ClientCredentials credentials, Map<String, String> parameters) {
    Objects.requireNonNull(credentials, "credentials");
    Map<String, String> params = Map.copyOf(parameters);
    // A store that throws (fails closed) is an error value here, never a 500.
    return Result.catching(
        () -> clients.authenticate(credentials).flatMap(c -> authorize(c, params.get("scope"))));
  }

  private Result<DeviceAuthorizationResponse> authorize(AuthenticatedClient client, String scope) {
    if (!client.client().grantTypes().contains(OAuthClient.DEVICE_CODE)) {
      return Result.err(
          new AuthError.Plain(
              ErrorKind.UNAUTHORIZED_CLIENT,
              "The device authorization grant is not registered for this client; it may use "
                  + client.client().grantTypes()
                  + "."));
    }
    return scope(client.client(), scope).map(granted -> issue(client.clientId(), granted));
  }

  private static Result<Set<String>> scope(OAuthClient client, String scope) {
    if (scope == null || scope.isEmpty()) {
      // RFC 6749 section 3.3: an omitted scope means the client's registered scopes.
      return Result.ok(client.scopes());
    }
    return Scopes.parse(scope)
        .flatMap(
            requested -> {
              Set<String> refused = new TreeSet<>(requested);
              refused.removeAll(client.scopes());
              if (!refused.isEmpty()) {
                return Result.err(
                    new AuthError.Plain(
                        ErrorKind.INVALID_SCOPE,
                        "This client is not registered for the scope "
                            + Scopes.format(refused)
                            + "."));
              }
              return Result.ok(requested);
            });
  }

  private DeviceAuthorizationResponse issue(String clientId, Set<String> scope) {
    Instant now = clock.instant();
    for (int attempt = 1; ; attempt++) {
      String deviceCode = DeviceCodes.generate(random);
      String userCode = UserCodes.generate(random);
      DeviceGrant grant =
          DeviceGrant.pending(
              DeviceCodes.hash(deviceCode, clientId),
              UserCodes.hash(userCode),
              clientId,
              scope,
              now,
              now.plus(settings.lifetime()),
              settings.interval());
      try {
        grants.save(grant);
      } catch (IllegalArgumentException taken) {
        // A user code already in use (20^8 codes: rare, but a guess must never reach two grants).
        if (attempt < ATTEMPTS) {
          continue;
        }
        throw new IllegalStateException("no free user code after " + ATTEMPTS + " attempts");
      }
      String shown = UserCodes.display(userCode);
      return new DeviceAuthorizationResponse(
          deviceCode,
          shown,
          verificationUri,
          verificationUri + "?user_code=" + URLEncoder.encode(shown, StandardCharsets.UTF_8),
          settings.lifetime().toSeconds(),
          settings.interval().toSeconds());
    }
  }
}
