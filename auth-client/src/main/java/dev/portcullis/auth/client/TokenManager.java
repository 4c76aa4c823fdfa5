package dev.portcullis.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Hands out a valid access token: the current one while it stays valid for longer than the skew,
 * else a refreshed one, else (per its {@link LoginStrategy}) a new login.
 *
 * <p>Thread-safe and single-flight: while one refresh is in flight, concurrent callers wait for it
 * and share its result, so a rotated refresh token is never sent twice (which a server with reuse
 * detection would answer by revoking the whole session). A rotated refresh token is saved to the
 * {@link CredentialStore} before any caller gets the new access token. A retriable failure keeps
 * every credential; only {@code invalid_grant} clears the refresh token, and nothing else. When the
 * server answers 503 or 429 with {@code Retry-After}, the manager does not call it again before
 * that time: callers get the same {@link ClientError.Retriable} meanwhile.
 *
 * <p>The manager keeps its credentials in memory and reads the store once, at the first call.
 */
public final class TokenManager {

  /** The default refresh skew: a token expiring within 30 s is refreshed first. */
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

  private final OAuthClient client;
  private final CredentialStore store;
  private final LoginStrategy strategy;
  private final Duration skew;
  private final CredentialKey key;
  private final Object lock = new Object();

  /** Guarded by {@link #lock}. */
  private StoredCredentials current;

  /** Guarded by {@link #lock}. */
  private boolean loaded;

  /**
   * Until when the server asked not to be called (Retry-After), and the answer meanwhile; guarded
   * by {@link #lock}.
   */
  private Instant backOffUntil = Instant.MIN;

  private ClientError backOffError;

  /**
   * Counts explicit changes ({@link #store(Tokens)}, {@link #clear()}): a renewal that started
   * before one does not write over it. Guarded by {@link #lock}.
   */
  private long generation;

  /** The refresh in flight, guarded by {@link #lock}. */
  private CompletableFuture<ClientResult<StoredCredentials>> inFlight;

  /** A manager of {@code client}'s tokens kept in {@code store}. */
  public static TokenManager of(OAuthClient client, CredentialStore store, LoginStrategy strategy) {
    return new TokenManager(client, store, strategy, DEFAULT_SKEW);
  }

  private TokenManager(
      OAuthClient client, CredentialStore store, LoginStrategy strategy, Duration skew) {
    this.client = Objects.requireNonNull(client, "client");
    this.store = Objects.requireNonNull(store, "store");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.skew = Objects.requireNonNull(skew, "skew");
    if (skew.isNegative()) {
      throw new IllegalArgumentException("skew must not be negative, was " + skew);
    }
    if (strategy instanceof LoginStrategy.ClientCredentials && !client.confidential()) {
      throw new IllegalArgumentException(
          "LoginStrategy.clientCredentials needs a confidential client: configure"
              + " OAuthClient.builder(...).clientSecret(...) or .privateKeyJwt(...) for client "
              + client.clientId()
              + ", or use LoginStrategy.none() and log in with deviceLogin or browserLogin");
    }
    this.key = client.credentialKey();
  }

  /** A new manager like this one refreshing tokens that expire within {@code skew}. */
  public TokenManager withSkew(Duration skew) {
    return new TokenManager(client, store, strategy, skew);
  }

  /**
   * A valid access token, refreshing or logging in as needed. Fails with {@link
   * ClientError.AccessTokenNotFound} when there is no credential (or the refresh token was refused)
   * and the strategy is {@link LoginStrategy#none()}; with {@link ClientError.Retriable} when the
   * server cannot be reached (nothing is forgotten then).
   */
  public ClientResult<String> accessToken() {
    StoredCredentials seen;
    synchronized (lock) {
      seen = currentLocked();
      if (valid(seen)) {
        return ClientResult.success(seen.accessToken());
      }
    }
    return renew(null).map(StoredCredentials::accessToken);
  }

  /**
   * A new access token because a resource server answered {@code invalid_token} to {@code
   * rejectedToken}: refreshes unless another caller has already replaced that token. Used by {@link
   * BearerHttp}.
   */
  public ClientResult<String> refreshAfterRejection(String rejectedToken) {
    Objects.requireNonNull(rejectedToken, "rejectedToken");
    return renew(rejectedToken).map(StoredCredentials::accessToken);
  }

  /**
   * A device login ({@link OAuthClient#deviceLogin(Set, Consumer)}) whose tokens, the refresh token
   * included, are stored for later calls and runs: a command-line user logs in once, not every day.
   */
  public ClientResult<Tokens> deviceLogin(Set<String> scopes, Consumer<DevicePrompt> prompt) {
    return storing(client.deviceLogin(scopes, prompt));
  }

  /**
   * A browser login ({@link OAuthClient#browserLogin(Set, BrowserOpener, Duration)}) whose tokens
   * are stored for later calls and runs.
   */
  public ClientResult<Tokens> browserLogin(
      Set<String> scopes, BrowserOpener opener, Duration timeout) {
    return storing(client.browserLogin(scopes, opener, timeout));
  }

