package dev.portcullis.auth.oauth.client;

import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.oauth.OAuthSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Clients and settings for the tests of this package. */
final class Clients {
  private Clients() {}

  static final String SECRET = "Xq3v9Lr2Tz8Kp1Wm7Nc4Bf6Hd0Gj5Sy2Ue8Ra3Vt";

  static OAuthClient confidential(String id, String displayName) {
    return new OAuthClient(
        id,
        displayName,
        OAuthClient.Type.CONFIDENTIAL,
        Set.of(OAuthClient.AuthMethod.CLIENT_SECRET_BASIC),
        ClientSecrets.hash(SECRET),
        null,
        null,
        List.of(),
        Set.of(OAuthClient.CLIENT_CREDENTIALS),
        Set.of("orders:read"),
        true,
        null,
        true,
        Instant.EPOCH);
  }

  static DeclaredClient declared(OAuthClient client, int index) {
    return new DeclaredClient(client, "auth.oauth.clients[" + index + "]");
  }

  static OAuthSettings settings(
      boolean enabled, List<DeclaredClient> clients, Map<String, String> scopes) {
    return new OAuthSettings(
        enabled,
        clients,
        scopes,
        null,
        Duration.ofMinutes(5),
        false,
        Duration.ZERO,
        Duration.ofDays(30),
        dev.portcullis.auth.oauth.device.DeviceSettings.defaults());
  }

  static ClientRegistration registration(String id, OAuthClient.AuthMethod... methods) {
    boolean none = Set.of(methods).contains(OAuthClient.AuthMethod.NONE);
    return new ClientRegistration(
        id,
        "Client " + id,
        none ? OAuthClient.Type.PUBLIC : OAuthClient.Type.CONFIDENTIAL,
        Set.of(methods),
        Set.of(methods).contains(OAuthClient.AuthMethod.PRIVATE_KEY_JWT)
            ? "https://" + id + ".example.com/jwks.json"
            : null,
        null,
        none ? List.of("https://" + id + ".example.com/cb") : List.of(),
        none
            ? Set.of(OAuthClient.AUTHORIZATION_CODE, OAuthClient.REFRESH_TOKEN)
            : Set.of(OAuthClient.CLIENT_CREDENTIALS),
        Set.of("orders:read"),
        true,
        null);
  }
}
