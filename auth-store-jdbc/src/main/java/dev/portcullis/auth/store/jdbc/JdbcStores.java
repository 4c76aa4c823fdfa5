package dev.portcullis.auth.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.store.jdbc.internal.Database;
import dev.portcullis.auth.store.jdbc.internal.Dialect;
import dev.portcullis.auth.store.jdbc.internal.JdbcAuditStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcAuthorizationCodeStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcClientStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcConsentStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcDeviceGrantStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcFactorStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcInteractionStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcLoginAttemptTracker;
import dev.portcullis.auth.store.jdbc.internal.JdbcMfaChallengeStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcRateLimiter;
import dev.portcullis.auth.store.jdbc.internal.JdbcRecoveryCodeStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcResetTokenStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcSessionStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcSingleUseStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcTokenBlacklist;
import dev.portcullis.auth.store.jdbc.internal.JdbcUserStore;
import dev.portcullis.auth.store.jdbc.internal.Migrations;
import dev.portcullis.auth.store.jdbc.internal.Pools;
import dev.portcullis.auth.store.jdbc.internal.Purger;
import dev.portcullis.auth.store.jdbc.internal.SqlFailures;
import dev.portcullis.auth.store.jdbc.internal.Tables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Every store port over one database schema: the entry point without Guice, and what {@link
 * JdbcStoreModule} provides. Opening checks the database (or migrates it, with {@code
 * migrate-on-start}) and starts the scheduled purge; {@link #close()} stops the purge and closes
 * the pool it built. The stores are thread-safe, and several instances (processes) sharing one
 * database act as one.
 */
public final class JdbcStores implements AutoCloseable {

  /** The name of the Flyway history table of the Portcullis migrations. */
  public static final String HISTORY_TABLE = Tables.HISTORY;

  private static final Duration SESSION_GRACE = Duration.ofDays(1);
  private static final Duration DEVICE_GRANT_GRACE = Duration.ofMinutes(10);

  private final HikariDataSource ownedPool;
  private final String schema;
  private final JdbcUserStore users;
  private final JdbcSessionStore sessions;
  private final JdbcLoginAttemptTracker loginAttempts;
  private final JdbcTokenBlacklist blacklist;
  private final JdbcRateLimiter rateLimiter;
  private final JdbcResetTokenStore resetTokens;
  private final JdbcAuditStore audit;
  private final JdbcSingleUseStore singleUse;
  private final JdbcAuthorizationCodeStore authorizationCodes;
  private final JdbcClientStore clients;
  private final JdbcConsentStore consents;
  private final JdbcDeviceGrantStore deviceGrants;
  private final JdbcInteractionStore interactions;
  private final JdbcFactorStore factors;
  private final JdbcRecoveryCodeStore recoveryCodes;
  private final JdbcMfaChallengeStore mfaChallenges;
  private final Clock clock;
  private final JdbcStoreSettings settings;
  private final Purger purger;

  private JdbcStores(
      HikariDataSource ownedPool,
      Database db,
      JdbcStoreSettings settings,
      Clock clock,
      LockoutPolicy policy) {
    this.ownedPool = ownedPool;
    this.schema = db.tables().schema();
    this.clock = clock;
    this.settings = settings;
    this.users = new JdbcUserStore(db);
    this.sessions = new JdbcSessionStore(db);
    this.loginAttempts = new JdbcLoginAttemptTracker(db, policy, clock);
    this.blacklist = new JdbcTokenBlacklist(db, clock);
    this.rateLimiter = new JdbcRateLimiter(db, clock);
    this.resetTokens = new JdbcResetTokenStore(db);
    this.audit = new JdbcAuditStore(db);
    this.singleUse = new JdbcSingleUseStore(db, clock);
    this.authorizationCodes = new JdbcAuthorizationCodeStore(db);
    this.clients = new JdbcClientStore(db);
    this.consents = new JdbcConsentStore(db);
    this.deviceGrants = new JdbcDeviceGrantStore(db);
    this.interactions = new JdbcInteractionStore(db);
    this.factors = new JdbcFactorStore(db);
    this.recoveryCodes = new JdbcRecoveryCodeStore(db);
    this.mfaChallenges = new JdbcMfaChallengeStore(db);
    this.purger =
        settings.purgeInterval().isZero()
            ? null
            : new Purger("portcullis-jdbc-purge-" + schema, settings.purgeInterval(), this::purge);
  }

  /**
   * Opens the stores on a HikariCP pool built from {@code settings}, which {@link #close()} closes.
   *
   * @throws ConfigurationException if the URL is missing, has no driver, or names an unsupported
   *     database
   * @throws ServiceUnavailableException if the database cannot be reached, or its schema is missing
   *     or outdated (the message says how to migrate it)
   */
  public static JdbcStores open(JdbcStoreSettings settings, Clock clock, LockoutPolicy policy) {
    Objects.requireNonNull(settings, "settings");
    HikariDataSource pool = Pools.create(settings);
    try {
      return open(pool, pool, settings, clock, policy);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Opens the stores on the application's {@code dataSource}, which {@link #close()} leaves open.
   * Only the schema, purge interval, audit retention and migrate-on-start of {@code settings}
   * apply; migrating on start holds two of its connections at once.
   *
   * @throws ConfigurationException if the database is not supported
   * @throws ServiceUnavailableException if the database cannot be reached, or its schema is missing
   *     or outdated (the message says how to migrate it)
   */
  public static JdbcStores open(
      DataSource dataSource, JdbcStoreSettings settings, Clock clock, LockoutPolicy policy) {
    return open(null, dataSource, settings, clock, policy);
  }

  private static JdbcStores open(
      HikariDataSource ownedPool,
      DataSource dataSource,
      JdbcStoreSettings settings,
      Clock clock,
      LockoutPolicy policy) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(policy, "policy");
    SqlFailures failures =
        new SqlFailures(
            settings.redactedUrl(),
            settings.schema(),
            ownedPool != null,
            settings.poolSize(),
            settings.connectionTimeout());
    Database db = connect(dataSource, settings.schema(), failures);
    if (settings.migrateOnStart() && ownedPool != null) {
      // Flyway holds two connections at once; a pool of one would starve it.
      try (HikariDataSource migrations = Pools.forMigrations(settings)) {
        Migrations.migrate(migrations, db.tables().schema(), db.failures());
      }
    } else if (settings.migrateOnStart()) {
      Migrations.migrate(dataSource, db.tables().schema(), db.failures());
    } else {
      Migrations.verify(db);
    }
    return new JdbcStores(ownedPool, db, settings, clock, policy);
  }

  /**
   * Applies the Portcullis migrations to schema {@code public} (folded to the database's case),
   * recording them in {@value #HISTORY_TABLE}. Safe to run repeatedly and concurrently.
   *
   * @throws ServiceUnavailableException if the database cannot be reached or a migration fails
   */
  public static void migrate(DataSource dataSource) {
    migrate(dataSource, "public");
  }

  /**
   * Applies the Portcullis migrations to {@code schema}, creating it if needed. Flyway holds two
   * connections of {@code dataSource} at once.
   *
   * @throws ServiceUnavailableException if the database cannot be reached or a migration fails
   */
  public static void migrate(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    JdbcStoreSettings settings = JdbcStoreSettings.defaults().withSchema(schema);
    SqlFailures failures =
        new SqlFailures(
            settings.redactedUrl(),
            settings.schema(),
            false,
            settings.poolSize(),
            settings.connectionTimeout());
    Database db = connect(dataSource, settings.schema(), failures);
    Migrations.migrate(dataSource, db.tables().schema(), failures);
  }

  /**
   * What the database of {@code settings} holds of the Portcullis schema, and its clock, read over
   * one short-lived connection without migrating or changing anything (for health tools such as the
   * server's {@code doctor}). A database that cannot be reached is an answer ({@link
   * SchemaStatus.State#UNREACHABLE}), not an exception.
   *
   * @throws ConfigurationException if the URL is missing, has no driver, or names an unsupported
   *     database
   */
  public static SchemaStatus schemaStatus(JdbcStoreSettings settings) {
    Objects.requireNonNull(settings, "settings");
    try (HikariDataSource pool = Pools.create(settings.withPoolSize(1))) {
      SqlFailures failures =
          new SqlFailures(
              settings.redactedUrl(), settings.schema(), true, 1, settings.connectionTimeout());
      Database db = connect(pool, settings.schema(), failures);
      Tables tables = db.tables();
      return db.call(
          "jdbc store schema status",
          c -> {
            Instant clock = databaseTime(c);
            int version;
            try {
              version = Migrations.version(c, tables);
            } catch (SQLException e) {
              if (!SqlFailures.missingObject(e)) {
                throw e;
              }
              return new SchemaStatus(
                  SchemaStatus.State.MISSING,
                  -1,
                  Migrations.LATEST_VERSION,
                  clock,
                  "the Portcullis tables are missing in schema \""
                      + tables.schema()
                      + "\": "
                      + SqlFailures.MIGRATE
                      + ".");
            }
            if (version < Migrations.LATEST_VERSION) {
              return new SchemaStatus(
                  SchemaStatus.State.BEHIND,
                  Math.max(version, 0),
                  Migrations.LATEST_VERSION,
                  clock,
                  Migrations.behind(tables, version));
            }
            return new SchemaStatus(
                SchemaStatus.State.CURRENT,
                version,
                Migrations.LATEST_VERSION,
                clock,
                "schema \"" + tables.schema() + "\" is at Portcullis schema version " + version);
          });
    } catch (ServiceUnavailableException e) {
      return new SchemaStatus(
          SchemaStatus.State.UNREACHABLE, -1, Migrations.LATEST_VERSION, null, e.error().message());
    }
  }

  /** The database's clock, or null if it cannot tell. */
  private static Instant databaseTime(Connection c) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
      return rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : null;
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  private static Database connect(DataSource dataSource, String schema, SqlFailures failures) {
    Database probe = new Database(dataSource, null, new Tables(schema), failures);
    return probe.call(
        "jdbc store",
        c -> {
          Dialect dialect = Dialect.of(c);
          String folded = Dialect.foldSchema(c, schema);
          return new Database(dataSource, dialect, new Tables(folded), failures);
        });
  }

  /**
   * The connection pool these stores built from their settings (a HikariCP pool: {@code
   * unwrap(HikariDataSource.class)}, for its metrics), or empty when they run on the application's
   * own data source.
   */
  public Optional<DataSource> ownedDataSource() {
    return Optional.ofNullable(ownedPool);
  }

  /** The schema of the tables, folded to the database's case. */
  public String schema() {
    return schema;
  }

  /** Users and their roles. */
  public UserStore users() {
    return users;
  }

  /** Sessions and refresh-token families. */
  public SessionStore sessions() {
    return sessions;
  }

  /** Failure accounting and lockout, under the policy the stores were opened with. */
  public LoginAttemptTracker loginAttempts() {
    return loginAttempts;
  }

  /** Revoked tokens, sessions and users. */
  public TokenBlacklist blacklist() {
    return blacklist;
  }

  /** Token-bucket rate limits. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** Password-reset token hashes. */
  public ResetTokenStore resetTokens() {
    return resetTokens;
  }

  /** The audit trail. */
  public AuditStore audit() {
    return audit;
  }

  /** Keys used once until they expire (client-assertion {@code jti}, TOTP steps). */
  public SingleUseStore singleUse() {
    return singleUse;
  }

  /** OAuth authorization-code hashes, remembered until they expire, used or not. */
  public AuthorizationCodeStore authorizationCodes() {
    return authorizationCodes;
  }

  /** Registered OAuth clients. */
  public ClientStore clients() {
    return clients;
  }

  /** What users have allowed OAuth clients. */
  public ConsentStore consents() {
    return consents;
  }

  /** OAuth device authorization grants (RFC 8628), kept a while after they expire. */
  public DeviceGrantStore deviceGrants() {
    return deviceGrants;
  }

  /** Browser interactions of the authorization and device flows, shared by the fleet. */
  public InteractionStore interactions() {
    return interactions;
  }

  /** Second-factor credentials (TOTP seeds, encrypted by the caller). */
  public FactorStore factors() {
    return factors;
  }

  /** Hashed recovery codes. */
  public RecoveryCodeStore recoveryCodes() {
    return recoveryCodes;
  }

  /** Logins waiting for their second factor. */
  public MfaChallengeStore mfaChallenges() {
    return mfaChallenges;
  }

  /**
   * Deletes every expired row now: sessions that ended more than a day ago, revocations no token
   * can outlive, reservations, failures and locks that no longer count, full rate-limit buckets,
   * expired reset tokens, single-use keys, authorization codes, interactions and MFA challenges,
   * device grants that expired more than ten minutes ago, and audit records older than the audit
   * retention. The scheduled purge runs this every purge interval.
   *
   * @return how many rows were deleted
   * @throws ServiceUnavailableException if the database cannot answer
   */
  public int purgeExpired() {
    return purge();
  }

  private int purge() {
    Instant now = clock.instant();
    // Ended sessions stay findable for a day, so a late refresh still learns why it failed.
    return sessions.purge(now.minus(SESSION_GRACE))
        + blacklist.purge(now)
        + loginAttempts.purge()
        + rateLimiter.purge()
        + resetTokens.purge(now)
        + audit.purge(now.minus(settings.auditRetention()))
        + singleUse.purge(now)
        + authorizationCodes.purge(now)
        + deviceGrants.purge(now.minus(DEVICE_GRANT_GRACE))
        + interactions.purge(now)
        + mfaChallenges.purge(now);
  }

  /** The scheduled purge, or null when the purge interval is zero. */
  Purger purger() {
    return purger;
  }

  /** Stops the scheduled purge and closes the pool built from settings. Idempotent. */
  @Override
  public void close() {
    if (purger != null) {
      purger.close();
    }
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}
