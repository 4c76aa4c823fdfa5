package dev.portcullis.auth.server.internal;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.SettingsReport;
import dev.portcullis.auth.jwt.SigningKeys;
import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.redis.RedisStoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a configuration the way {@code serve} would use it, without changing anything: every
 * setting of every module, the database (reachable, schema up to date), Redis when it is set
 * (reachable, version 7+, {@code maxmemory-policy noeviction}), the signing keys (strength, file
 * permissions), the clock (sane, in step with the database) and the port. Reports every finding in
 * one run, each problem with its fix.
 *
 * <p>Each check is a small {@link Check} of its own ({@link SecretsCheck}, {@link
 * SigningKeysCheck}, {@link KeyFileCheck}, {@link DataDirCheck}, {@link DatabaseCheck}, {@link
 * RedisCheck}, {@link ClockCheck}, {@link PortCheck}) given the typed settings it needs; {@link
 * #examine} reads the settings once and runs the list.
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

  /**
   * One check of the doctor: reads what it was given (typed settings, paths, the clock), changes
   * nothing, and says what it found.
   */
  interface Check {
    /** What this check found, in order; empty when it has nothing to say. */
    List<Finding> run();
  }

  private Doctor() {}

  /** Examines {@code config} (resolved, with command-line overrides applied). */
  public static Report examine(Config config, Clock clock) {
    List<Finding> findings = new ArrayList<>();
    for (Check check : checks(config, clock, findings)) {
      findings.addAll(check.run());
    }
    return new Report(findings);
  }

  /**
   * Reads the settings once, into one {@link SettingsReport} (its problems and warnings become the
   * first findings), and lists the checks to run on what did read, in order: an area whose settings
   * could not be read is left out, its problems already reported, and the others are still checked.
   */
  private static List<Check> checks(Config raw, Clock clock, List<Finding> findings) {
    SettingsReport report = SettingsReport.read(raw);
    Wiring.Settings settings = null;
    List<ConfigProblem> problems = new ArrayList<>(report.problems());
    Wiring.Settings read = null;
    if (problems.isEmpty()) {
      try {
        read = Wiring.settings(report.settings());
      } catch (ConfigurationException e) {
        problems.addAll(e.problems()); // settings valid each on their own, not together
      }
    }
    if (read != null) {
      ServerConfig.Prepared prepared =
          ServerConfig.prepare(Wiring.forTool(read), false, clock.instant());
      settings = prepared.settings();
      findings.add(
          new Finding(
              Level.OK,
              "settings",
              "every setting is valid (environment " + settings.auth().environment().value() + ")",
              null));
      for (String w : prepared.warnings()) {
        findings.add(new Finding(Level.WARN, "data directory", w, null));
      }
      for (String w : settings.auth().warnings()) {
        findings.add(new Finding(Level.WARN, "settings", w, null));
      }
      for (String w : settings.jwt().warnings()) {
        findings.add(new Finding(Level.WARN, "settings", w, null));
      }
    }
    for (ConfigProblem p : problems) {
      findings.add(
          new Finding(
              Level.FAIL,
              p.key() + p.env().map(v -> " (env " + v + ")").orElse(""),
              p.problem(),
              p.fix()));
    }
    List<Check> checks = new ArrayList<>();
    if (settings != null) {
      checks.add(new SecretsCheck(settings.server(), settings.auth().environment().strict()));
      checks.add(new SigningKeysCheck(settings.jwt(), settings.auth().environment().strict()));
    }
    checks.add(new KeyFileCheck(privateKeyFile(report), report.environment().strict()));
    Optional<Path> dataDir = report.find(ServerSettings.class).map(ServerSettings::dataDir);
    checks.add(new DataDirCheck(dataDir));
    boolean memory =
        report
            .find(ServerSettings.class)
            .map(s -> s.store() == ServerSettings.Store.MEMORY)
            .orElse(false);
    if (!memory) {
      // With problems elsewhere, the JDBC settings as read (no embedded database filled in).
      Optional<JdbcStoreSettings> jdbc =
          settings != null
              ? Optional.ofNullable(settings.jdbc())
              : report.find(JdbcStoreSettings.class).filter(JdbcStoreSettings::hasUrl);
      checks.add(new DatabaseCheck(jdbc, dataDir, clock));
    }
    checks.add(
        new RedisCheck(
            settings != null
                ? Optional.ofNullable(settings.redis())
                : report.find(RedisStoreSettings.class).filter(RedisStoreSettings::hasUrl)));
    checks.add(new ClockCheck(clock));
    if (settings != null) {
      checks.add(new PortCheck(settings.server()));
    }
    return checks;
  }

  /** The configured private key file, as the token settings read it. */
  private static Optional<Path> privateKeyFile(SettingsReport report) {
    if (report.find(SigningKeys.class).orElse(null) instanceof SigningKeys.Configured keys
        && keys.active() instanceof SigningKeys.File file) {
      return Optional.of(file.path());
    }
    return Optional.empty();
  }
}
