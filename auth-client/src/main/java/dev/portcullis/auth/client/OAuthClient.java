package dev.portcullis.auth.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An OAuth 2.1 / OpenID Connect client of one authorization server: discovery with the RFC 8414
 * issuer check, then client credentials, refresh, device code (RFC 8628) and authorization code +
 * PKCE on a loopback listener (RFC 8252). Expected failures are {@link ClientResult} values.
 *
 * <p>Thread-safe: one instance serves any number of threads. Built by {@link #builder(URI,
 * String)}.
 */
public final class OAuthClient {

  /**
   * Starts a client of {@code issuer} as {@code clientId} (a public client until a credential is
   * set).
   */
  public static Builder builder(URI issuer, String clientId) {
    return new Builder(issuer, clientId);
  }

  private OAuthClient(Builder builder, ServerMetadata metadata) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The configured issuer. */
  public URI issuer() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The client id. */
  public String clientId() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The key under which a {@link CredentialStore} keeps this client's credentials. */
  public CredentialKey credentialKey() {
    return new CredentialKey(issuer(), clientId());
  }

  /** The clock this client reads expiries and deadlines from. */
  public Clock clock() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The server's metadata, as discovered by {@link Builder#build()}. */
  public ServerMetadata metadata() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The client credentials grant (RFC 6749 §4.4); needs a client secret or key. */
  public ClientResult<Tokens> clientCredentials(Set<String> scopes) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * The refresh grant (RFC 6749 §6). {@code invalid_grant} is answered as {@link
   * ClientError.AccessTokenNotFound}; a network failure, a 5xx or a 429 as {@link
   * ClientError.Retriable}.
   *
   * @param scopes the scopes to ask for, or empty for the originally granted ones
   */
  public ClientResult<Tokens> refresh(String refreshToken, Set<String> scopes) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * A whole device login (RFC 8628): starts it, hands {@code prompt} what to show the user, then
   * polls by the clock until the user approves, denies, or the code expires. Blocks the calling
   * thread; interruption ends it with {@link ClientError.Retriable}.
   */
  public ClientResult<Tokens> deviceLogin(Set<String> scopes, Consumer<DevicePrompt> prompt) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Step API: starts a device authorization (RFC 8628 §3.1). */
  public ClientResult<DeviceAuthorization> startDeviceAuthorization(Set<String> scopes) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Step API: polls the token endpoint once. Fails with {@link ClientError.AuthenticationPending}
   * carrying the interval to wait (increased by 5 s on {@code slow_down}: keep it with {@link
   * DeviceAuthorization#withInterval(Duration)}), {@link ClientError.AccessDenied} or {@link
   * ClientError.ExpiredToken}.
   */
  public ClientResult<Tokens> pollOnce(DeviceAuthorization authorization) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Authorization code + PKCE (S256) through a loopback listener on {@code 127.0.0.1}: opens the
   * authorization URL with {@code opener}, waits at most {@code timeout} for the redirect, checks
   * {@code state} and (RFC 9207) {@code iss}, then redeems the code. Blocks the calling thread.
   */
  public ClientResult<Tokens> browserLogin(
      Set<String> scopes, BrowserOpener opener, Duration timeout) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Configures and builds an {@link OAuthClient}. Misconfiguration (a null, an unsupported
   * algorithm, a non-HTTPS issuer other than loopback) throws {@link IllegalArgumentException}.
   */
  public static final class Builder {
    private final URI issuer;
    private final String clientId;
    private String clientSecret;
    private PrivateKey privateKey;
    private String keyId;
    private String algorithm;
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(URI issuer, String clientId) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      this.clientId = Objects.requireNonNull(clientId, "clientId");
    }

    /** Authenticates with {@code client_secret_basic}. */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /**
     * Authenticates with {@code private_key_jwt} (RFC 7523): a client assertion signed with {@code
     * key}.
     *
     * @param alg {@code RS256}, {@code ES256} or {@code EdDSA}
     */
    public Builder privateKeyJwt(PrivateKey key, String keyId, String alg) {
      this.privateKey = Objects.requireNonNull(key, "key");
      this.keyId = keyId;
      this.algorithm = Objects.requireNonNull(alg, "alg");
      return this;
    }

    /** The HTTP client to use; by default a new one that follows no redirects. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** The clock for expiries and deadlines; {@link Clock#systemUTC()} by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait between device polls; {@link Sleeper#system()} by default. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The timeout of each HTTP request; 10 s by default. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Discovers the server's metadata ({@code /.well-known/oauth-authorization-server}, then {@code
     * /.well-known/openid-configuration}) and builds the client. Fails with {@link
     * ClientError.MetadataRejected} when the document's issuer differs from the configured one,
     * with {@link ClientError.Retriable} when the server cannot be reached.
     */
    public ClientResult<OAuthClient> build() {
      throw new UnsupportedOperationException("skeleton");
    }
  }
}