  private ClientResult<Tokens> storing(ClientResult<Tokens> login) {
    if (login.isSuccess()) {
      store(login.value());
    }
    return login;
  }

  /**
   * Stores the tokens of an explicit login (device or browser) for later calls and, with a
   * persistent store, later runs.
   */
  public void store(Tokens tokens) {
    StoredCredentials credentials = StoredCredentials.of(tokens);
    synchronized (lock) {
      generation++;
      store.save(key, credentials);
      current = credentials;
      loaded = true;
    }
  }

  /** The current credentials, if any (never logged; for status displays). */
  public Optional<StoredCredentials> credentials() {
    synchronized (lock) {
      return Optional.ofNullable(currentLocked());
    }
  }

  /** Forgets every credential of this client (logout); the server is not contacted. */
  public void clear() {
    synchronized (lock) {
      generation++;
      store.delete(key);
      current = null;
      loaded = true;
    }
  }

  /**
   * Joins the renewal in flight or starts one. {@code rejected} is the access token a resource
   * server refused (renew even if it looks valid), or null (renew only if not valid).
   */
  private ClientResult<StoredCredentials> renew(String rejected) {
    CompletableFuture<ClientResult<StoredCredentials>> flight;
    boolean leader = false;
    StoredCredentials seen;
    long started;
    synchronized (lock) {
      started = generation;
      seen = currentLocked();
      boolean replaced =
          rejected == null ? valid(seen) : valid(seen) && !rejected.equals(seen.accessToken());
      if (replaced) {
        return ClientResult.success(seen);
      }
      if (client.clock().instant().isBefore(backOffUntil)) {
        return ClientResult.failure(backOffError);
      }
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        leader = true;
      }
      flight = inFlight;
    }
    if (!leader) {
      try {
        return flight.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      ClientResult<StoredCredentials> result = renewNow(seen, started);
      synchronized (lock) {
        inFlight = null;
        if (!result.isSuccess()
            && result.error() instanceof ClientError.Retriable retriable
            && retriable.retryAfter().isPresent()) {
          backOffUntil = client.clock().instant().plus(retriable.retryAfter().get());
          backOffError = retriable;
        }
      }
      flight.complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        inFlight = null;
      }
      flight.completeExceptionally(e);
      throw e;
    }
  }

  /** The leader's renewal: refresh, else log in per the strategy. Runs outside the lock. */
  private ClientResult<StoredCredentials> renewNow(StoredCredentials seen, long started) {
    if (seen != null && seen.refreshToken() != null) {
      ClientResult<Tokens> refreshed = client.refresh(seen.refreshToken(), Set.of());
      if (refreshed.isSuccess()) {
        return ClientResult.success(save(seen.refreshedBy(refreshed.value()), started));
      }
      if (!(refreshed.error() instanceof ClientError.AccessTokenNotFound notFound)) {
        // Retriable, or any other refusal: the stored credentials stay as they are.
        return ClientResult.failure(refreshed.error());
      }
      // invalid_grant: the refresh token is dead, and only it is forgotten.
      save(seen.withoutRefreshToken(), started);
      return login(notFound, started);
    }
    return login(
        new ClientError.AccessTokenNotFound(
            seen == null
                ? "no credentials are stored for client " + key.clientId() + " at " + key.issuer()
                : "the access token expired or was refused, and there is no refresh token"),
        started);
  }

  private ClientResult<StoredCredentials> login(ClientError.AccessTokenNotFound why, long started) {
    if (strategy instanceof LoginStrategy.ClientCredentials credentials) {
      ClientResult<Tokens> tokens = client.clientCredentials(credentials.scopes());
      if (!tokens.isSuccess()) {
        return ClientResult.failure(tokens.error());
      }
      StoredCredentials fresh = StoredCredentials.of(tokens.value());
      // A client credentials response rarely carries a refresh token; keep none from before.
      return ClientResult.success(save(fresh, started));
    }
    return ClientResult.failure(why);
  }

  /**
   * Persists, then publishes to callers: the store holds a rotated token before anyone uses it.
   * Unless a login or logout happened since the renewal started: then what it got is handed to the
   * callers waiting for it but neither stored nor kept.
   */
  private StoredCredentials save(StoredCredentials credentials, long started) {
    synchronized (lock) {
      if (generation == started) {
        store.save(key, credentials);
        current = credentials;
        loaded = true;
      }
    }
    return credentials;
  }

  private StoredCredentials currentLocked() {
    if (!loaded) {
      current = store.load(key).orElse(null);
      loaded = true;
    }
    return current;
  }

  private boolean valid(StoredCredentials credentials) {
    return credentials != null
        && credentials.accessToken() != null
        && client.clock().instant().plus(skew).isBefore(credentials.expiresAt());
  }

  @Override
  public String toString() {
    return "TokenManager[" + key.clientId() + " at " + key.issuer() + ", " + store + "]";
  }
}
