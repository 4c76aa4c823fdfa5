package dev.portcullis.auth.store.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import java.util.List;

/** Builds the HikariCP pool of {@code auth.store.jdbc}. */
public final class Pools {
  private Pools() {}

  /**
   * A pool for {@code settings}. It opens no connection yet, so that an unreachable database is
   * reported by the first use (as {@code service_unavailable}), not as a pool exception.
   *
   * @throws ConfigurationException if there is no URL or no driver for it
   */
  public static HikariDataSource create(JdbcStoreSettings settings) {
    if (settings.url() == null || settings.url().isBlank()) {
      throw new ConfigurationException(
          List.of(
              new ConfigProblem(
                  JdbcStoreSettings.URL,
                  SettingsReader.environmentVariable(JdbcStoreSettings.URL),
                  "is not set.",
                  "Set it to the database's JDBC URL, or give JdbcStoreModule a DataSource.")));
    }
    return build(settings, "portcullis-" + settings.schema(), settings.poolSize());
  }

  /** A short-lived pool of two connections for Flyway, which holds two at once. */
  public static HikariDataSource forMigrations(JdbcStoreSettings settings) {
    return build(settings, "portcullis-migrations-" + settings.schema(), 2);
  }

  private static HikariDataSource build(JdbcStoreSettings settings, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(settings.url());
    if (!settings.username().isEmpty()) {
      config.setUsername(settings.username());
    }
    if (!settings.password().isEmpty()) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(Math.min(2, size));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(Math.min(5000, settings.connectionTimeout().toMillis()));
    config.setInitializationFailTimeout(-1);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("driver")) {
        throw new ConfigurationException(
            new dev.portcullis.auth.api.error.AuthError.ConfigurationInvalid(
                List.of(
                    new ConfigProblem(
                        JdbcStoreSettings.URL,
                        SettingsReader.environmentVariable(JdbcStoreSettings.URL),
                        "no JDBC driver accepts " + settings.redactedUrl() + ".",
                        "Add the driver to the application's dependencies: org.postgresql:postgresql"
                            + " for jdbc:postgresql:, com.h2database:h2 for jdbc:h2:."))),
            e);
      }
      throw e;
    }
  }
}
