package dev.portcullis.auth.store.redis;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of the Redis stores, {@code auth.store.redis.*} in the configuration (see this
 * module's {@code reference.conf}). Immutable; {@link #toString()} never prints the password.
 *
 * @param url {@code redis://host:6379/0} or {@code rediss://host:6380/0} (TLS); blank when unset
 * @param username the ACL user, or blank
 * @param password the password, or blank
 * @param cluster whether {@code url} names a node of a Redis Cluster
 * @param commandTimeout how long a command may take before the call fails closed
 * @param keyPrefix the prefix of every key
 */
public record RedisStoreSettings(
    String url,
    String username,
    String password,
    boolean cluster,
    Duration commandTimeout,
    String keyPrefix) {

  /** The configuration path of these settings. */
  public static final String PATH = "auth.store.redis";

  /** The key of the URL. */
  public static final String URL = PATH + ".url";

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9:_.-]{0,64}");

  /**
   * Validates every value at once.
   *
   * @throws ConfigurationException listing every invalid value
   */
  public RedisStoreSettings {
    url = url == null ? "" : url.trim();
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    List<ConfigProblem> problems = new ArrayList<>();
    if (!url.isEmpty() && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
      problems.add(
          problem(
              "url",
              "is not a Redis URL (it must start with redis:// or rediss://).",
              "Write it as redis://host:6379/0, or rediss://host:6380/0 for TLS."));
    }
    if (commandTimeout == null
        || commandTimeout.toMillis() < 10
        || commandTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
      problems.add(
          problem(
              "command-timeout",
              "must be between 10ms and 1m, is " + commandTimeout + ".",
              "Use a value such as 2s."));
    }
    if (keyPrefix == null || !PREFIX.matcher(keyPrefix).matches()) {
      problems.add(
          problem(
              "key-prefix",
              "may hold only letters, digits and : _ - . (no braces, which would break the hash"
                  + " tags), at most 64 characters.",
              "Use a prefix such as portcullis: or acme:auth:."));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  /** Settings for {@code url} with every other value at its {@code reference.conf} default. */
  public static RedisStoreSettings forUrl(String url) {
    return defaults().withUrl(url);
  }

  /** The defaults of {@code reference.conf}, with no URL. */
  public static RedisStoreSettings defaults() {
    return Defaults.VALUE;
  }

  /**
   * Reads {@code auth.store.redis.*} from {@code config} once; {@code config} must hold this
   * module's {@code reference.conf}, as {@code AuthConfig} loads it.
   *
   * @throws ConfigurationException listing every missing or invalid value at once
   */
  public static RedisStoreSettings fromConfig(Config config) {
    SettingsReader reader = new SettingsReader(config);
    Optional<RedisStoreSettings> settings = reader.read(RedisStoreSettings::read);
    reader.throwIfProblems();
    return settings.orElseThrow();
  }

  /**
   * Reads {@code auth.store.redis.*} through {@code reader}, recording every problem there. An
   * unset URL is no problem here ({@link RedisStoreModule} refuses it).
   */
  public static RedisStoreSettings read(SettingsReader reader) {
    String p = PATH + ".";
    return new RedisStoreSettings(
        reader.optionalString(p + "url").orElse(""),
        reader.optionalString(p + "username").orElse(""),
        reader.optionalString(p + "password").orElse(""),
        reader.bool(p + "cluster"),
        reader.positiveDuration(p + "command-timeout"),
        reader.optionalString(p + "key-prefix").orElse(""));
  }

  /** Whether a URL is set. */
  public boolean hasUrl() {
    return !url.isEmpty();
  }

  /** These settings with another URL. */
  public RedisStoreSettings withUrl(String url) {
    return new RedisStoreSettings(url, username, password, cluster, commandTimeout, keyPrefix);
  }

  /** These settings with another ACL user and password. */
  public RedisStoreSettings withCredentials(String username, String password) {
    return new RedisStoreSettings(url, username, password, cluster, commandTimeout, keyPrefix);
  }

  /** These settings for a Redis Cluster, or not. */
  public RedisStoreSettings withCluster(boolean cluster) {
    return new RedisStoreSettings(url, username, password, cluster, commandTimeout, keyPrefix);
  }

  /** These settings with another command timeout. */
  public RedisStoreSettings withCommandTimeout(Duration commandTimeout) {
    return new RedisStoreSettings(url, username, password, cluster, commandTimeout, keyPrefix);
  }

  /** These settings with another key prefix. */
  public RedisStoreSettings withKeyPrefix(String keyPrefix) {
    return new RedisStoreSettings(url, username, password, cluster, commandTimeout, keyPrefix);
  }

  /** The URL without user information and query, for messages. */
  public String redactedUrl() {
    if (url.isEmpty()) {
      return "(unset)";
    }
    int q = url.indexOf('?');
    String head = q < 0 ? url : url.substring(0, q) + "?...";
    return head.replaceAll("//[^/@]*@", "//<redacted>@");
  }

  @Override
  public String toString() {
    return "RedisStoreSettings[url="
        + redactedUrl()
        + ", username="
        + username
        + ", password="
        + (password.isEmpty() ? "<empty>" : "<redacted>")
        + ", cluster="
        + cluster
        + ", commandTimeout="
        + commandTimeout
        + ", keyPrefix="
        + keyPrefix
        + "]";
  }

  private static ConfigProblem problem(String key, String problem, String fix) {
    String full = PATH + "." + key;
    return new ConfigProblem(full, SettingsReader.environmentVariable(full), problem, fix);
  }

  /** Defaults read when first asked for. */
  private static final class Defaults {
    static final RedisStoreSettings VALUE = fromConfig(AuthConfig.defaults());
  }
}
