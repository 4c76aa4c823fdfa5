package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link UserStore} over {@code portcullis_users} and {@code portcullis_user_roles}. Registration
 * is one {@code INSERT ... ON CONFLICT DO NOTHING}, so the unique identifier picks exactly one
 * winner among concurrent registrations on any number of instances. Thread-safe.
 */
public final class JdbcUserStore implements UserStore {
  static final String COMPONENT = "jdbc user store";

  /** The columns of a user and one of its roles, from {@code u} and {@code r}, each aliased. */
  static final String USER_COLUMNS =
      "u.id AS u_id, u.identifier AS u_identifier, u.email AS u_email, u.name AS u_name,"
          + " u.password_hash AS u_password_hash, u.enabled AS u_enabled, u.created_at AS"
          + " u_created_at, u.password_changed_at AS u_password_changed_at, u.email_verified AS"
          + " u_email_verified, u.credentials_version AS u_credentials_version, r.role_name AS"
          + " u_role_name";

  private final Database db;
  private final String insertUser;
  private final String insertRole;
  private final String identifierExists;
  private final String findById;
  private final String findByIdentifier;
  private final String setPassword;
  private final String markEmailVerified;
  private final String replaceHash;
  private final String setEnabled;
  private final String lockUser;
  private final String deleteRoles;
  private final String list;

  public JdbcUserStore(Database db) {
    this.db = db;
    String users = db.tables().name("portcullis_users");
    String roles = db.tables().name("portcullis_user_roles");
    String columns = USER_COLUMNS;
    this.insertUser =
        "INSERT INTO "
            + users
            + " (id, identifier, email, name, password_hash, enabled, created_at,"
            + " password_changed_at, email_verified, credentials_version)"
            + " VALUES (?, ?, ?, ?, ?, TRUE, ?, ?, ?, 0) ON CONFLICT DO NOTHING";
    this.insertRole = "INSERT INTO " + roles + " (user_id, role_name) VALUES (?, ?)";
    this.identifierExists = "SELECT 1 FROM " + users + " WHERE identifier = ?";
    this.findById =
        "SELECT "
            + columns
            + " FROM "
            + users
            + " u LEFT JOIN "
            + roles
            + " r ON r.user_id = u.id WHERE u.id = ?";
    this.findByIdentifier =
        "SELECT "
            + columns
            + " FROM "
            + users
            + " u LEFT JOIN "
            + roles
            + " r ON r.user_id = u.id WHERE u.identifier = ?";
    this.setPassword =
        "UPDATE "
            + users
            + " SET password_hash = ?, password_changed_at = ?,"
            + " credentials_version = credentials_version + 1"
            + " WHERE id = ? AND credentials_version = ?";
    this.markEmailVerified = "UPDATE " + users + " SET email_verified = TRUE WHERE id = ?";
    this.replaceHash =
        "UPDATE " + users + " SET password_hash = ? WHERE id = ? AND password_hash = ?";
    this.setEnabled = "UPDATE " + users + " SET enabled = ? WHERE id = ?";
    this.lockUser = "SELECT id FROM " + users + " WHERE id = ? FOR UPDATE";
    this.deleteRoles = "DELETE FROM " + roles + " WHERE user_id = ?";
    this.list =
        "SELECT "
            + columns
            + " FROM (SELECT * FROM "
            + users
            + " ORDER BY created_at, id LIMIT ? OFFSET ?) u LEFT JOIN "
            + roles
            + " r ON r.user_id = u.id ORDER BY u.created_at, u.id";
  }

  @Override
  public Result<User> create(NewUser user) {
    Objects.requireNonNull(user, "user");
    Args.text(user.id(), "id", 255);
    Args.text(user.identifier(), "identifier", 320);
    Args.text(user.passwordHash(), "passwordHash", Integer.MAX_VALUE);
    checkRoles(user.roles());
    return db.transaction(
        COMPONENT,
        c -> {
          int inserted =
              Sql.update(
                  c,
                  insertUser,
                  user.id(),
                  user.identifier(),
                  Sql.text(user.email()),
                  Sql.text(user.name()),
                  user.passwordHash(),
                  Sql.nanos(user.createdAt()),
                  Sql.nanos(user.createdAt()),
                  user.emailVerified());
          if (inserted == 0) {
            if (Sql.exists(c, identifierExists, user.identifier())) {
              return Result.err(AuthError.of(ErrorKind.IDENTIFIER_TAKEN));
            }
            throw new IllegalArgumentException("a user with id " + user.id() + " exists");
          }
          insertRoles(c, user.id(), user.roles());
          return Result.ok(user.toUser());
        });
  }

  @Override
  public Optional<StoredUser> findById(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(COMPONENT, c -> users(c, findById, userId).stream().findFirst());
  }

