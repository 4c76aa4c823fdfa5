package dev.portcullis.auth.oauth.client;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the clients declared in {@code auth.oauth.clients} into the {@link ClientStore} at start
 * ({@code OAuthModule} runs it once when the injector is built): a missing client is created, a
 * client whose stored registration differs from its declaration is updated (its creation time
 * kept), an equal one is left alone, and a client not declared (created with the command line) is
 * never touched. Running it again changes nothing.
 *
 * <p>Several instances may start at once: when another instance creates a client between this one's
 * lookup and its creation ({@code identifier_taken}), this one updates instead. Logs the client ids
 * it created and updated, nothing else. Thread-safe. {@link #run()} throws {@link
 * dev.portcullis.auth.api.error.ServiceUnavailableException} when the store cannot answer.
 */
public final class ClientBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(ClientBootstrap.class);

  private final ClientStore clients;
  private final List<DeclaredClient> declared;
  private final Clock clock;

  /**
   * What one run did, by client id.
   *
   * @param created clients that were missing
   * @param updated clients whose stored registration differed from their declaration
   * @param unchanged clients already as declared
   */
  public record Outcome(List<String> created, List<String> updated, List<String> unchanged) {
    public Outcome {
      created = List.copyOf(created);
      updated = List.copyOf(updated);
      unchanged = List.copyOf(unchanged);
    }
  }

  public ClientBootstrap(ClientStore clients, List<DeclaredClient> declared, Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.declared = List.copyOf(declared);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Brings every declared client into the store.
   *
   * @throws dev.portcullis.auth.api.error.AuthException the store's error, when it cannot answer
   */
  public Outcome run() {
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (DeclaredClient d : declared) {
      switch (sync(d.client())) {
        case CREATED -> created.add(d.client().clientId());
        case UPDATED -> updated.add(d.client().clientId());
        case UNCHANGED -> unchanged.add(d.client().clientId());
      }
    }
    if (!declared.isEmpty()) {
      LOG.info(
          "Declared OAuth clients: created {}, updated {}, unchanged {}",
          created,
          updated,
          unchanged);
    }
    return new Outcome(created, updated, unchanged);
  }

  private enum Change {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  private Change sync(OAuthClient declaredClient) {
    Optional<OAuthClient> stored = clients.find(declaredClient.clientId());
    if (stored.isEmpty()) {
      Result<OAuthClient> result = clients.create(created(declaredClient, clock.instant()));
      if (result.isOk()) {
        return Change.CREATED;
      }
      AuthError error = result.failure().orElseThrow();
      if (error.kind() != ErrorKind.IDENTIFIER_TAKEN) {
        result.unwrap(); // throws the store's error: start-up fails, naming it
      }
      // Another instance created it after our lookup: compare with what it wrote.
      stored = clients.find(declaredClient.clientId());
      if (stored.isEmpty()) {
        throw new IllegalStateException(
            "client " + declaredClient.clientId() + " is taken but cannot be found");
      }
    }
    OAuthClient wanted = created(declaredClient, stored.get().createdAt());
    if (wanted.equals(stored.get())) {
      return Change.UNCHANGED;
    }
    if (!clients.update(wanted)) {
      throw new IllegalStateException(
          "client " + declaredClient.clientId() + " disappeared while it was being updated");
    }
    return Change.UPDATED;
  }

  /** {@code client} with {@code createdAt}. */
  private static OAuthClient created(OAuthClient client, Instant createdAt) {
    return new OAuthClient(
        client.clientId(),
        client.displayName(),
        client.type(),
        client.authMethods(),
        client.secretHash(),
        client.jwksUri(),
        client.jwks(),
        client.redirectUris(),
        client.grantTypes(),
        client.scopes(),
        client.requireConsent(),
        client.accessTokenAudience(),
        client.enabled(),
        createdAt);
  }
}
