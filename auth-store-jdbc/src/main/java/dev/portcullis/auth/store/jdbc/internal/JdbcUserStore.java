package dev.portcullis.auth.store.jdbc.internal;

import static dev.portcullis.auth.store.jdbc.internal.Rows.bindInstant;
import static dev.portcullis.auth.store.jdbc.internal.Rows.bindText;
import static dev.portcullis.auth.store.jdbc.internal.Rows.instant;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
    String columns =
        "u.id, u.identifier, u.email, u.name, u.password_hash, u.enabled, u.created_at,"
            + " u.password_changed_at, u.email_verified, u.credentials_version, r.role_name";
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
          int inserted;
          try (PreparedStatement ps = c.prepareStatement(insertUser)) {
            ps.setString(1, user.id());
            ps.setString(2, user.identifier());
            bindText(ps, 3, user.email());
            bindText(ps, 4, user.name());
            ps.setString(5, user.passwordHash());
            bindInstant(ps, 6, user.createdAt());
            bindInstant(ps, 7, user.createdAt());
            ps.setBoolean(8, user.emailVerified());
            inserted = ps.executeUpdate();
          }
          if (inserted == 0) {
            if (exists(c, identifierExists, user.identifier())) {
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
    return db.call(COMPONENT, c -> first(c, findById, userId));
  }

  @Override
  public Optional<StoredUser> findByIdentifier(String identifier) {
    Args.text(identifier, "identifier", 320);
    return db.call(COMPONENT, c -> first(c, findByIdentifier, identifier));
  }

  @Override
  public boolean setPassword(
      String userId, long expectedVersion, String newHash, Instant changedAt) {
    Args.text(userId, "userId", 255);
    Args.text(newHash, "newHash", Integer.MAX_VALUE);
    Objects.requireNonNull(changedAt, "changedAt");
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(setPassword)) {
            ps.setString(1, newHash);
            bindInstant(ps, 2, changedAt);
            ps.setString(3, userId);
            ps.setLong(4, expectedVersion);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public boolean markEmailVerified(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(markEmailVerified)) {
            ps.setString(1, userId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public boolean replaceHash(String userId, String expectedHash, String newHash) {
    Args.text(userId, "userId", 255);
    Objects.requireNonNull(expectedHash, "expectedHash");
    Args.text(newHash, "newHash", Integer.MAX_VALUE);
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(replaceHash)) {
            ps.setString(1, newHash);
            ps.setString(2, userId);
            ps.setString(3, expectedHash);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public boolean setEnabled(String userId, boolean enabled) {
    Args.text(userId, "userId", 255);
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(setEnabled)) {
            ps.setBoolean(1, enabled);
            ps.setString(2, userId);
            return ps.executeUpdate() > 0;
          }
        });
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
          if (!exists(c, lockUser, userId)) {
            return false;
          }
          try (PreparedStatement ps = c.prepareStatement(deleteRoles)) {
            ps.setString(1, userId);
            ps.executeUpdate();
          }
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
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(list)) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            return read(ps).stream().map(StoredUser::user).toList();
          }
        });
  }

  private static void checkRoles(Set<String> roles) {
    Objects.requireNonNull(roles, "roles");
    for (String role : roles) {
      Args.text(role, "role", 255);
    }
  }

  private void insertRoles(Connection c, String userId, Set<String> roles) throws SQLException {
    if (roles.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(insertRole)) {
      for (String role : roles) {
        ps.setString(1, userId);
        ps.setString(2, role);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static boolean exists(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Optional<StoredUser> first(Connection c, String sql, String value)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      List<StoredUser> users = read(ps);
      return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0));
    }
  }

  /** Users in row order, one per id, with the roles of their rows gathered. */
  private static List<StoredUser> read(PreparedStatement ps) throws SQLException {
    Map<String, UserRow> rows = new LinkedHashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString("id");
        UserRow row = rows.get(id);
        if (row == null) {
          row =
              new UserRow(
                  id,
                  rs.getString("identifier"),
                  rs.getString("email"),
                  rs.getString("name"),
                  rs.getString("password_hash"),
                  rs.getBoolean("enabled"),
                  instant(rs, "created_at"),
                  instant(rs, "password_changed_at"),
                  rs.getBoolean("email_verified"),
                  rs.getLong("credentials_version"),
                  new HashSet<>());
          rows.put(id, row);
        }
        String role = rs.getString("role_name");
        if (role != null) {
          row.roles().add(role);
        }
      }
    }
    List<StoredUser> users = new ArrayList<>(rows.size());
    for (UserRow r : rows.values()) {
      users.add(
          new StoredUser(
              new User(
                  r.id(),
                  r.identifier(),
                  r.email(),
                  r.name(),
                  r.roles(),
                  r.enabled(),
                  r.createdAt(),
                  r.passwordChangedAt(),
                  r.emailVerified()),
              r.passwordHash(),
              r.credentialsVersion()));
    }
    return users;
  }

  private record UserRow(
      String id,
      String identifier,
      String email,
      String name,
      String passwordHash,
      boolean enabled,
      Instant createdAt,
      Instant passwordChangedAt,
      boolean emailVerified,
      long credentialsVersion,
      Set<String> roles) {}
}
