package dev.portcullis.auth.client;

import dev.portcullis.auth.client.internal.ClientAuthentication;
import dev.portcullis.auth.client.internal.Discovery;
import dev.portcullis.auth.client.internal.Form;
import dev.portcullis.auth.client.internal.Json;
import dev.portcullis.auth.client.internal.LoopbackReceiver;
import dev.portcullis.auth.client.internal.Randoms;
import dev.portcullis.auth.client.internal.TokenResponses;
import dev.portcullis.auth.client.internal.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  /** The polling interval when the device authorization response has none (RFC 8628 §3.2). */
  public static final Duration DEFAULT_DEVICE_INTERVAL = Duration.ofSeconds(5);

  /** The increase of the polling interval on {@code slow_down} (RFC 8628 §3.5). */
  public static final Duration SLOW_DOWN_INCREMENT = Duration.ofSeconds(5);

  /** The device code lifetime assumed when the server sends no {@code expires_in}. */
  static final Duration ASSUMED_DEVICE_LIFETIME = Duration.ofMinutes(5);

  private final URI issuer;
  private final String clientId;
  private final ClientAuthentication authentication;
  private final Transport transport;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ServerMetadata metadata;

  /** Starts a client of {@code issuer} as {@code clientId}; public until a credential is set. */
  public static Builder builder(URI issuer, String clientId) {
    return new Builder(issuer, clientId);
  }

  private OAuthClient(
      Builder builder,
      ClientAuthentication authentication,
      Transport transport,
      ServerMetadata metadata) {
    this.issuer = builder.issuer;
    this.clientId = builder.clientId;
    this.authentication = authentication;
    this.transport = transport;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.metadata = metadata;
  }

  /** The configured issuer. */
  public URI issuer() {
    return issuer;
  }

  /** The client id. */
  public String clientId() {
    return clientId;
  }

  /** The key under which a {@link CredentialStore} keeps this client's credentials. */
  public CredentialKey credentialKey() {
    return new CredentialKey(issuer, clientId);
  }

  /** The clock this client reads expiries and deadlines from. */
  public Clock clock() {
    return clock;
  }

  /** The server's metadata, as discovered by {@link Builder#build()}. */
  public ServerMetadata metadata() {
    return metadata;
  }

  /** Whether this client holds a secret or a key (the client credentials grant needs one). */
  public boolean confidential() {
    return authentication.confidential();
  }

  /**
   * The client credentials grant (RFC 6749 §4.4).
   *
   * @throws IllegalStateException when the client has neither a secret nor a key
   */
  public ClientResult<Tokens> clientCredentials(Set<String> scopes) {
    if (!authentication.confidential()) {
      throw new IllegalStateException(
          "client credentials need a client secret or key: configure OAuthClient.builder(...)"
              + ".clientSecret(...) or .privateKeyJwt(...) for client "
              + clientId);
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("scope", scope(scopes));
    return tokenRequest(form, scopes);
  }

  /**
   * The refresh grant (RFC 6749 §6). {@code invalid_grant} is answered as {@link
   * ClientError.AccessTokenNotFound}; a network failure, a 5xx or a 429 as {@link
   * ClientError.Retriable}.
   *
   * @param scopes the scopes to ask for, or empty for the originally granted ones
   */
  public ClientResult<Tokens> refresh(String refreshToken, Set<String> scopes) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("scope", scope(scopes));
    ClientResult<Tokens> result = tokenRequest(form, scopes);
    if (!result.isSuccess()
        && result.error() instanceof ClientError.ServerRejected rejected
        && rejected.error().equals("invalid_grant")) {
      return ClientResult.failure(
          new ClientError.AccessTokenNotFound(
              "the server refused the refresh token (invalid_grant: expired, revoked or already"
                  + " used)"));
    }
    return result;
  }

  /**
   * A whole device login (RFC 8628): starts it, hands {@code prompt} what to show the user, then
   * polls by the clock until the user approves, denies, or the code expires. Waits {@code interval}
   * between polls (5 s when the server sent none), 5 s more after each {@code slow_down} (kept for
   * later polls), longer when a 503 or 429 carries {@code Retry-After}; network failures and 5xx
   * answers are retried until the code expires. Blocks the calling thread; interruption ends it
   * with {@link ClientError.Retriable}.
   */
  public ClientResult<Tokens> deviceLogin(Set<String> scopes, Consumer<DevicePrompt> prompt) {
    Objects.requireNonNull(prompt, "prompt");
    ClientResult<DeviceAuthorization> started = startDeviceAuthorization(scopes);
    if (!started.isSuccess()) {
      return ClientResult.failure(started.error());
    }
    DeviceAuthorization authorization = started.value();
    prompt.accept(authorization.prompt());
    Duration wait = authorization.interval();
    ClientError last = null;
    while (true) {
      Instant now = clock.instant();
      if (!now.isBefore(authorization.expiresAt())) {
        return ClientResult.failure(
            last instanceof ClientError.Retriable ? last : new ClientError.ExpiredToken());
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ClientResult.failure(
            new ClientError.Retriable("the device login was interrupted", Optional.empty()));
      }
      ClientResult<Tokens> polled = pollOnce(authorization);
      if (polled.isSuccess()) {
        return polled;
      }
      last = polled.error();
      if (last instanceof ClientError.AuthenticationPending pending) {
        authorization = authorization.withInterval(pending.interval());
        wait = pending.interval();
      } else if (last instanceof ClientError.Retriable retriable) {
        Duration asked = retriable.retryAfter().orElse(Duration.ZERO);
        wait = asked.compareTo(authorization.interval()) > 0 ? asked : authorization.interval();
      } else {
        return polled;
      }
    }
  }

  /** Step API: starts a device authorization (RFC 8628 §3.1). */
  public ClientResult<DeviceAuthorization> startDeviceAuthorization(Set<String> scopes) {
    URI endpoint = metadata.deviceAuthorizationEndpoint();
    if (endpoint == null) {
      return ClientResult.failure(
          new ClientError.MetadataRejected(
              "the metadata names no device_authorization_endpoint, so this server does not offer"
                  + " the device flow; log in with browserLogin or ask the server's administrator"));
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("scope", scope(scopes));
    Instant now = clock.instant();
    return transport
        .postForm(endpoint, form, authentication)
        .flatMap(body -> deviceAuthorization(body, scopes, now));
  }

  private ClientResult<DeviceAuthorization> deviceAuthorization(
      Map<String, Object> body, Set<String> scopes, Instant now) {
    Optional<String> deviceCode = Json.string(body, "device_code").filter(s -> !s.isEmpty());
    Optional<String> userCode = Json.string(body, "user_code").filter(s -> !s.isEmpty());
    // "verification_url": the name some servers used before RFC 8628 was final.
    Optional<URI> verification =
        uri(body, "verification_uri").or(() -> uri(body, "verification_url"));
    if (deviceCode.isEmpty() || userCode.isEmpty() || verification.isEmpty()) {
      return ClientResult.failure(
          new ClientError.InvalidResponse(
              "the device authorization response lacks device_code, user_code or"
                  + " verification_uri"));
    }
    Duration lifetime =
        Json.integer(body, "expires_in")
            .filter(s -> s > 0)
            .map(Duration::ofSeconds)
            .orElse(ASSUMED_DEVICE_LIFETIME);
    Duration interval =
        Json.integer(body, "interval")
            .filter(s -> s > 0)
            .map(Duration::ofSeconds)
            .orElse(DEFAULT_DEVICE_INTERVAL);
    Instant expiresAt = now.plus(lifetime);
    DevicePrompt prompt =
        new DevicePrompt(
            userCode.get(),
            verification.get(),
            uri(body, "verification_uri_complete").orElse(null),
            expiresAt);
    return ClientResult.success(
        new DeviceAuthorization(deviceCode.get(), prompt, interval, expiresAt, scopes));
  }

  /**
   * Step API: polls the token endpoint once. Fails with {@link ClientError.AuthenticationPending}
   * carrying the interval to wait (increased by 5 s on {@code slow_down}: keep it with {@link
   * DeviceAuthorization#withInterval(Duration)}), {@link ClientError.AccessDenied} or {@link
   * ClientError.ExpiredToken} (also without asking the server once the clock has passed the code's
   * expiry).
   */
  public ClientResult<Tokens> pollOnce(DeviceAuthorization authorization) {
    if (!clock.instant().isBefore(authorization.expiresAt())) {
      return ClientResult.failure(new ClientError.ExpiredToken());
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", DEVICE_GRANT);
    form.put("device_code", authorization.deviceCode());
    ClientResult<Tokens> result = tokenRequest(form, authorization.scopes());
    if (result.isSuccess() || !(result.error() instanceof ClientError.ServerRejected rejected)) {
      return result;
    }
    return ClientResult.failure(
        switch (rejected.error()) {
          case "authorization_pending" ->
              new ClientError.AuthenticationPending(authorization.interval());
          case "slow_down" ->
              new ClientError.AuthenticationPending(
                  authorization.interval().plus(SLOW_DOWN_INCREMENT));
          case "access_denied" -> new ClientError.AccessDenied();
          case "expired_token" -> new ClientError.ExpiredToken();
          default -> rejected;
        });
  }

  /**
   * Authorization code + PKCE (S256) through a loopback listener on {@code 127.0.0.1} (RFC 8252):
   * opens the authorization URL with {@code opener}, waits at most {@code timeout} for the
   * redirect, checks {@code state}, {@code iss} (RFC 9207: required when the metadata announces it,
   * compared whenever present) and, for {@code openid}, the ID token's {@code nonce}, then redeems
   * the code. Blocks the calling thread. The ID token's signature is not verified: it came straight
   * from the token endpoint over the connection the client opened (OpenID Connect Core §3.1.3.7).
   */
  public ClientResult<Tokens> browserLogin(
      Set<String> scopes, BrowserOpener opener, Duration timeout) {
    Objects.requireNonNull(opener, "opener");
    Objects.requireNonNull(timeout, "timeout");
    URI endpoint = metadata.authorizationEndpoint();
    if (endpoint == null) {
      return ClientResult.failure(
          new ClientError.MetadataRejected(
              "the metadata names no authorization_endpoint, so this server does not offer the"
                  + " browser login; use deviceLogin"));
    }
    String state = Randoms.value256();
    String verifier = Randoms.codeVerifier();
    String nonce = scopes.contains("openid") ? Randoms.value256() : null;
    try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
      String redirectUri = receiver.redirectUri().toString();
      Map<String, String> query = new LinkedHashMap<>();
      query.put("response_type", "code");
      query.put("client_id", clientId);
      query.put("redirect_uri", redirectUri);
      query.put("scope", scope(scopes));
      query.put("state", state);
      query.put("code_challenge", Randoms.s256(verifier));
      query.put("code_challenge_method", "S256");
      query.put("nonce", nonce);
      String separator = endpoint.getRawQuery() == null ? "?" : "&";
      URI authorizationUri = URI.create(endpoint + separator + Form.encode(query));
      try {
        opener.open(authorizationUri);
      } catch (IOException e) {
        return ClientResult.failure(
            new ClientError.Retriable(
                "the browser could not be opened (" + e.getClass().getSimpleName() + ")",
                Optional.empty()));
      }
      Optional<LoopbackReceiver.Callback> received;
      try {
        received = receiver.await(timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ClientResult.failure(
            new ClientError.Retriable("the browser login was interrupted", Optional.empty()));
      }
      if (received.isEmpty()) {
        return ClientResult.failure(new ClientError.LoginTimedOut());
      }
      ClientResult<String> code = checkCallback(received.get(), state);
      if (!code.isSuccess()) {
        return ClientResult.failure(code.error());
      }
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "authorization_code");
      form.put("code", code.value());
      form.put("redirect_uri", redirectUri);
      form.put("code_verifier", verifier);
      return tokenRequest(form, scopes).flatMap(tokens -> checkNonce(tokens, nonce));
    }
  }

  private ClientResult<String> checkCallback(LoopbackReceiver.Callback callback, String state) {
    Map<String, String> parameters = callback.parameters();
    if (callback.repeated()) {
      return invalid("the authorization response repeats a parameter");
    }
    if (!Randoms.constantTimeEquals(state, parameters.get("state"))) {
      return invalid(
          "the authorization response's state does not match the request's (a forged or stale"
              + " redirect)");
    }
    String iss = parameters.get("iss");
    if (iss == null && metadata.authorizationResponseIssParameterSupported()) {
      return invalid(
          "the authorization response has no iss although the server announces"
              + " authorization_response_iss_parameter_supported (RFC 9207)");
    }
    if (iss != null && !iss.equals(issuer.toString())) {
      return invalid(
          "the authorization response's iss is not the configured issuer (RFC 9207: a mix-up)");
    }
    String error = parameters.get("error");
    if (error != null) {
      if (error.equals("access_denied")) {
        return ClientResult.failure(new ClientError.AccessDenied());
      }
      return ClientResult.failure(
          new ClientError.ServerRejected(
              Transport.safe(error),
              Transport.safe(parameters.getOrDefault("error_description", "")),
              400));
    }
    String code = parameters.get("code");
    if (code == null || code.isEmpty()) {
      return invalid("the authorization response has neither code nor error");
    }
    return ClientResult.success(code);
  }

  private static ClientResult<Tokens> checkNonce(Tokens tokens, String nonce) {
    if (nonce == null) {
      return ClientResult.success(tokens);
    }
    if (tokens.idToken() == null) {
      return invalid("the token response to an openid request has no id_token");
    }
    String[] parts = tokens.idToken().split("\\.");
    try {
      Map<String, Object> claims =
          Json.parseObject(
              new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      if (!Randoms.constantTimeEquals(nonce, Json.string(claims, "nonce").orElse(null))) {
        return invalid("the ID token's nonce does not match the request's");
      }
      return ClientResult.success(tokens);
    } catch (Json.NotJson | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return invalid("the id_token is not a JWT");
    }
  }

  private ClientResult<Tokens> tokenRequest(Map<String, String> form, Set<String> requested) {
    return transport
        .postForm(metadata.tokenEndpoint(), form, authentication)
        .flatMap(body -> TokenResponses.read(body, requested, clock));
  }

  private static <T> ClientResult<T> invalid(String reason) {
    return ClientResult.failure(new ClientError.InvalidResponse(reason));
  }

  private static String scope(Set<String> scopes) {
    Objects.requireNonNull(scopes, "scopes");
    return scopes.isEmpty() ? null : String.join(" ", new java.util.TreeSet<>(scopes));
  }

  private static Optional<URI> uri(Map<String, Object> body, String name) {
    return Json.string(body, name)
        .flatMap(
            value -> {
              try {
                URI uri = new URI(value);
                return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
              } catch (java.net.URISyntaxException e) {
                return Optional.empty();
              }
            });
  }

  @Override
  public String toString() {
    return "OAuthClient[issuer=" + issuer + ", clientId=" + clientId + ", " + authentication + "]";
  }

  /**
   * Configures and builds an {@link OAuthClient}. Misconfiguration (an unsupported algorithm, both
   * a secret and a key, an issuer that is not HTTPS and not loopback) throws {@link
   * IllegalArgumentException} naming the setting and the fix.
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
     * @param keyId the {@code kid} of the key as registered, or {@code null}
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
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Discovers the server's metadata ({@code /.well-known/oauth-authorization-server}, then {@code
     * /.well-known/openid-configuration}) and builds the client. Fails with {@link
     * ClientError.MetadataRejected} when the document's issuer differs from the configured one,
     * with {@link ClientError.Retriable} when the server cannot be reached.
     *
     * @throws IllegalArgumentException on misconfiguration
     */
    public ClientResult<OAuthClient> build() {
      checkIssuer();
      if (clientId.isBlank()) {
        throw new IllegalArgumentException("clientId is blank: pass the client id registered");
      }
      if (clientSecret != null && privateKey != null) {
        throw new IllegalArgumentException(
            "both clientSecret and privateKeyJwt are set for client "
                + clientId
                + ": configure the one the client is registered with");
      }
      ClientAuthentication authentication =
          clientSecret != null
              ? new ClientAuthentication.SecretBasic(clientId, clientSecret)
              : privateKey != null
                  ? new ClientAuthentication.PrivateKeyJwt(
                      clientId, privateKey, keyId, algorithm, issuer.toString(), clock)
                  : new ClientAuthentication.PublicClient(clientId);
      HttpClient http =
          httpClient != null
              ? httpClient
              : HttpClient.newBuilder()
                  .connectTimeout(timeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
      Transport transport = new Transport(http, timeout, clock);
      return Discovery.discover(transport, issuer)
          .map(metadata -> new OAuthClient(this, authentication, transport, metadata));
    }

    /** RFC 8414 §2: an https URL without query or fragment; http only for loopback (tests, dev). */
    private void checkIssuer() {
      if (!issuer.isAbsolute()
          || issuer.getHost() == null
          || issuer.getRawQuery() != null
          || issuer.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "issuer "
                + issuer
                + " is not an issuer identifier: use the server's https URL without query or"
                + " fragment, e.g. https://auth.example.com");
      }
      if (issuer.getScheme().equals("https")) {
        return;
      }
      if (issuer.getScheme().equals("http") && isLoopback(issuer.getHost())) {
        return;
      }
      throw new IllegalArgumentException(
          "issuer "
              + issuer
              + " is not https: tokens and secrets would cross the network in clear; use the"
              + " server's https URL (http is accepted for loopback addresses only)");
    }

    private static boolean isLoopback(String host) {
      if (host.equals("localhost")) {
        return true;
      }
      if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")) {
        return false; // never resolve a name here: building must not depend on DNS
      }
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }
}
