package dev.portcullis.auth.server.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.SigningKeys;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills in what the data directory provides to the settings read once: the embedded H2 database
 * when no JDBC URL is set, and development signing keys when no key is configured (never in staging
 * or production). Also the command line's layer of the configuration.
 */
public final class ServerConfig {

  /** The file name (without {@code .mv.db}) of the embedded database in the data directory. */
  public static final String DATABASE_NAME = EmbeddedDatabase.NAME;

  private ServerConfig() {}

  /**
   * The settings the command line sets ({@code --host}, {@code --port}, {@code --data-dir}), by
   * key, for {@link dev.portcullis.auth.core.settings.AuthConfig.Loader#commandLine}; null values
   * are left out.
   */
  public static Map<String, Object> commandLine(Integer port, Path dataDir) {
    return commandLine(null, port, dataDir);
  }

  /** As {@link #commandLine(Integer, Path)}, with {@code serve --host}. */
  public static Map<String, Object> commandLine(String host, Integer port, Path dataDir) {
    Map<String, Object> o = new LinkedHashMap<>();
    if (host != null) {
      o.put("auth.server.host", host);
    }
    if (port != null) {
      o.put("auth.server.port", port);
    }
    if (dataDir != null) {
      o.put("auth.server.data-dir", dataDir.toString());
    }
    return o;
  }

  /**
   * {@code config}, already loaded, with the command line's values on top: the top layer of {@link
   * dev.portcullis.auth.core.settings.AuthConfig}'s order, for a configuration given to the
   * server's builder.
   */
  public static Config withOverrides(Config config, Integer port, Path dataDir) {
    Map<String, Object> o = commandLine(port, dataDir);
    return o.isEmpty() ? config : ConfigFactory.parseMap(o, "command line").withFallback(config);
  }

  /**
   * The settings to run with, and what the data directory contributed.
   *
   * @param settings the settings read once, with what the data directory provides filled in
   * @param notes what was filled in, for the start-up log
   * @param warnings what an operator should fix, for the start-up log
   * @param dataDir the data directory when these settings keep files there (embedded database,
   *     development keys), else null
   */
  public record Prepared(
      Wiring.Settings settings, List<String> notes, List<String> warnings, Path dataDir) {
    public Prepared {
      notes = List.copyOf(notes);
      warnings = List.copyOf(warnings);
    }

    /**
     * Makes the data directory owner-only again, after the database has created its files there
     * (with the process's umask, typically readable by everyone). Does nothing when these settings
     * keep no files there.
     *
     * @throws ConfigurationException when that is impossible
     */
    public void restrictDataDir() {
      if (dataDir != null) {
        restrict(dataDir);
      }
    }
  }

  /**
   * Fills in what the data directory provides to settings read once: the embedded database when no
   * JDBC URL is set, and a development signing key (kept in the data directory) where the token
   * settings would generate one for the process, that is never in staging or production.
   *
   * @param createFiles whether missing keys may be generated and the data directory created ({@code
   *     serve} and the admin commands); false only looks ({@code doctor})
   * @param now for the retirement of a rotated key
   */
  public static Prepared prepare(Wiring.Settings settings, boolean createFiles, Instant now) {
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Path dataDir = settings.server().dataDir();
    boolean strict = settings.auth().environment().strict();
    JdbcStoreSettings jdbc = settings.jdbc();

    // Staging and production get the embedded database only when it is allowed; otherwise the
    // URL stays unset and the server settings have refused it
    // (auth.server.allow-embedded-database).
    boolean embedded =
        jdbc != null && !jdbc.hasUrl() && (!strict || settings.server().allowEmbeddedDatabase());
    // The token settings generate a key for the process only where nothing is configured, which
    // staging and production refuse; the server keeps that key in the data directory instead.
    Optional<SigningKeys.Configured> keys =
        settings
            .jwt()
            .signing()
            .filter(SigningKeys.Configured.class::isInstance)
            .map(k -> (SigningKeys.Configured) k);
    Optional<JwsAlgorithm> devKeys =
        keys.map(SigningKeys.Configured::active)
            .filter(SigningKeys.Generated.class::isInstance)
            .map(k -> (SigningKeys.Generated) k)
            .map(SigningKeys.Generated::algorithm);
    boolean keepsFiles = embedded || devKeys.isPresent();

    if (createFiles && keepsFiles) {
      OwnerOnlyFiles.createDirectories(dataDir);
      List<OwnerOnlyFiles.Loose> fixed = restrict(dataDir);
      if (!fixed.isEmpty()) {
        warnings.add(
            "the data directory "
                + dataDir
                + " was open to other users of this machine ("
                + describe(fixed)
                + "); it and everything in it are now owner-only. Keep it so: it holds the"
                + " database and the keys.");
      }
    }

    Wiring.Settings out = settings;
    if (embedded) {
      EmbeddedDatabase.Access db = EmbeddedDatabase.prepare(dataDir, createFiles);
      // The embedded database is ours: bring its schema up to date at every start.
      out =
          out.withJdbc(
              jdbc.withConnection(db.url(), db.username(), db.password()).withMigrateOnStart(true));
      notes.add(
          "embedded H2 database "
              + EmbeddedDatabase.file(dataDir)
              + " (admin commands can open it while the server runs, through a port on 127.0.0.1"
              + " that requires the password in "
              + EmbeddedDatabase.passwordFile(dataDir)
              + ")");
      notes.addAll(db.notes());
      warnings.addAll(db.warnings());
      if (strict) {
        warnings.add(
            JdbcStoreSettings.URL
                + " (env "
                + SettingsReader.environmentVariable(JdbcStoreSettings.URL)
                + ") is not set: using the embedded H2 database (auth.server.allow-embedded-database"
                + " is true), which serves one instance only. Fix: point it at PostgreSQL.");
      }
    }

    if (devKeys.isPresent()) {
      JwsAlgorithm alg = devKeys.get();
      Path file = DevKeys.activeFile(dataDir, alg);
      if (!Files.exists(file) && createFiles) {
        DevKeys.generate(file, alg, false);
        notes.add(
            "generated a development "
                + alg.jwaName()
                + " signing key "
                + file
                + " (owner-only, reused at every start). Staging and production must configure"
                + " their own (AUTH_TOKEN_PRIVATE_KEY_FILE or AUTH_TOKEN_SECRET_KEY).");
        Path former = DevKeys.activeFile(dataDir, JwsAlgorithm.EDDSA);
        if (alg != JwsAlgorithm.EDDSA && Files.exists(former)) {
          notes.add(
              "the EdDSA development key "
                  + former
                  + " (the default before issue 13) is no longer used: tokens it signed stop"
                  + " verifying and those users sign in again. To keep it, set"
                  + " auth.token.algorithm = EdDSA (AUTH_TOKEN_ALGORITHM=EdDSA); otherwise delete"
                  + " it.");
        }
      }
      if (Files.exists(file)) {
        Optional<SigningKeys.Key> previous = keys.get().previous();
        if (previous.isEmpty()) {
          previous = DevKeys.previous(dataDir, now);
          previous.ifPresent(
              p -> notes.add("the previous development key verifies until " + retireAt(p)));
        }
        out =
            out.withJwt(
                settings
                    .jwt()
                    .withSigningKeys(
                        new SigningKeys.Configured(
                            DevKeys.activeKey(file, alg), previous, keys.get().next())));
        OwnerOnlyFiles.looseness(file)
            .ifPresent(
                why ->
                    warnings.add(
                        "the signing key " + file + " " + why + ". Fix: chmod 600 " + file));
      }
    }
    return new Prepared(out, notes, warnings, keepsFiles ? dataDir : null);
  }

