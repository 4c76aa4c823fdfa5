package dev.portcullis.auth.oauth;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.IdTokens;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeySource;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.authorize.AuthorizationCodeGrant;
import dev.portcullis.auth.oauth.authorize.AuthorizationFlow;
import dev.portcullis.auth.oauth.authorize.Consents;
import dev.portcullis.auth.oauth.authorize.InteractiveAuthorizationFlow;
import dev.portcullis.auth.oauth.authorize.UserInfo;
import dev.portcullis.auth.oauth.client.CachingClientStore;
import dev.portcullis.auth.oauth.client.ClientAdmin;
import dev.portcullis.auth.oauth.client.ClientAuthenticator;
import dev.portcullis.auth.oauth.client.ClientBootstrap;
import dev.portcullis.auth.oauth.client.ClientSecrets;
import dev.portcullis.auth.oauth.client.TokenEndpointAuthenticator;
import dev.portcullis.auth.oauth.device.DeviceModule;
import dev.portcullis.auth.oauth.token.ServerMetadata;
import dev.portcullis.auth.oauth.token.TokenEndpoint;
import dev.portcullis.auth.oauth.token.TokenIntrospection;
import dev.portcullis.auth.oauth.token.TokenRevocation;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds the authorization server's use cases. Install it next to {@code AuthModule}, {@code
 * JwtModule} and a store module built from the same {@link PortcullisSettings}.
 *
 * <p>With {@code auth.oauth.enabled = true}, building the injector writes the clients declared in
 * {@code auth.oauth.clients} into the {@link ClientStore} ({@link ClientBootstrap}).
 */
public final class OAuthModule extends AbstractModule {

  private final OAuthSettings settings;

  /** The {@code auth.oauth} area of settings read once for every module. */
  public OAuthModule(PortcullisSettings settings) {
    this(settings.get(OAuthSettings.class));
  }

  /** Settings already read, or built in code. */
  public OAuthModule(OAuthSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings this module binds. */
  public OAuthSettings settings() {
    return settings;
  }

  @Override
  protected void configure() {
    bind(OAuthSettings.class).toInstance(settings);
    if (settings.enabled()) {
      install(new Endpoints(settings));
      Provider<ClientBootstrap> bootstrap = getProvider(ClientBootstrap.class);
      bind(ClientBootstrap.Outcome.class)
          .toProvider((Provider<ClientBootstrap.Outcome>) () -> bootstrap.get().run())
          .asEagerSingleton();
    }
  }

  /**
   * The client store of the endpoints, the admin and the bootstrap: one instance, so that their
   * writes drop what the endpoints remember ({@code auth.oauth.client-cache-ttl}).
   */
  @Provides
  @Singleton
  CachingClientStore cachingClientStore(ClientStore clients, Clock clock) {
    return new CachingClientStore(clients, settings.clientCacheTtl(), clock);
  }

  @Provides
  @Singleton
  ClientAdmin clientAdmin(CachingClientStore clients, Clock clock) {
    return new ClientAdmin(clients, settings, clock);
  }

  @Provides
  @Singleton
  ClientBootstrap clientBootstrap(CachingClientStore clients, Clock clock) {
    return new ClientBootstrap(clients, settings.clients(), clock);
  }

  /**
   * The endpoints' use cases, bound only when the server is an authorization server: they need the
   * issuer to be a URL and the token keys, which a deployment that only manages clients (or has
   * OAuth off) need not have.
   */
  private static final class Endpoints extends AbstractModule {
    private final OAuthSettings settings;

    Endpoints(OAuthSettings settings) {
      this.settings = settings;
    }

    @Override
    protected void configure() {
      bind(ServerMetadata.class).in(Singleton.class);
      bind(TokenEndpoint.class);
      bind(TokenRevocation.class);
      // The sign-in pages ask for a second factor when MfaModule is installed.
      OptionalBinder.newOptionalBinder(binder(), MfaService.class);
      install(new DeviceModule(settings.device()));
    }

    /** The browser part of the authorization code flow, for the pages. */
    @Provides
    @Singleton
    AuthorizationFlow authorizationFlow(
        ClientStore clients,
        InteractionStore interactions,
        Authenticator authenticator,
        ConsentStore consents,
        AuthorizationCodeStore codes,
        FactorStore factors,
        Optional<MfaService> mfa,
        ServerMetadata metadata,
        Clock clock) {
      return new InteractiveAuthorizationFlow(
          clients,
          interactions,
          authenticator,
          consents,
          codes,
          factors,
          mfa.orElse(null),
          settings.scopes(),
          metadata.issuer(),
          clock);
    }

    /** The authorization code grant of the token endpoint. */
    @Provides
    @Singleton
    AuthorizationCodeGrant authorizationCodeGrant(
        AuthorizationCodeStore codes,
        UserStore users,
        OAuthTokens tokens,
        TokenService sessions,
        IdTokens idTokens,
        Clock clock) {
      return new AuthorizationCodeGrant(codes, users, tokens, sessions, idTokens, settings, clock);
    }

    /** OpenID Connect ID tokens, signed with the active RS256 key. */
    @Provides
    @Singleton
    IdTokens idTokens(JwtSettings jwt, KeySource keys, Clock clock) {
      return new IdTokens(jwt.issuer(), keys, jwt.accessTokenTtl(), clock);
    }

    @Provides
    @Singleton
    Consents consents(
        TokenService tokens, ConsentStore consents, SessionStore sessions, Clock clock) {
      return new Consents(tokens, consents, sessions, clock);
    }

    @Provides
    @Singleton
    UserInfo userInfo(OAuthTokens tokens, UserStore users) {
      return new UserInfo(tokens, users);
    }

    /** Introspection, with the cached client registrations (a disabled client's tokens). */
    @Provides
    @Singleton
    TokenIntrospection tokenIntrospection(
        ClientAuthenticator clients, OAuthTokens tokens, CachingClientStore registered) {
      return new TokenIntrospection(clients, tokens, registered);
    }

    /** Client authentication at the token, revocation and introspection endpoints. */
    @Provides
    @Singleton
    ClientAuthenticator clientAuthenticator(
        CachingClientStore clients,
        SingleUseStore singleUse,
        PasswordHasher hasher,
        JwtSettings jwt,
        ServerMetadata metadata,
        Clock clock) {
      return new TokenEndpointAuthenticator(
          clients,
          singleUse,
          new ClientSecrets(hasher),
          TokenEndpointAuthenticator.Policy.of(
              metadata.issuer(), metadata.url(ServerMetadata.TOKEN_PATH), jwt.leeway(), settings),
          TokenEndpointAuthenticator.remoteJwks(clock),
          clock);
    }
  }
}
