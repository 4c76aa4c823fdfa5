package dev.portcullis.auth.oauth.client;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.model.OAuthClient.AuthMethod;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.jwt.KeySource;
import dev.portcullis.auth.jwt.RemoteJwks;
import dev.portcullis.auth.oauth.OAuthSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClientAuthenticator} of the token, revocation and introspection endpoints (RFC 6749
 * section 2.3, RFC 7523): exactly one method per request, and only a method registered for the
 * client.
 *
 * <ul>
 *   <li>{@code client_secret_basic}: an {@code Authorization: Basic} header, whose two halves are
 *       form-urldecoded after Base64 (RFC 6749 section 2.3.1); a {@code client_id} form parameter
 *       beside it must be the same id.
 *   <li>{@code client_secret_post}: {@code client_id} and {@code client_secret} in the form.
 *   <li>{@code private_key_jwt}: {@code client_assertion_type} {@value
 *       ClientCredentials#JWT_BEARER_ASSERTION} and a {@code client_assertion} signed with one of
 *       the client's registered keys (inline {@code jwks}, or {@code jwks_uri}); see {@link Policy}
 *       for its claims. Its {@code jti} is used once, through the {@link SingleUseStore}, namespace
 *       {@code "client-assertion:" + clientId}, until {@code exp} plus the leeway.
 *   <li>{@code none}: only {@code client_id}, for a public client.
 * </ul>
 *
 * <p>Secrets are compared in constant time ({@link ClientSecrets#matches}); an unknown client id
 * costs the same SHA-256 comparison as a known one, and unknown client, disabled client, wrong
 * secret and unregistered method answer the same {@code invalid_client} message until the secret is
 * proved (only then does the answer say that the client is disabled, or which methods it
 * registered). A client whose secret is a slow hash ({@code $argon2id$...}) takes that hash's time.
 *
 * <p>A client whose keys cannot be fetched from its {@code jwks_uri} is refused with {@code
 * invalid_client} (its keys are the client's business, and RFC 6749 section 5.2 has no temporary
 * error at the token endpoint) and a warning is logged; a store that cannot answer gives {@code
 * service_unavailable}. Never logs a secret or an assertion. Thread-safe.
 */
public final class TokenEndpointAuthenticator implements ClientAuthenticator {
  private static final Logger log = LoggerFactory.getLogger(TokenEndpointAuthenticator.class);

  /** The token endpoint's path under the issuer. */
  public static final String TOKEN_ENDPOINT_PATH = "/oauth2/token";

  /** How long a client's fetched {@code jwks_uri} key set is used before it is fetched again. */
  public static final Duration REMOTE_KEYS_TTL = Duration.ofMinutes(5);

  /** The least time between two fetches of one {@code jwks_uri} (an unknown {@code kid}...). */
  public static final Duration REMOTE_KEYS_REFETCH = Duration.ofSeconds(30);

  /** Connect and read timeout of a {@code jwks_uri} fetch. */
  public static final Duration REMOTE_KEYS_TIMEOUT = Duration.ofSeconds(3);

  /**
   * The rules of {@code private_key_jwt} assertions (RFC 7523 section 3).
   *
   * @param issuer this server's issuer identifier: an assertion's {@code aud} must be it (a string,
   *     or an array that contains it)
   * @param tokenEndpoint the token endpoint URL, accepted as {@code aud} only when {@code
   *     acceptTokenEndpointAudience}
   * @param acceptTokenEndpointAudience the transition for clients that address the token endpoint
   * @param assertionMaxLifetime the longest {@code exp - now} accepted (plus the leeway)
   * @param leeway clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}, 0 to 5 minutes
   */
  public record Policy(
      String issuer,
      String tokenEndpoint,
      boolean acceptTokenEndpointAudience,
      Duration assertionMaxLifetime,
      Duration leeway) {
    public Policy {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
      Objects.requireNonNull(assertionMaxLifetime, "assertionMaxLifetime");
      Objects.requireNonNull(leeway, "leeway");
      if (issuer.isBlank() || tokenEndpoint.isBlank()) {
        throw new IllegalArgumentException("issuer and tokenEndpoint must not be blank");
      }
      if (assertionMaxLifetime.isNegative() || assertionMaxLifetime.isZero()) {
        throw new IllegalArgumentException("assertionMaxLifetime must be positive");
      }
      if (leeway.isNegative() || leeway.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("leeway must be 0 to 5 minutes");
      }
    }

    /**
     * The policy of a server with this issuer and leeway ({@code auth.token.issuer}, {@code
     * auth.token.leeway}), its token endpoint URL (as its metadata publishes it) and these OAuth
     * settings.
     */
    public static Policy of(
        String issuer, String tokenEndpoint, Duration leeway, OAuthSettings settings) {
      return new Policy(
          issuer,
          tokenEndpoint,
          settings.acceptTokenEndpointAudience(),
          settings.assertionMaxLifetime(),
          leeway);
    }
  }

  private final ClientStore clients;
  private final ClientSecrets secrets;
  private final ClientAssertions assertions;
  private final String dummyHash;

  /**
   * @param clients where clients are registered
   * @param singleUse where assertion ids are remembered
   * @param secrets verifies client secrets
   * @param policy the rules of client assertions
   * @param remoteKeys the key source of a {@code jwks_uri}, made once per URI ({@link
   *     #remoteJwks(Clock)} in production)
   * @param clock the time of assertion checks
   */
  public TokenEndpointAuthenticator(
      ClientStore clients,
      SingleUseStore singleUse,
      ClientSecrets secrets,
      Policy policy,
      Function<URI, KeySource> remoteKeys,
      Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.assertions = new ClientAssertions(new ClientKeys(remoteKeys), singleUse, policy, clock);
    this.dummyHash = ClientSecrets.hash(ClientSecrets.generate());
  }

  /**
   * The production source of a client's {@code jwks_uri}: a {@link RemoteJwks} cached for {@link
   * #REMOTE_KEYS_TTL}, refetched at most every {@link #REMOTE_KEYS_REFETCH}, with {@link
   * #REMOTE_KEYS_TIMEOUT}.
   */
  public static Function<URI, KeySource> remoteJwks(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return uri ->
        RemoteJwks.builder(uri)
            .clock(clock)
            .cacheTtl(REMOTE_KEYS_TTL)
            .refetchInterval(REMOTE_KEYS_REFETCH)
            .timeout(REMOTE_KEYS_TIMEOUT)
            .build();
  }

  @Override
  public Result<AuthenticatedClient> authenticate(ClientCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    return Result.catching(() -> dispatch(credentials));
  }

  private Result<AuthenticatedClient> dispatch(ClientCredentials c) {
    List<AuthMethod> used = new ArrayList<>(2);
    if (c.authorizationHeader() != null) {
      used.add(AuthMethod.CLIENT_SECRET_BASIC);
    }
    if (c.clientSecret() != null) {
      used.add(AuthMethod.CLIENT_SECRET_POST);
    }
    if (c.clientAssertion() != null || c.clientAssertionType() != null) {
      used.add(AuthMethod.PRIVATE_KEY_JWT);
    }
    if (used.size() > 1) {
      return Result.err(
          new AuthError.InvalidRequest(
              "client authentication",
              "the request uses "
                  + String.join(" and ", used.stream().map(AuthMethod::rfcName).toList())
                  + "; use exactly one client authentication method (RFC 6749 section 2.3)"));
    }
    if (used.isEmpty()) {
      if (c.clientId() == null) {
        return refused(
            "The request carries no client authentication: send the client's credentials"
                + " (Authorization: Basic, client_secret, or client_assertion) or, for a public"
                + " client, its client_id.");
      }
      return publicClient(c.clientId());
    }
    return switch (used.get(0)) {
      case CLIENT_SECRET_BASIC -> basic(c);
      case CLIENT_SECRET_POST -> post(c);
      default -> privateKeyJwt(c);
    };
  }

  private Result<AuthenticatedClient> basic(ClientCredentials c) {
    String header = c.authorizationHeader();
    if (!BasicCredentials.isBasic(header)) {
      return refused(
          "The Authorization header uses the scheme "
              + BasicCredentials.scheme(header)
              + "; client authentication at this endpoint accepts 'Basic' (client_secret_basic),"
              + " or credentials in the form (client_secret_post, client_assertion).");
    }
    BasicCredentials basic;
    try {
      basic = BasicCredentials.parse(header);
    } catch (BasicCredentials.Malformed e) {
      return refused(
          "Malformed Basic credentials: "
              + e.getMessage()
              + ". Send Base64(urlencode(client_id) ':' urlencode(client_secret)) (RFC 6749"
              + " section 2.3.1).");
    }
    if (c.clientId() != null && !c.clientId().equals(basic.clientId())) {
      return Result.err(
          new AuthError.InvalidRequest(
              "client_id",
              "differs from the client id of the Authorization header; send one client id"));
    }
    return secret(basic.clientId(), basic.secret(), AuthMethod.CLIENT_SECRET_BASIC);
  }

  private Result<AuthenticatedClient> post(ClientCredentials c) {
    if (c.clientId() == null) {
      return Result.err(
          new AuthError.InvalidRequest(
              "client_id", "missing; client_secret_post sends client_id beside client_secret"));
    }
    return secret(c.clientId(), c.clientSecret(), AuthMethod.CLIENT_SECRET_POST);
  }

  private Result<AuthenticatedClient> secret(String clientId, String secret, AuthMethod method) {
    Optional<OAuthClient> found = find(clientId);
    // One SHA-256 comparison whether or not the client exists, so timing does not tell.
    String hash = found.map(OAuthClient::secretHash).orElse(null);
    boolean matches = secrets.matches(secret, hash != null ? hash : dummyHash) && hash != null;
    if (found.isEmpty() || !matches) {
      log.debug(
          "Client authentication ({}) refused for client id {}", method.rfcName(), safe(clientId));
      return refused(ErrorKind.INVALID_CLIENT.summary());
    }
    OAuthClient client = found.get();
    if (!client.enabled()) {
      log.info("Client {} is disabled: authentication refused", client.clientId());
      return refused("The client is disabled; an operator can enable it again.");
    }
    if (!client.authMethods().contains(method)) {
      return refused(notRegistered(client, method));
    }
    return Result.ok(new AuthenticatedClient(client, method));
  }

  private Result<AuthenticatedClient> privateKeyJwt(ClientCredentials c) {
    if (c.clientAssertionType() == null) {
      return Result.err(
          new AuthError.InvalidRequest(
              "client_assertion_type",
              "missing beside client_assertion; send " + ClientCredentials.JWT_BEARER_ASSERTION));
    }
    if (c.clientAssertion() == null) {
      return Result.err(
          new AuthError.InvalidRequest("client_assertion", "missing beside client_assertion_type"));
    }
    if (!ClientCredentials.JWT_BEARER_ASSERTION.equals(c.clientAssertionType())) {
      return refused(
          "Unsupported client_assertion_type; this server accepts only "
              + ClientCredentials.JWT_BEARER_ASSERTION
              + " (private_key_jwt, RFC 7523).");
    }
    if (c.clientAssertion().length() > ClientAssertions.MAX_SIZE) {
      return refused(
          "The client assertion is longer than "
              + ClientAssertions.MAX_SIZE
              + " characters; keep it to the claims RFC 7523 needs.");
    }
    String clientId =
        c.clientId() != null ? c.clientId() : UnverifiedClaims.subject(c.clientAssertion());
    if (clientId == null) {
      return refused(
          "The client assertion names no client: its 'sub' (and 'iss') must be the client id.");
    }
    Optional<OAuthClient> found = find(clientId);
    if (found.isEmpty()
        || !found.get().enabled()
        || !found.get().authMethods().contains(AuthMethod.PRIVATE_KEY_JWT)) {
      log.debug("Client authentication (private_key_jwt) refused for client id {}", safe(clientId));
      return refused(ErrorKind.INVALID_CLIENT.summary());
    }
    return assertions
        .check(found.get(), c.clientAssertion())
        .map(client -> new AuthenticatedClient(client, AuthMethod.PRIVATE_KEY_JWT));
  }

  private Result<AuthenticatedClient> publicClient(String clientId) {
    Optional<OAuthClient> found = find(clientId);
    if (found.isEmpty()
        || !found.get().enabled()
        || !found.get().authMethods().contains(AuthMethod.NONE)) {
      log.debug("Client authentication (none) refused for client id {}", safe(clientId));
      return refused(
          "Client authentication failed: the client is unknown or disabled, or it is not a public"
              + " client and must authenticate with its secret or key.");
    }
    return Result.ok(new AuthenticatedClient(found.get(), AuthMethod.NONE));
  }

  /**
   * The client with this id; empty for an id no client can have (blank, longer than 255, outside
   * printable ASCII), which stores refuse to look up.
   */
  private Optional<OAuthClient> find(String clientId) {
    if (!OAuthClient.isClientId(clientId)) {
      return Optional.empty();
    }
    return clients.find(clientId);
  }

  private static String notRegistered(OAuthClient client, AuthMethod method) {
    return "The client is not registered for "
        + method.rfcName()
        + "; it authenticates with "
        + String.join(", ", client.authMethodNames())
        + ".";
  }

  private static <T> Result<T> refused(String message) {
    return Result.err(new AuthError.Plain(ErrorKind.INVALID_CLIENT, message));
  }

  /** A client id from a request, printable and short, for a log line. */
  private static String safe(String clientId) {
    String t = clientId.length() > 64 ? clientId.substring(0, 64) + "..." : clientId;
    StringBuilder sb = new StringBuilder(t.length());
    t.chars().forEach(ch -> sb.append(ch < 0x20 || ch == 0x7f ? '?' : (char) ch));
    return sb.toString();
  }
}