  private static String retireAt(SigningKeys.Key key) {
    if (key instanceof SigningKeys.File f && f.retireAt() != null) {
      return f.retireAt().toString();
    }
    if (key instanceof SigningKeys.Secret s) {
      return s.key().retireAt().map(Instant::toString).orElse("?");
    }
    return "?";
  }

  /**
   * Removes every group and other permission from {@code dataDir} and its entries.
   *
   * @return what was open before
   * @throws ConfigurationException naming the data directory when that is impossible
   */
  private static List<OwnerOnlyFiles.Loose> restrict(Path dataDir) {
    try {
      return OwnerOnlyFiles.restrictToOwner(dataDir);
    } catch (IOException e) {
      throw new ConfigurationException(
          List.of(
              new ConfigProblem(
                  "auth.server.data-dir",
                  SettingsReader.environmentVariable("auth.server.data-dir"),
                  "is "
                      + dataDir
                      + ", which other users of this machine can read or enter, and it cannot be"
                      + " made owner-only ("
                      + e.getClass().getSimpleName()
                      + (e.getMessage() == null ? "" : ": " + e.getMessage())
                      + "). Portcullis does not start on a database and keys that others can"
                      + " read.",
                  "run Portcullis as the directory's owner, or make it owner-only: chmod -R go-rwx "
                      + dataDir)));
    }
  }

  /** A few of {@code loose}, for a message. */
  static String describe(List<OwnerOnlyFiles.Loose> loose) {
    StringBuilder b = new StringBuilder();
    int shown = Math.min(3, loose.size());
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(loose.get(i).path()).append(' ').append(loose.get(i).permissions());
    }
    if (loose.size() > shown) {
      b.append(" and ").append(loose.size() - shown).append(" more");
    }
    return b.toString();
  }

  /** The JDBC URL of the embedded database in {@code dataDir}, in H2's automatic mixed mode. */
  public static String h2Url(Path dataDir) {
    return EmbeddedDatabase.url(dataDir, true);
  }

  /** The data directory of {@code config}, if it is a usable path. */
  public static Optional<Path> dataDir(Config config) {
    String raw = string(config, "auth.server.data-dir").trim();
    if (raw.isEmpty() || raw.contains(";")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(raw).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * The algorithm of development keys: {@code auth.token.algorithm} (RS256 unless set, so that the
   * JWKS endpoint publishes a key every resource server verifies), empty when it names none.
   */
  public static Optional<JwsAlgorithm> devAlgorithm(Config config) {
    return JwsAlgorithm.fromJwaName(string(config, "auth.token.algorithm").trim());
  }

  private static String string(Config config, String path) {
    try {
      return config.hasPath(path) ? config.getString(path) : "";
    } catch (com.typesafe.config.ConfigException e) {
      return "";
    }
  }
}
