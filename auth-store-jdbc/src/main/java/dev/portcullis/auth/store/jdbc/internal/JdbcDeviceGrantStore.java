package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.DevicePoll;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link DeviceGrantStore} over {@code portcullis_device_grants}. Approval and denial are one
 * conditional {@code UPDATE ... WHERE status = 'PENDING' AND expires_at > ?}: of concurrent calls
 * only the statement that changed the row returns true. A poll reads the row with {@code SELECT ...
 * FOR UPDATE} and writes its outcome in the same transaction, so concurrent polls of one grant, on
 * any number of instances, run one after the other and exactly one sees it approved. Thread-safe.
 */
public final class JdbcDeviceGrantStore implements DeviceGrantStore {
  static final String COMPONENT = "jdbc device grant store";

  private static final String COLUMNS =
      "device_code_hash, user_code_hash, client_id, scope, created_at, expires_at, interval_nanos,"
          + " last_polled_at, status, user_id, session_id, auth_time, credentials_version,"
          + " amr, slowed_down";

  private final Database db;
  private final String insert;
  private final String findPending;
  private final String approve;
  private final String deny;
  private final String lock;
  private final String recordPoll;
  private final String purge;
  private final String count;

  public JdbcDeviceGrantStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_device_grants");
    this.insert =
        "INSERT INTO "
            + t
            + " ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.findPending =
        "SELECT "
            + COLUMNS
            + " FROM "
            + t
            + " WHERE user_code_hash = ? AND status = 'PENDING' AND expires_at > ?";
    this.approve =
        "UPDATE "
            + t
            + " SET status = 'APPROVED', user_id = ?, session_id = ?, auth_time = ?,"
            + " credentials_version = ?, amr = ?"
            + " WHERE user_code_hash = ? AND status = 'PENDING' AND expires_at > ?";
    this.deny =
        "UPDATE "
            + t
            + " SET status = 'DENIED' WHERE user_code_hash = ? AND status = 'PENDING'"
            + " AND expires_at > ?";
    this.lock = "SELECT " + COLUMNS + " FROM " + t + " WHERE device_code_hash = ? FOR UPDATE";
    this.recordPoll =
        "UPDATE "
            + t
            + " SET interval_nanos = ?, last_polled_at = ?, status = ?, slowed_down = ?"
            + " WHERE device_code_hash = ?";
    this.purge = "DELETE FROM " + t + " WHERE expires_at < ?";
    this.count = "SELECT COUNT(*) FROM " + t;
  }

  @Override
  public void save(DeviceGrant grant) {
    Objects.requireNonNull(grant, "grant");
    Args.text(grant.clientId(), "clientId", 255);
    String scope = String.join(" ", grant.scope());
    if (scope.length() > 4096) {
      throw new IllegalArgumentException("scope must be at most 4096 characters");
    }
    if (grant.userId() != null) {
      Args.text(grant.userId(), "userId", 255);
      Args.text(grant.sessionId(), "sessionId", 255);
    }
    db.call(
        COMPONENT,
        c ->
            Sql.insertNew(
                c,
                insert,
                "this device grant's code hashes are stored already",
                grant.deviceCodeHash(),
                grant.userCodeHash(),
                grant.clientId(),
                scope,
                grant.createdAt(),
                grant.expiresAt(),
                grant.interval().toNanos(),
                Sql.nanos(grant.lastPolledAt()),
                grant.status().name(),
                Sql.text(grant.userId()),
                Sql.text(grant.sessionId()),
                Sql.nanos(grant.authTime()),
                grant.credentialsVersion() == null
                    ? Sql.nanos(null)
                    : (Object) grant.credentialsVersion(),
                String.join(" ", grant.amr()),
                grant.slowedDown()));
  }

  @Override
  public Optional<DeviceGrant> findByUserCode(String userCodeHash, Instant now) {
    sha256(userCodeHash, "userCodeHash");
    Objects.requireNonNull(now, "now");
    return db.call(
        COMPONENT,
        c -> Sql.queryOne(c, findPending, JdbcDeviceGrantStore::grant, userCodeHash, now));
  }

  @Override
  public boolean approve(
      String userCodeHash,
      String userId,
      String sessionId,
      Instant authTime,
      long credentialsVersion,
      List<String> amr,
      Instant now) {
    sha256(userCodeHash, "userCodeHash");
    Args.text(userId, "userId", 255);
    Args.text(sessionId, "sessionId", 255);
    Objects.requireNonNull(authTime, "authTime");
    if (credentialsVersion < 0) {
      throw new IllegalArgumentException("credentialsVersion must be at least 0");
    }
    Objects.requireNonNull(now, "now");
    String methods = String.join(" ", DeviceGrant.checkAmr(amr));
    return db.call(
            COMPONENT,
            c ->
                Sql.update(
                    c,
                    approve,
                    userId,
                    sessionId,
                    authTime,
                    credentialsVersion,
                    methods,
                    userCodeHash,
                    now))
        == 1;
  }

  @Override
  public boolean deny(String userCodeHash, Instant now) {
    sha256(userCodeHash, "userCodeHash");
    Objects.requireNonNull(now, "now");
    return db.call(COMPONENT, c -> Sql.update(c, deny, userCodeHash, now)) == 1;
  }

  @Override
  public DevicePoll poll(String deviceCodeHash, Instant now, Duration tolerance) {
    sha256(deviceCodeHash, "deviceCodeHash");
    Objects.requireNonNull(now, "now");
    DeviceGrant.checkTolerance(tolerance);
    return db.transaction(
        COMPONENT,
        c -> {
          Optional<DeviceGrant> locked =
              Sql.queryOne(c, lock, JdbcDeviceGrantStore::grant, deviceCodeHash);
          if (locked.isEmpty()) {
            return new DevicePoll.Invalid();
          }
          DeviceGrant.Polled step = locked.get().poll(now, tolerance);
          if (!(step.outcome() instanceof DevicePoll.Invalid)) {
            DeviceGrant next = step.next();
            Sql.update(
                c,
                recordPoll,
                next.interval().toNanos(),
                next.lastPolledAt(),
                next.status().name(),
                next.slowedDown(),
                deviceCodeHash);
          }
          return step.outcome();
        });
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(COMPONENT, c -> Sql.update(c, purge, cutoff));
  }

  /** How many grants, in any status, the table holds. */
  public long storedGrants() {
    return db.call(COMPONENT, c -> Sql.count(c, count));
  }

  private static void sha256(String value, String name) {
    Args.text(value, name, 64);
    if (!value.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(name + " must be 64 lower-case hex digits (SHA-256)");
    }
  }

  private static List<String> amr(String stored) {
    return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(" "));
  }

  private static DeviceGrant grant(ResultSet rs) throws SQLException {
    String scope = rs.getString("scope");
    Set<String> scopes =
        scope.isEmpty()
            ? Set.of()
            : Arrays.stream(scope.split(" ")).collect(Collectors.toUnmodifiableSet());
    long version = rs.getLong("credentials_version");
    Long credentialsVersion = rs.wasNull() ? null : version;
    return new DeviceGrant(
        rs.getString("device_code_hash"),
        rs.getString("user_code_hash"),
        rs.getString("client_id"),
        scopes,
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "expires_at"),
        Duration.ofNanos(rs.getLong("interval_nanos")),
        Sql.instant(rs, "last_polled_at"),
        DeviceGrant.Status.valueOf(rs.getString("status")),
        rs.getString("user_id"),
        rs.getString("session_id"),
        Sql.instant(rs, "auth_time"),
        credentialsVersion,
        amr(rs.getString("amr")),
        rs.getBoolean("slowed_down"));
  }
}