  @Override
  public Optional<StoredUser> findByIdentifier(String identifier) {
    Args.text(identifier, "identifier", 320);
    return db.call(COMPONENT, c -> users(c, findByIdentifier, identifier).stream().findFirst());
  }

  @Override
  public boolean setPassword(
      String userId, long expectedVersion, String newHash, Instant changedAt) {
    Args.text(userId, "userId", 255);
    Args.text(newHash, "newHash", Integer.MAX_VALUE);
    Objects.requireNonNull(changedAt, "changedAt");
    return db.call(
        COMPONENT,
        c -> Sql.update(c, setPassword, newHash, changedAt, userId, expectedVersion) > 0);
  }

  @Override
  public boolean markEmailVerified(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(COMPONENT, c -> Sql.update(c, markEmailVerified, userId) > 0);
  }

  @Override
  public boolean replaceHash(String userId, String expectedHash, String newHash) {
    Args.text(userId, "userId", 255);
    Objects.requireNonNull(expectedHash, "expectedHash");
    Args.text(newHash, "newHash", Integer.MAX_VALUE);
    return db.call(COMPONENT, c -> Sql.update(c, replaceHash, newHash, userId, expectedHash) > 0);
  }

  @Override
  public boolean setEnabled(String userId, boolean enabled) {
    Args.text(userId, "userId", 255);
    return db.call(COMPONENT, c -> Sql.update(c, setEnabled, enabled, userId) > 0);
  }

  @Override
  public boolean setRoles(String userId, Set<String> roles) {
    Args.text(userId, "userId", 255);
    Set<String> copy = Set.copyOf(roles);
    checkRoles(copy);
    // The row lock on the user serialises concurrent replacements: the last one wins whole.
    return db.transaction(
        COMPONENT,
        c -> {
          if (!Sql.exists(c, lockUser, userId)) {
            return false;
          }
          Sql.update(c, deleteRoles, userId);
          insertRoles(c, userId, copy);
          return true;
        });
  }

  @Override
  public List<User> list(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, is " + offset);
    }
    Args.limit(limit);
    return db.call(
        COMPONENT, c -> users(c, list, limit, offset).stream().map(StoredUser::user).toList());
  }

  private static void checkRoles(Set<String> roles) {
    Objects.requireNonNull(roles, "roles");
    for (String role : roles) {
      Args.text(role, "role", 255);
    }
  }

  private void insertRoles(Connection c, String userId, Set<String> roles) throws SQLException {
    Sql.batch(c, insertRole, roles.stream().map(role -> new Object[] {userId, role}).toList());
  }

  /**
   * The users a query over the user/role join returns, in row order, one per id, with the roles of
   * their rows gathered.
   */
  private static List<StoredUser> users(Connection c, String sql, Object... args)
      throws SQLException {
    Map<String, StoredUser> users = new LinkedHashMap<>();
    Map<String, Set<String>> roles = new LinkedHashMap<>();
    for (UserRow row : Sql.query(c, sql, UserRow::of, args)) {
      users.putIfAbsent(row.user().user().id(), row.user());
      Set<String> own = roles.computeIfAbsent(row.user().user().id(), id -> new HashSet<>());
      if (row.role() != null) {
        own.add(row.role());
      }
    }
    return users.values().stream().map(u -> withRoles(u, roles.get(u.user().id()))).toList();
  }

  /** Whether this store reads the same database as {@code db}, so its tables can be joined. */
  boolean sharesDatabase(Database other) {
    return db == other;
  }

  /**
   * The user of a row with {@link #USER_COLUMNS} (null where an outer join found none), without
   * roles.
   */
  static StoredUser userOrNull(ResultSet rs) throws SQLException {
    return rs.getString("u_id") == null ? null : UserRow.of(rs).user();
  }

  /** The role of a row with {@link #USER_COLUMNS}, or null. */
  static String role(ResultSet rs) throws SQLException {
    return rs.getString("u_role_name");
  }

  static StoredUser withRoles(StoredUser stored, Set<String> roles) {
    return new StoredUser(
        stored.user().withRoles(roles), stored.passwordHash(), stored.credentialsVersion());
  }

  /** One row of the user/role join: the user (without roles) and one role, or null. */
  private record UserRow(StoredUser user, String role) {
    static UserRow of(ResultSet rs) throws SQLException {
      return new UserRow(
          new StoredUser(
              new User(
                  rs.getString("u_id"),
                  rs.getString("u_identifier"),
                  rs.getString("u_email"),
                  rs.getString("u_name"),
                  Set.of(),
                  rs.getBoolean("u_enabled"),
                  Sql.instant(rs, "u_created_at"),
                  Sql.instant(rs, "u_password_changed_at"),
                  rs.getBoolean("u_email_verified")),
              rs.getString("u_password_hash"),
              rs.getLong("u_credentials_version")),
          rs.getString("u_role_name"));
    }
  }
}
