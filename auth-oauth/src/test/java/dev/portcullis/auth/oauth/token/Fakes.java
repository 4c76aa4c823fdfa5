package dev.portcullis.auth.oauth.token;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.oauth.client.ClientAuthenticator;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Fakes of the ports the token use cases call, and clients to register in them. */
final class Fakes {
  static final String ISSUER = "https://auth.example.com";
  static final String SECRET = "right-secret";
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private Fakes() {}

  static OAuthSettings settings(String defaultAudience) {
    return new OAuthSettings(
        true,
        List.of(),
        Map.of("read", "Read things", "write", "Write things"),
        defaultAudience,
        Duration.ofMinutes(1),
        false,
        Duration.ofSeconds(7),
        Duration.ofDays(30),
        dev.portcullis.auth.oauth.device.DeviceSettings.defaults());
  }

  static OAuthClient confidential(String id, Set<String> grants, Set<String> scopes, String aud) {
    return new OAuthClient(
        id,
        "Client " + id,
        OAuthClient.Type.CONFIDENTIAL,
        EnumSet.of(OAuthClient.AuthMethod.CLIENT_SECRET_BASIC),
        "sha256:" + "0".repeat(64),
        null,
        null,
        List.of(),
        grants,
        scopes,
        false,
        aud,
        true,
        NOW);
  }

  static OAuthClient publicClient(String id) {
    return new OAuthClient(
        id,
        "Public " + id,
        OAuthClient.Type.PUBLIC,
        EnumSet.of(OAuthClient.AuthMethod.NONE),
        null,
        null,
        null,
        List.of("https://app.example.com/cb"),
        Set.of(OAuthClient.AUTHORIZATION_CODE, OAuthClient.REFRESH_TOKEN),
        Set.of("read"),
        true,
        null,
        true,
        NOW);
  }

  /** Secret {@link #SECRET} for confidential clients, nothing for public ones. */
  static final class Clients implements ClientAuthenticator {
    final Map<String, OAuthClient> clients = new HashMap<>();
    int calls;

    Clients with(OAuthClient client) {
      clients.put(client.clientId(), client);
      return this;
    }

    @Override
    public Result<AuthenticatedClient> authenticate(ClientCredentials credentials) {
      calls++;
      OAuthClient client = clients.get(credentials.clientId());
      if (client == null) {
        return Result.err(AuthError.of(ErrorKind.INVALID_CLIENT));
      }
      if (client.type() == OAuthClient.Type.PUBLIC) {
        return credentials.clientSecret() == null
            ? Result.ok(new AuthenticatedClient(client, OAuthClient.AuthMethod.NONE))
            : Result.err(AuthError.of(ErrorKind.INVALID_CLIENT));
      }
      return SECRET.equals(credentials.clientSecret())
          ? Result.ok(new AuthenticatedClient(client, OAuthClient.AuthMethod.CLIENT_SECRET_POST))
          : Result.err(AuthError.of(ErrorKind.INVALID_CLIENT));
    }
  }

  /** Records every call; tokens are plain strings. */
  static final class Tokens implements OAuthTokens {
    final Clock clock;
    final List<Grant> grants = new ArrayList<>();
    final List<Duration> graces = new ArrayList<>();

    final List<Set<String>> permitted = new ArrayList<>();
    final List<String> revoked = new ArrayList<>();
    final Map<String, ActiveToken> active = new HashMap<>();
    final Map<String, String> refreshTokens = new HashMap<>(); // token -> client id
    RuntimeException failure;

    Tokens(Clock clock) {
      this.clock = clock;
    }

    @Override
    public Result<GrantedTokens> forClient(Grant grant) {
      if (failure != null) {
        throw failure;
      }
      grants.add(grant);
      return Result.ok(
          new GrantedTokens(
              "access-" + grant.clientId(),
              clock.instant().plusSeconds(300),
              null,
              null,
              grant.scope(),
              null));
    }

    @Override
    public Result<GrantedTokens> forUser(
        Authentication authentication, Grant grant, List<String> amr, Duration absoluteLifetime) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result<GrantedTokens> refresh(
        String refreshToken, Grant grant, Set<String> clientScopes, Duration retryGrace) {
      grants.add(grant);
      graces.add(retryGrace);
      permitted.add(clientScopes);
      if (!grant.clientId().equals(refreshTokens.get(refreshToken))) {
        return Result.err(AuthError.of(ErrorKind.INVALID_GRANT));
      }
      Set<String> scope = grant.scope().isEmpty() ? Set.of("read", "write") : grant.scope();
      return Result.ok(
          new GrantedTokens(
              "access-refreshed",
              clock.instant().plusSeconds(600),
              "refresh-next",
              clock.instant().plusSeconds(3600),
              scope,
              "session-1"));
    }

    @Override
    public Result<Optional<ActiveToken>> introspect(String token) {
      return Result.ok(Optional.ofNullable(active.get(token)));
    }

    @Override
    public Result<Void> revoke(String token, String clientId) {
      String owner = refreshTokens.get(token);
      if (owner != null && !owner.equals(clientId)) {
        return Result.err(AuthError.of(ErrorKind.UNAUTHORIZED_CLIENT));
      }
      if (owner != null) {
        revoked.add(token);
      }
      return Result.ok();
    }
  }
}
