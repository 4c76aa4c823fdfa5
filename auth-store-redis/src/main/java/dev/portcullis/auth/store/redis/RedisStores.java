package dev.portcullis.auth.store.redis;

import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.store.redis.internal.Redis;
import dev.portcullis.auth.store.redis.internal.RedisAuthorizationCodeStore;
import dev.portcullis.auth.store.redis.internal.RedisDeviceGrantStore;
import dev.portcullis.auth.store.redis.internal.RedisFailures;
import dev.portcullis.auth.store.redis.internal.RedisLoginAttemptTracker;
import dev.portcullis.auth.store.redis.internal.RedisRateLimiter;
import dev.portcullis.auth.store.redis.internal.RedisSingleUseStore;
import dev.portcullis.auth.store.redis.internal.RedisTokenBlacklist;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis adapters of the hot, short-lived store ports on one Lettuce connection (thread-safe,
 * shared by every adapter): {@link LoginAttemptTracker}, {@link RateLimiter}, {@link
 * TokenBlacklist}, {@link SingleUseStore}, {@link AuthorizationCodeStore} and {@link
 * DeviceGrantStore}. {@link #close()} closes the connection and the client.
 *
 * <p>While a single Redis is unreachable, calls fail at once (commands are not queued) with {@code
 * ServiceUnavailableException}; on a cluster they fail so after the command timeout. The client
 * reconnects by itself.
 */
public final class RedisStores implements AutoCloseable {
  private static final String COMPONENT = "redis stores";
  private static final Logger LOG = LoggerFactory.getLogger(RedisStores.class);

  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final LoginAttemptTracker loginAttempts;
  private final RateLimiter rateLimiter;
  private final TokenBlacklist blacklist;
  private final SingleUseStore singleUse;
  private final AuthorizationCodeStore authorizationCodes;
  private final DeviceGrantStore deviceGrants;

  private RedisStores(
      AbstractRedisClient client,
      StatefulConnection<String, String> connection,
      RedisClusterCommands<String, String> commands,
      RedisStoreSettings settings,
      Clock clock,
      LockoutPolicy policy) {
    this.client = client;
    this.connection = connection;
    Redis redis =
        new Redis(
            commands,
            settings.keyPrefix(),
            new RedisFailures(settings.redactedUrl(), settings.commandTimeout()));
    this.loginAttempts = new RedisLoginAttemptTracker(redis, policy, clock);
    this.rateLimiter = new RedisRateLimiter(redis, clock);
    this.blacklist = new RedisTokenBlacklist(redis, clock);
    this.singleUse = new RedisSingleUseStore(redis, clock);
    this.authorizationCodes = new RedisAuthorizationCodeStore(redis, clock);
    this.deviceGrants = new RedisDeviceGrantStore(redis, clock);
  }

  /**
   * Connects to the Redis of {@code settings} and checks that it never evicts keys: its {@code
   * maxmemory-policy} (every master's, on a cluster) must be {@code noeviction}, read by {@code
   * CONFIG GET} or else from {@code INFO memory}; a server that answers neither is used with a
   * warning in the log.
   *
   * @throws IllegalArgumentException if {@code settings} have no URL
   * @throws ConfigurationException if Redis may evict keys (naming the policy, the risk and the
   *     fix)
   * @throws ServiceUnavailableException if Redis cannot be reached or refuses the login
   */
  public static RedisStores open(RedisStoreSettings settings, Clock clock, LockoutPolicy policy) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(policy, "policy");
    if (!settings.hasUrl()) {
      throw new IllegalArgumentException(RedisStoreSettings.URL + " is not set");
    }
    RedisURI uri = uri(settings);
    TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
    if (settings.cluster()) {
      RedisClusterClient client = RedisClusterClient.create(uri);
      client.setOptions(
          // Node connections open on first use, so rejecting commands while disconnected would
          // refuse the first command to every node: a cluster call waits for its node's
          // connection, then fails closed after the command timeout.
          ClusterClientOptions.builder().timeoutOptions(timeouts).build());
      StatefulRedisClusterConnection<String, String> c = null;
      try {
        c = client.connect();
        List<EvictionCheck.Node> nodes = new ArrayList<>();
        for (RedisClusterNode node : c.getPartitions()) {
          if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
            nodes.add(
                new EvictionCheck.Node(
                    node.getUri().getHost() + ":" + node.getUri().getPort(),
                    EvictionCheck.policy(c.getConnection(node.getNodeId()).sync())));
          }
        }
        warn(EvictionCheck.require(settings, nodes));
        return new RedisStores(client, c, c.sync(), settings, clock, policy);
      } catch (RuntimeException e) {
        close(c, client);
        throw e instanceof RedisException r ? unreachable(settings, r) : e;
      }
    }
    RedisClient client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            .timeoutOptions(timeouts)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    StatefulRedisConnection<String, String> c = null;
    try {
      c = client.connect();
      warn(
          EvictionCheck.require(
              settings,
              List.of(
                  new EvictionCheck.Node(settings.redactedUrl(), EvictionCheck.policy(c.sync())))));
      return new RedisStores(client, c, c.sync(), settings, clock, policy);
    } catch (RuntimeException e) {
      close(c, client);
      throw e instanceof RedisException r ? unreachable(settings, r) : e;
    }
  }

  private static void warn(List<String> warnings) {
    for (String warning : warnings) {
      LOG.warn("{}", warning);
    }
  }

  private static void close(StatefulConnection<String, String> c, AbstractRedisClient client) {
    if (c != null) {
      c.close();
    }
    client.shutdown();
  }

  /**
   * Reads what the Redis of {@code settings} says about the settings the stores depend on, over one
   * short-lived connection (to the node of the URL, for a cluster), changing nothing: version (7.0
   * or newer: the scripts' shebang), {@code maxmemory-policy} (must be {@code noeviction}: an
   * evicted revocation un-revokes a token, an evicted lock unlocks an account) and persistence
   * (without it a restart forgets revocations). An unreachable server is an answer, not an
   * exception.
   *
   * @throws IllegalArgumentException if {@code settings} have no URL
   */
  public static RedisServerStatus serverStatus(RedisStoreSettings settings) {
    Objects.requireNonNull(settings, "settings");
    if (!settings.hasUrl()) {
      throw new IllegalArgumentException(RedisStoreSettings.URL + " is not set");
    }
    RedisClient client = RedisClient.create(uri(settings));
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      return ServerChecks.examine(c.sync());
    } catch (RedisException e) {
      return new RedisServerStatus(
          RedisServerStatus.State.UNREACHABLE,
          null,
          null,
          null,
          List.of(unreachable(settings, e).error().message()),
          List.of());
    } finally {
      client.shutdown();
    }
  }

  private static RedisURI uri(RedisStoreSettings settings) {
    RedisURI.Builder uri =
        RedisURI.builder(RedisURI.create(settings.url())).withTimeout(settings.commandTimeout());
    if (!settings.password().isEmpty()) {
      uri.withAuthentication(settings.username(), settings.password().toCharArray());
    }
    return uri.build();
  }

  private static ServiceUnavailableException unreachable(
      RedisStoreSettings settings, RedisException e) {
    return new RedisFailures(settings.redactedUrl(), settings.commandTimeout())
        .translate(COMPONENT, e);
  }

  /** Failure accounting and lockout, shared by every instance on this Redis. */
  public LoginAttemptTracker loginAttempts() {
    return loginAttempts;
  }

  /** Token-bucket rate limits. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** Revoked tokens, sessions and users. */
  public TokenBlacklist blacklist() {
    return blacklist;
  }

  /** Single-use keys (client-assertion ids, TOTP steps). */
  public SingleUseStore singleUse() {
    return singleUse;
  }

  /** OAuth authorization codes. */
  public AuthorizationCodeStore authorizationCodes() {
    return authorizationCodes;
  }

  /** OAuth device authorization grants. */
  public DeviceGrantStore deviceGrants() {
    return deviceGrants;
  }

  /** Closes the connection and the client; the adapters fail closed afterwards. */
  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
