package dev.portcullis.auth.oauth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ClientStore} that remembers each {@link #find} answer (a client, or that there is none)
 * for a short time ({@code auth.oauth.client-cache-ttl}), so the token and introspection endpoints
 * do not read the client's row on every request.
 *
 * <p>Staleness bound: every write made through this instance (the server's own {@link ClientAdmin}
 * and {@link ClientBootstrap}) drops that client's entry before it returns, so the next lookup here
 * reads the store. A change made elsewhere (another instance of the fleet, or the {@code oauth
 * client} command line against the same database) is seen here at most {@code ttl} after it was
 * written: until then a client that was disabled, removed or given a new secret may still
 * authenticate with its old state, and its tokens may still introspect as active. With {@code ttl}
 * zero nothing is remembered and every lookup reads the store.
 *
 * <p>A store that cannot answer throws as before, and nothing is remembered (fail closed). At most
 * {@value #MAX_ENTRIES} client ids are remembered (unknown ids included, so a flood of made-up ids
 * costs the store no more than without this cache). Time comes from the clock. Thread-safe.
 */
public final class CachingClientStore implements ClientStore {

  /** The most client ids remembered at once. */
  public static final int MAX_ENTRIES = 10_000;

  private final ClientStore store;
  private final Duration ttl;
  private final Clock clock;
  private final Cache<String, Entry> cache;

  private record Entry(Optional<OAuthClient> client, Instant readAt) {}

  /**
   * @param store the store of record
   * @param ttl how long an answer is used, zero to read the store every time
   * @param clock the time of expiry
   */
  public CachingClientStore(ClientStore store, Duration ttl, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative");
    }
    // Expiry is checked against the clock on each read (below), not with Caffeine's ticker, so a
    // test that moves the clock sees exactly the bound; the size bound evicts the rest.
    this.cache = ttl.isZero() ? null : Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
  }

  /** How long an answer is used; zero when nothing is remembered. */
  public Duration ttl() {
    return ttl;
  }

  @Override
  public Optional<OAuthClient> find(String clientId) {
    if (cache == null) {
      return store.find(clientId);
    }
    Instant now = clock.instant();
    Entry e = cache.getIfPresent(clientId);
    if (e != null && isFresh(e, now)) {
      return e.client();
    }
    // compute, so that an invalidation of this id waits for a read in flight and then drops it:
    // a write through this instance is never hidden by an answer read before it.
    return cache
        .asMap()
        .compute(
            clientId,
            (id, old) -> old != null && isFresh(old, now) ? old : new Entry(store.find(id), now))
        .client();
  }

  /** Read less than {@code ttl} ago (and not in the future: a clock set back reads again). */
  private boolean isFresh(Entry e, Instant now) {
    return now.isBefore(e.readAt().plus(ttl)) && !now.isBefore(e.readAt());
  }

  @Override
  public Result<OAuthClient> create(OAuthClient client) {
    try {
      return store.create(client);
    } finally {
      forget(client.clientId());
    }
  }

  @Override
  public boolean update(OAuthClient client) {
    try {
      return store.update(client);
    } finally {
      forget(client.clientId());
    }
  }

  @Override
  public boolean setSecretHash(String clientId, String newHash) {
    try {
      return store.setSecretHash(clientId, newHash);
    } finally {
      forget(clientId);
    }
  }

  @Override
  public boolean setEnabled(String clientId, boolean enabled) {
    try {
      return store.setEnabled(clientId, enabled);
    } finally {
      forget(clientId);
    }
  }

  @Override
  public List<OAuthClient> list(int offset, int limit) {
    return store.list(offset, limit);
  }

  /** Drops what is remembered of {@code clientId}, so its next lookup reads the store. */
  public void forget(String clientId) {
    if (cache != null && clientId != null) {
      cache.invalidate(clientId);
    }
  }
}
