package dev.portcullis.auth.oauth.client;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.oauth.internal.ClientIds;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Operators' client management (the {@code oauth client} command): create, list, show, update,
 * disable, enable and rotate a secret. A secret is generated here ({@link ClientSecrets#generate},
 * 256 bits), stored only as its hash, and returned exactly once in {@link Issued}; a rotation
 * replaces the hash at once, so the old secret stops working immediately.
 *
 * <p>Errors: {@code invalid_request} (an inconsistent client, a client id shaped like a user id, a
 * scope that {@code auth.oauth.scopes} does not declare, a secret rotation for a client without a
 * secret), {@code identifier_taken} (create with a registered id), {@code not_found}, {@code
 * service_unavailable}. Thread-safe.
 */
public final class ClientAdmin {

  private final ClientStore clients;
  private final OAuthSettings settings;
  private final Clock clock;

  public ClientAdmin(ClientStore clients, OAuthSettings settings, Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A client and, when this call generated one, its secret: shown once, never stored, never in
   * {@link #toString()}.
   *
   * @param client the client as stored
   * @param secret the new secret, or null when none was generated
   */
  public record Issued(OAuthClient client, String secret) {
    public Issued {
      Objects.requireNonNull(client, "client");
    }

    /** The new secret, when this call generated one. */
    public Optional<String> secretIfIssued() {
      return Optional.ofNullable(secret);
    }

    @Override
    public String toString() {
      return "Issued[client=" + client + ", secret=" + (secret == null ? "none" : "<issued>") + "]";
    }
  }

  /** The scopes this server declares ({@code auth.oauth.scopes}), name to description. */
  public Map<String, String> scopes() {
    return settings.scopes();
  }

  /**
   * Where {@code auth.oauth.clients} declares this client ({@code auth.oauth.clients[0]}), if it
   * does: the next start restores its declaration over changes made here.
   */
  public Optional<String> declaredAt(String clientId) {
    return settings.clients().stream()
        .filter(d -> d.client().clientId().equals(clientId))
        .map(DeclaredClient::source)
        .findFirst();
  }

  /**
   * Registers a new, enabled client; a client that authenticates with a secret gets a new one,
   * returned once.
   */
  public Result<Issued> create(ClientRegistration registration) {
    return guarded(
        () -> {
          Optional<AuthError> invalid = check(registration);
          if (invalid.isPresent()) {
            return Result.err(invalid.get());
          }
          String secret = registration.usesSecret() ? ClientSecrets.generate() : null;
          Result<OAuthClient> client =
              build(
                  () ->
                      registration.toClient(
                          secret == null ? null : ClientSecrets.hash(secret),
                          true,
                          clock.instant()));
          if (client.isErr()) {
            return Result.err(client.failure().orElseThrow());
          }
          Result<OAuthClient> created = clients.create(client.unwrap());
          if (created.isErr()) {
            AuthError e = created.failure().orElseThrow();
            return Result.err(
                e.kind() == ErrorKind.IDENTIFIER_TAKEN
                    ? new AuthError.Plain(
                        ErrorKind.IDENTIFIER_TAKEN,
                        "A client with the id " + registration.clientId() + " is registered.")
                    : e);
          }
          return Result.ok(new Issued(created.unwrap(), secret));
        });
  }

  /** Clients ordered by creation, then id; {@code limit} 1 to 1000. */
  public Result<List<OAuthClient>> list(int offset, int limit) {
    if (offset < 0) {
      return Result.err(new AuthError.InvalidRequest("offset", "must not be negative"));
    }
    if (limit < 1 || limit > 1000) {
      return Result.err(new AuthError.InvalidRequest("limit", "must be 1 to 1000"));
    }
    return guarded(() -> Result.ok(clients.list(offset, limit)));
  }

  /** The client with this id. */
  public Result<OAuthClient> show(String clientId) {
    return guarded(() -> found(clientId));
  }

  /**
   * Replaces a client's registration, keeping its secret, enabled flag and creation time. A client
   * that now authenticates with a secret and had none gets a new one, returned once; one that no
   * longer uses a secret loses its hash.
   */
  public Result<Issued> update(ClientRegistration registration) {
    return guarded(
        () -> {
          Optional<AuthError> invalid = check(registration);
          if (invalid.isPresent()) {
            return Result.err(invalid.get());
          }
          Result<OAuthClient> existing = found(registration.clientId());
          if (existing.isErr()) {
            return existing.map(c -> null);
          }
          OAuthClient old = existing.unwrap();
          String secret = null;
          String hash = null;
          if (registration.usesSecret()) {
            hash = old.secretHash();
            if (hash == null) {
              secret = ClientSecrets.generate();
              hash = ClientSecrets.hash(secret);
            }
          }
          String newHash = hash;
          Result<OAuthClient> client =
              build(() -> registration.toClient(newHash, old.enabled(), old.createdAt()));
          if (client.isErr()) {
            return Result.err(client.failure().orElseThrow());
          }
          if (!clients.update(client.unwrap())) {
            return Result.err(new AuthError.NotFound("client"));
          }
          return Result.ok(new Issued(client.unwrap(), secret));
        });
  }

  /** Disables a client: it can no longer authenticate, so it obtains and refreshes no token. */
  public Result<OAuthClient> disable(String clientId) {
    return setEnabled(clientId, false);
  }

  /** Enables a client again. */
  public Result<OAuthClient> enable(String clientId) {
    return setEnabled(clientId, true);
  }

  /**
   * Replaces a client's secret with a new one, returned once. The old secret stops working at once
   * (there is no overlap: update the client's configuration right after).
   */
  public Result<Issued> rotateSecret(String clientId) {
    return guarded(
        () -> {
          Result<OAuthClient> existing = found(clientId);
          if (existing.isErr()) {
            return existing.map(c -> null);
          }
          OAuthClient client = existing.unwrap();
          if (client.authMethods().stream().noneMatch(OAuthClient.AuthMethod::usesSecret)) {
            return Result.err(
                new AuthError.InvalidRequest(
                    "client_id",
                    "the client does not authenticate with a secret (its methods are "
                        + String.join(", ", client.authMethodNames())
                        + ")"));
          }
          String secret = ClientSecrets.generate();
          String hash = ClientSecrets.hash(secret);
          if (!clients.setSecretHash(clientId, hash)) {
            return Result.err(new AuthError.NotFound("client"));
          }
          return Result.ok(new Issued(client.withSecretHash(hash), secret));
        });
  }

  private Result<OAuthClient> setEnabled(String clientId, boolean enabled) {
    return guarded(
        () -> {
          Result<OAuthClient> existing = found(clientId);
          if (existing.isErr()) {
            return existing;
          }
          if (!clients.setEnabled(clientId, enabled)) {
            return Result.err(new AuthError.NotFound("client"));
          }
          return Result.ok(existing.unwrap().withEnabled(enabled));
        });
  }

  private Result<OAuthClient> found(String clientId) {
    if (clientId == null || clientId.isBlank()) {
      return Result.err(new AuthError.InvalidRequest("client_id", "is missing"));
    }
    return clients
        .find(clientId)
        .map(Result::ok)
        .orElseGet(() -> Result.err(new AuthError.NotFound("client")));
  }

  private Optional<AuthError> check(ClientRegistration registration) {
    Optional<String> shape = ClientIds.problem(registration.clientId());
    if (shape.isPresent()) {
      return Optional.of(
          new AuthError.InvalidRequest("client_id", shape.get() + "; " + ClientIds.fix()));
    }
    Map<String, String> known = settings.scopes();
    if (!known.isEmpty()) {
      TreeSet<String> unknown = new TreeSet<>(registration.scopes());
      unknown.removeAll(known.keySet());
      if (!unknown.isEmpty()) {
        return Optional.of(
            new AuthError.InvalidRequest(
                "scope",
                "auth.oauth.scopes does not declare "
                    + String.join(", ", unknown)
                    + " (declared: "
                    + String.join(", ", new TreeSet<>(known.keySet()))
                    + ")"));
      }
    }
    return Optional.empty();
  }

  /** The client, or {@code invalid_request} with the invariant it breaks. */
  private static Result<OAuthClient> build(Supplier<OAuthClient> client) {
    try {
      return Result.ok(client.get());
    } catch (IllegalArgumentException | NullPointerException e) {
      return Result.err(new AuthError.InvalidRequest("client", e.getMessage()));
    }
  }

  private static <T> Result<T> guarded(Supplier<Result<T>> action) {
    return Result.catching(action);
  }
}
