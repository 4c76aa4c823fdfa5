package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.api.model.ResetToken;
import dev.portcullis.auth.api.store.ResetTokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reset-token hashes in a Caffeine cache, each entry living until its token expires. At {@code
 * maxTokens} the least valuable tokens are evicted: an evicted token only stops working (the user
 * requests another), it never grants anything. Thread-safe; consumption is one atomic removal.
 */
public final class MemoryResetTokenStore implements ResetTokenStore {

  private final Cache<String, ResetToken> tokens;

  public MemoryResetTokenStore(Clock clock, long maxTokens) {
    ClockTicker ticker = new ClockTicker(clock);
    this.tokens =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .maximumSize(maxTokens)
            .expireAfter(new InstantExpiry<String, ResetToken>(ticker, ResetToken::expiresAt))
            .build();
  }

  @Override
  public void save(ResetToken token) {
    Objects.requireNonNull(token, "token");
    Args.key(token.userId(), "userId");
    if (tokens.asMap().putIfAbsent(token.tokenHash(), token) != null) {
      throw new IllegalArgumentException("this reset-token hash is stored already");
    }
  }

  @Override
  public Optional<ResetToken> find(String tokenHash, Instant now) {
    Args.key(tokenHash, "tokenHash");
    Objects.requireNonNull(now, "now");
    ResetToken token = tokens.asMap().get(tokenHash);
    return token != null && now.isBefore(token.expiresAt()) ? Optional.of(token) : Optional.empty();
  }

  @Override
  public Optional<ResetToken> consume(String tokenHash, Instant now) {
    Args.key(tokenHash, "tokenHash");
    Objects.requireNonNull(now, "now");
    // One removal: of concurrent callers only one gets the token back.
    ResetToken token = tokens.asMap().remove(tokenHash);
    return token != null && now.isBefore(token.expiresAt()) ? Optional.of(token) : Optional.empty();
  }

  @Override
  public int deleteForUser(String userId) {
    Args.key(userId, "userId");
    return removeIf(t -> t.userId().equals(userId));
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return removeIf(t -> t.expiresAt().isBefore(cutoff));
  }

  private int removeIf(Predicate<ResetToken> doomed) {
    int count = 0;
    for (Map.Entry<String, ResetToken> e : tokens.asMap().entrySet()) {
      if (doomed.test(e.getValue()) && tokens.asMap().remove(e.getKey(), e.getValue())) {
        count++;
      }
    }
    return count;
  }

  /** Tokens held now, after dropping the expired ones. */
  public long size() {
    tokens.cleanUp();
    return tokens.estimatedSize();
  }
}
