package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.api.model.Interaction;
import dev.portcullis.auth.api.store.InteractionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Interactions in a Caffeine cache keyed by id hash, each living until it expires. An update is one
 * atomic {@code compute} that checks the version, so of concurrent updates from one version exactly
 * one wins. For one process only (development, tests): a fleet shares a JDBC store. At {@code
 * maxInteractions} a new interaction is refused with {@link
 * dev.portcullis.auth.api.error.ServiceUnavailableException} (see {@link Capacity}). Thread-safe.
 */
public final class MemoryInteractionStore implements InteractionStore {

  private final Capacity capacity;
  private final Cache<String, Interaction> interactions;

  public MemoryInteractionStore(Clock clock, long maxInteractions, String settingKey) {
    this.capacity = new Capacity(maxInteractions, "memory interaction store", settingKey);
    ClockTicker ticker = new ClockTicker(clock);
    this.interactions =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(new InstantExpiry<String, Interaction>(ticker, Interaction::expiresAt))
            .build();
  }

  @Override
  public void create(Interaction interaction) {
    Objects.requireNonNull(interaction, "interaction");
    if (interaction.version() != 0) {
      throw new IllegalArgumentException("a new interaction has version 0");
    }
    capacity.admit(interactions, interaction.idHash());
    if (interactions.asMap().putIfAbsent(interaction.idHash(), interaction) != null) {
      throw new IllegalArgumentException("this interaction hash is stored already");
    }
  }

  @Override
  public Optional<Interaction> find(String idHash, Instant now) {
    Args.key(idHash, "idHash");
    Objects.requireNonNull(now, "now");
    return Optional.ofNullable(interactions.getIfPresent(idHash))
        .filter(i -> now.isBefore(i.expiresAt()));
  }

  @Override
  public boolean update(Interaction next, Instant now) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(now, "now");
    boolean[] done = {false};
    interactions
        .asMap()
        .computeIfPresent(
            next.idHash(),
            (hash, stored) -> {
              if (stored.version() != next.version() - 1 || !now.isBefore(stored.expiresAt())) {
                return stored;
              }
              done[0] = true;
              return new Interaction(
                  stored.idHash(),
                  stored.kind(),
                  stored.csrfToken(),
                  next.state(),
                  next.version(),
                  stored.createdAt(),
                  stored.expiresAt());
            });
    return done[0];
  }

  @Override
  public boolean delete(String idHash) {
    Args.key(idHash, "idHash");
    return interactions.asMap().remove(idHash) != null;
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int count = 0;
    for (Map.Entry<String, Interaction> e : interactions.asMap().entrySet()) {
      if (e.getValue().expiresAt().isBefore(cutoff)
          && interactions.asMap().remove(e.getKey(), e.getValue())) {
        count++;
      }
    }
    return count;
  }

  /** Interactions held now, after dropping the expired ones. */
  public long size() {
    interactions.cleanUp();
    return interactions.estimatedSize();
  }
}
