package dev.portcullis.auth.server.http;

import com.google.inject.AbstractModule;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.client.ClientAuthenticator;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.oauth.client.ClientSecrets;
import dev.portcullis.auth.store.memory.MemoryStores;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the two ports the OAuth routes reach through auth-oauth, so that the HTTP layer's
 * tests can make each answer (and fail) at will: {@link #module()} overrides the real {@code
 * OAuthTokens} (JwtModule) and {@code ClientAuthenticator} (OAuthModule). The real ones are
 * exercised end to end by the interop tests.
 */
final class OAuthFakes {
  static final String SECRET = "s3cret:with/odd+chars";

  final Authenticator clients = new Authenticator();
  final Tokens tokens;

  OAuthFakes(Clock clock) {
    this.tokens = new Tokens(clock);
  }

  /** The overrides; the fake clients added so far are also the registered ones (introspection). */
  AbstractModule module() {
    ClientStore registered = MemoryStores.clientStore();
    clients.clients.values().forEach(c -> registered.create(c).unwrap());
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ClientAuthenticator.class).toInstance(clients);
        bind(OAuthTokens.class).toInstance(tokens);
        bind(ClientStore.class).toInstance(registered);
      }
    };
  }

  static OAuthClient confidential(String id, Set<String> scopes) {
    return new OAuthClient(
        id,
        "Client " + id,
        OAuthClient.Type.CONFIDENTIAL,
        EnumSet.of(
            OAuthClient.AuthMethod.CLIENT_SECRET_BASIC, OAuthClient.AuthMethod.CLIENT_SECRET_POST),
        ClientSecrets.hash(SECRET),
        null,
        null,
        List.of(),
        Set.of(OAuthClient.CLIENT_CREDENTIALS, OAuthClient.REFRESH_TOKEN),
        scopes,
        false,
        null,
        true,
        Instant.EPOCH);
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
        Instant.EPOCH);
  }

  /** client_secret_basic (RFC 6749 2.3.1 decoding), client_secret_post and none. */
  static final class Authenticator implements ClientAuthenticator {
    final Map<String, OAuthClient> clients = new ConcurrentHashMap<>();

    @Override
    public Result<AuthenticatedClient> authenticate(ClientCredentials c) {
      String id = c.clientId();
      String secret = c.clientSecret();
      OAuthClient.AuthMethod method = OAuthClient.AuthMethod.CLIENT_SECRET_POST;
      if (c.authorizationHeader() != null && c.authorizationHeader().startsWith("Basic ")) {
        String decoded =
            new String(
                Base64.getDecoder().decode(c.authorizationHeader().substring(6)),
                StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        method = OAuthClient.AuthMethod.CLIENT_SECRET_BASIC;
      }
      OAuthClient client = id == null ? null : clients.get(id);
      if (client == null) {
        return Result.err(AuthError.of(ErrorKind.INVALID_CLIENT));
      }
      if (client.type() == OAuthClient.Type.PUBLIC) {
        return secret == null
            ? Result.ok(new AuthenticatedClient(client, OAuthClient.AuthMethod.NONE))
            : Result.err(AuthError.of(ErrorKind.INVALID_CLIENT));
      }
      return SECRET.equals(secret)
          ? Result.ok(new AuthenticatedClient(client, method))
          : Result.err(AuthError.of(ErrorKind.INVALID_CLIENT));
    }
  }

  /** Access tokens "at-<n>", refresh tokens owned by a client; "buggy" and "down" clients fail. */
  static final class Tokens implements OAuthTokens {
    private final Clock clock;
    final Map<String, String> refreshOwners = new ConcurrentHashMap<>();
    final Map<String, ActiveToken> active = new ConcurrentHashMap<>();
    final List<String> revoked = new CopyOnWriteArrayList<>();

    Tokens(Clock clock) {
      this.clock = clock;
    }

    @Override
    public Result<GrantedTokens> forClient(Grant grant) {
      if (grant.clientId().equals("buggy")) {
        throw new IllegalStateException("a bug that mentions " + SECRET);
      }
      if (grant.clientId().equals("down")) {
        return Result.err(
            new AuthError.ServiceUnavailable("jdbc session store", "pool exhausted (pool-size)"));
      }
      return Result.ok(
          new GrantedTokens(
              "at-" + grant.clientId(),
              clock.instant().plusSeconds(900),
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
      if (!grant.clientId().equals(refreshOwners.remove(refreshToken))) {
        return Result.err(AuthError.of(ErrorKind.INVALID_GRANT));
      }
      refreshOwners.put("rt-next", grant.clientId());
      return Result.ok(
          new GrantedTokens(
              "at-refreshed",
              clock.instant().plusSeconds(900),
              "rt-next",
              clock.instant().plusSeconds(86400),
              grant.scope().isEmpty() ? Set.of("read") : grant.scope(),
              "sid-1"));
    }

    @Override
    public Result<Optional<ActiveToken>> introspect(String token) {
      return Result.ok(Optional.ofNullable(active.get(token)));
    }

    @Override
    public Result<Void> revoke(String token, String clientId) {
      String owner = refreshOwners.get(token);
      if (owner != null && !owner.equals(clientId)) {
        return Result.err(AuthError.of(ErrorKind.UNAUTHORIZED_CLIENT));
      }
      if (owner != null) {
        refreshOwners.remove(token);
        revoked.add(token);
      }
      return Result.ok();
    }
  }
}
