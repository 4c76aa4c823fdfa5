package dev.portcullis.auth.server.internal;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsReport;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyFiles;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.SigningKeys;
import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a configuration the way {@code serve} would use it, without changing anything: every
 * setting of every module, the database (reachable, schema up to date), the signing keys (strength,
 * file permissions), the clock (sane, in step with the database) and the port. Reports every
 * finding in one run, each problem with its fix. It works on one {@link SettingsReport}: the areas
 * that read are checked even when others have problems.
 *
 * <p>Over 400 lines because it still holds six checks; issue 12 (section 4) splits it into small
 * checks.
 */
public final class Doctor {

  /** How serious a finding is. */
  public enum Level {
    OK,
    INFO,
    WARN,
    FAIL
  }

  /**
   * One finding.
   *
   * @param level how serious
   * @param subject what it is about (a settings key, "database", "clock"...)
   * @param message what was found
   * @param fix what to do, or null
   */
  public record Finding(Level level, String subject, String message, String fix) {
    public Finding {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Everything found.
   *
   * @param findings in the order checked
   */
  public record Report(List<Finding> findings) {
    public Report {
      findings = List.copyOf(findings);
    }

    /** The findings that must be fixed. */
    public List<Finding> problems() {
      return findings.stream().filter(f -> f.level() == Level.FAIL).toList();
    }
  }

  private static final Duration SKEW_WARN = Duration.ofSeconds(5);
  private static final Instant EARLIEST_SANE = Instant.parse("2024-01-01T00:00:00Z");

  private final Clock clock;
  private final List<Finding> findings = new ArrayList<>();

  private Doctor(Clock clock) {
    this.clock = clock;
  }

  /** Examines {@code config} (resolved, with command-line overrides applied). */
  public static Report examine(Config config, Clock clock) {
    Doctor d = new Doctor(clock);
    d.run(config);
    return new Report(d.findings);
  }

  private void run(Config raw) {
    SettingsReport report = SettingsReport.read(raw);
    ServerConfig.Prepared prepared = null;
    Wiring.Settings settings = null;
    if (report.problems().isEmpty()) {
      prepared =
          ServerConfig.prepare(
              Wiring.forTool(Wiring.settings(report.settings())), false, clock.instant());
      settings = prepared.settings();
      add(
          Level.OK,
          "settings",
          "every setting is valid (environment " + settings.auth().environment().value() + ")",
          null);
      for (String w : prepared.warnings()) {
        add(Level.WARN, "data directory", w, null);
      }
      for (String w : settings.auth().warnings()) {
        add(Level.WARN, "settings", w, null);
      }
      for (String w : settings.jwt().warnings()) {
        add(Level.WARN, "settings", w, null);
      }
      secrets(settings.server());
      keys(settings.jwt());
    }
    for (ConfigProblem p : report.problems()) {
      add(
          Level.FAIL,
          p.key() + p.env().map(v -> " (env " + v + ")").orElse(""),
          p.problem(),
          p.fix());
    }
    // The areas that did read are checked even when others have problems.
    keyFiles(report);
    report.find(ServerSettings.class).map(ServerSettings::dataDir).ifPresent(this::dataDirModes);
    database(settings, report);
    clockSanity();
    port(settings);
  }

  private void secrets(ServerSettings s) {
    if (s.sync().isEmpty()) {
      add(
          Level.WARN,
          "auth.server.sync-secret (env AUTH_SERVER_SYNC_SECRET)",
          "is not set: POST /admin/users/sync is off, so a front end that syncs users on sign-in"
              + " creates none and they get 401 everywhere.",
          "set AUTH_SERVER_SYNC_SECRET=\"$(openssl rand -base64 32)\" here and in the front end,"
              + " or ignore this if nothing syncs users");
    } else {
      add(Level.OK, "auth.server.sync-secret", "set: user sync is on", null);
    }
    if (s.admin().isEmpty()) {
      add(
          Level.INFO,
          "auth.server.admin-secret",
          "is not set: /admin/lockouts is off (the 'lockouts' command still works)",
          null);
    }
    for (String w : s.warnings()) {
      add(Level.WARN, "auth.server", w, null);
    }
  }

  private void keys(JwtSettings jwt) {
    if (jwt.verifyOnly()) {
      add(
          Level.OK,
          "keys",
          "verify-only: keys come from " + jwt.remote().map(r -> r.url().toString()).orElse("?"),
          null);
      return;
    }
    KeyRing ring;
    try {
      ring = jwt.signingKeys().load(KeyFiles.system());
    } catch (ConfigurationException e) {
      for (ConfigProblem p : e.problems()) {
        add(
            Level.FAIL,
            p.key() + p.env().map(v -> " (env " + v + ")").orElse(""),
            p.problem(),
            p.fix());
      }
      return;
    }
    JwtKey active = ring.active();
    add(Level.OK, "keys", "signing with " + describe(active) + ", key id " + active.keyId(), null);
    for (JwtKey k : ring.passive()) {
      add(
          Level.INFO,
          "keys",
          "previous key "
              + k.keyId()
              + " verifies until "
              + k.retireAt().map(Instant::toString).orElse("?"),
          null);
    }
    if (active.verificationKey() instanceof RSAKey rsa && rsa.getModulus().bitLength() < 3072) {
      add(
          Level.WARN,
          "auth.token.private-key-file",
          "holds a "
              + rsa.getModulus().bitLength()
              + "-bit RSA key; NIST deprecates keys under"
              + " 3072 bits after 2030.",
          "generate a stronger one: keys generate --algorithm " + active.algorithm().jwaName());
    }
  }

  /**
   * The configured private key readable by others (the development keys are in the data directory,
   * see {@link #dataDirModes}).
   */
  private void keyFiles(SettingsReport report) {
    if (!(report.find(SigningKeys.class).orElse(null) instanceof SigningKeys.Configured keys)
        || !(keys.active() instanceof SigningKeys.File file)) {
      return;
    }
    Level level = report.environment().strict() ? Level.FAIL : Level.WARN;
    OwnerOnlyFiles.looseness(file.path())
        .ifPresent(
            why ->
                add(
                    level,
                    file.setting()
                        + " (env "
                        + SettingsReader.environmentVariable(file.setting())
                        + ")",
                    "names a file that " + why + ".",
                    "chmod 600 " + file.path()));
  }

  /**
   * The data directory and everything in it must be owner-only: it holds the database (password
   * hashes), its password and the key of its port, and the development keys.
   */
  private void dataDirModes(Path dataDir) {
    Optional<Path> dir = Optional.of(dataDir);
    if (!Files.isDirectory(dir.get())) {
      return;
    }
    try {
      List<OwnerOnlyFiles.Loose> loose = OwnerOnlyFiles.loose(dir.get());
      if (loose.isEmpty()) {
        if (OwnerOnlyFiles.posix(dir.get())) {
          add(Level.OK, "data directory", dir.get() + " and everything in it are owner-only", null);
        }
        return;
      }
      add(
          Level.FAIL,
          "data directory " + dir.get(),
          "is open to other users of this machine ("
              + ServerConfig.describe(loose)
              + "): they could read the database with its password hashes, the database password"
              + " and the development keys.",
          "chmod -R go-rwx " + dir.get() + " ('serve' also does this when it starts)");
    } catch (IOException e) {
      add(
          Level.WARN,
          "data directory " + dir.get(),
          "its permissions could not be checked (" + e.getClass().getSimpleName() + ")",
          null);
    }
  }

  private void database(Wiring.Settings settings, SettingsReport report) {
    boolean memory =
        settings != null
            ? settings.jdbc() == null
            : report
                .find(ServerSettings.class)
                .map(s -> s.store() == ServerSettings.Store.MEMORY)
                .orElse(false);
    if (memory) {
      add(
          Level.INFO,
          "database",
          "memory store: nothing to check (state is lost at restart)",
          null);
      return;
    }
    // With problems elsewhere, the JDBC settings as read (no embedded database filled in).
    JdbcStoreSettings jdbc =
        settings != null
            ? settings.jdbc()
            : report.find(JdbcStoreSettings.class).filter(JdbcStoreSettings::hasUrl).orElse(null);
    if (jdbc == null) {
      return; // its problems are reported with the settings
    }
    Optional<Path> dir = report.find(ServerSettings.class).map(ServerSettings::dataDir);
    String local = dir.map(d -> EmbeddedDatabase.url(d, false)).orElse(null);
    boolean embedded =
        local != null && (jdbc.url().equals(local) || jdbc.url().startsWith(local + ";"));
    if (embedded) {
      if (!Files.exists(EmbeddedDatabase.file(dir.get()))) {
        add(
            Level.INFO,
            "database",
            "the embedded database does not exist yet; 'serve' creates it in " + dir.get(),
            null);
        return;
      }
    }
    JdbcStoreSettings check = jdbc.withMigrateOnStart(false).withPoolSize(1);
    try (JdbcStores stores = JdbcStores.open(check, clock, LockoutPolicy.defaults())) {
      add(
          Level.OK,
          "database",
          "reachable (" + jdbc.redactedUrl() + "), Portcullis schema up to date",
          null);
    } catch (ServiceUnavailableException e) {
      String message = e.error().message();
      boolean schema = message.contains("schema version") || message.contains("migrations");
      if (schema && jdbc.migrateOnStart()) {
        add(Level.INFO, "database", "migrations are pending; 'serve' applies them at start", null);
      } else {
        add(
            Level.FAIL,
            "database (" + jdbc.redactedUrl() + ")",
            message,
            schema
                ? "set AUTH_STORE_JDBC_MIGRATE_ON_START=true for one start, or run the"
                    + " migrations with your deployment tool"
                : "check that the database runs and accepts this user, then"
                    + " auth.store.jdbc.url, username and password");
      }
      return;
    } catch (ConfigurationException e) {
      for (ConfigProblem p : e.problems()) {
        add(Level.FAIL, p.key(), p.problem(), p.fix());
      }
      return;
    }
    databaseClock(jdbc);
  }

  private void databaseClock(JdbcStoreSettings jdbc) {
    try (Connection c =
            DriverManager.getConnection(
                jdbc.url(),
                jdbc.username().isEmpty() ? null : jdbc.username(),
                jdbc.password().isEmpty() ? null : jdbc.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
      if (!rs.next()) {
        return;
      }
      OffsetDateTime db = rs.getObject(1, OffsetDateTime.class);
      Duration skew = Duration.between(db.toInstant(), clock.instant()).abs();
      if (skew.compareTo(Duration.ofMinutes(1)) > 0) {
        add(
            Level.FAIL,
            "clock",
            "this host and the database disagree by " + skew.toSeconds() + " s.",
            "synchronise both clocks with NTP (timedatectl set-ntp true)");
      } else if (skew.compareTo(SKEW_WARN) > 0) {
        add(
            Level.WARN,
            "clock",
            "this host and the database disagree by " + skew.toSeconds() + " s.",
            "synchronise both clocks with NTP (timedatectl set-ntp true)");
      } else {
        add(Level.OK, "clock", "in step with the database (" + skew.toMillis() + " ms)", null);
      }
    } catch (SQLException | RuntimeException e) {
      add(
          Level.INFO,
          "clock",
          "could not read the database's clock (" + e.getClass().getSimpleName() + ")",
          null);
    }
  }

  private void clockSanity() {
    Instant now = clock.instant();
    if (now.isBefore(EARLIEST_SANE)) {
      add(
          Level.FAIL,
          "clock",
          "the system clock reads "
              + now.atOffset(ZoneOffset.UTC)
              + ", which cannot be right;"
              + " every token would be refused or live too long.",
          "set the time and keep it synchronised with NTP (timedatectl set-ntp true)");
    }
  }

  private void port(Wiring.Settings settings) {
    if (settings == null || settings.server().port() == 0) {
      return;
    }
    ServerSettings s = settings.server();
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(s.host(), s.port()));
      add(Level.OK, "port", s.host() + ":" + s.port() + " is free", null);
    } catch (IOException e) {
      add(
          Level.INFO,
          "port",
          s.host() + ":" + s.port() + " is in use (a running server, or another program)",
          "stop the other program or choose another with --port / AUTH_SERVER_PORT");
    }
  }

  private static String describe(JwtKey key) {
    String alg = key.algorithm().jwaName();
    if (key.symmetric()) {
      return alg + " shared secret";
    }
    if (key.verificationKey() instanceof RSAKey rsa) {
      return alg + " (" + rsa.getModulus().bitLength() + "-bit RSA)";
    }
    return alg + (key.algorithm().curve() != null ? " (" + key.algorithm().curve() + ")" : "");
  }

  private void add(Level level, String subject, String message, String fix) {
    findings.add(new Finding(level, subject, message, fix));
  }
}
