package dev.portcullis.auth.server.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.Environment;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fills in what the data directory provides to the configuration that {@link
 * dev.portcullis.auth.core.settings.AuthConfig} loaded: the embedded H2 database when no JDBC URL
 * is set, and development signing keys when no key is configured (never in staging or production).
 */
public final class ServerConfig {

  /** The file name (without {@code .mv.db}) of the embedded database in the data directory. */
  public static final String DATABASE_NAME = EmbeddedDatabase.NAME;

  private ServerConfig() {}

  /**
   * The settings the command line sets ({@code --port}, {@code --data-dir}), by key, for {@link
   * dev.portcullis.auth.core.settings.AuthConfig.Loader#commandLine}; null values are left out.
   */
  public static Map<String, Object> commandLine(Integer port, Path dataDir) {
    Map<String, Object> o = new LinkedHashMap<>();
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
   * The configuration to run with, and what the data directory contributed.
   *
   * @param config the resolved configuration
   * @param notes what was filled in, for the start-up log
   * @param warnings what an operator should fix, for the start-up log
   * @param dataDir the data directory when this configuration keeps files there (embedded database,
   *     development keys), else null
   */
  public record Prepared(Config config, List<String> notes, List<String> warnings, Path dataDir) {
    public Prepared {
      notes = List.copyOf(notes);
      warnings = List.copyOf(warnings);
    }

    /**
     * Makes the data directory owner-only again, after the database has created its files there
     * (with the process's umask, typically readable by everyone). Does nothing when this
     * configuration keeps no files there.
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
   * Fills in the embedded database and the development keys.
   *
   * @param createFiles whether missing keys may be generated and the data directory created ({@code
   *     serve} and the admin commands); false only looks ({@code doctor})
   * @param now for the retirement of a rotated key
   */
  public static Prepared prepare(Config config, boolean createFiles, Instant now) {
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Optional<Path> dir = dataDir(config);
    if (dir.isEmpty()) {
      return new Prepared(config, notes, warnings, null); // validation names the problem
    }
    Path dataDir = dir.get();
    Optional<Environment> env = environment(config);
    boolean strict = env.map(Environment::strict).orElse(true);
    Map<String, Object> o = new LinkedHashMap<>();

    // Staging and production get the embedded database only when it is allowed; otherwise the
    // URL stays unset and validation refuses it (auth.server.allow-embedded-database).
    boolean embedded =
        "jdbc".equals(string(config, "auth.server.store").toLowerCase(Locale.ROOT))
            && string(config, "auth.store.jdbc.url").isBlank()
            && (!strict || bool(config, "auth.server.allow-embedded-database"));
    boolean keysConfigured =
        !string(config, "auth.token.secret-key").isBlank()
            || !string(config, "auth.token.private-key-file").isBlank()
            || !string(config, "auth.token.remote-jwks.url").isBlank();
    // Staging and production never use generated keys, not even ones generated earlier.
    Optional<JwsAlgorithm> devKeys =
        !keysConfigured && env.isPresent() && !strict ? devAlgorithm(config) : Optional.empty();
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

    if (embedded) {
      EmbeddedDatabase.Access db = EmbeddedDatabase.prepare(dataDir, createFiles);
      o.put("auth.store.jdbc.url", db.url());
      o.put("auth.store.jdbc.username", db.username());
      o.put("auth.store.jdbc.password", db.password());
      // The embedded database is ours: bring its schema up to date at every start.
      o.put("auth.store.jdbc.migrate-on-start", true);
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
            "auth.store.jdbc.url (env AUTH_STORE_JDBC_URL) is not set: using the embedded H2"
                + " database (auth.server.allow-embedded-database is true), which serves one"
                + " instance only. Fix: point it at PostgreSQL.");
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
      }
      if (Files.exists(file)) {
        o.putAll(DevKeys.settingsFor(file, alg));
        if (!string(config, "auth.token.key-id").isBlank()) {
          o.remove("auth.token.key-id");
        }
        OwnerOnlyFiles.looseness(file)
            .ifPresent(
                why ->
                    warnings.add(
                        "the signing key " + file + " " + why + ". Fix: chmod 600 " + file));
      }
    }
    Config out =
        o.isEmpty() ? config : ConfigFactory.parseMap(o, "data directory").withFallback(config);
    boolean previousConfigured =
        !string(config, "auth.token.previous-key.secret-key").isBlank()
            || !string(config, "auth.token.previous-key.public-key-file").isBlank();
    if (o.containsKey("auth.token.algorithm") && !previousConfigured) {
      Optional<Config> previous = DevKeys.previous(dataDir, now);
      if (previous.isPresent()) {
        out = previous.get().withFallback(out);
        notes.add(
            "the previous development key verifies until "
                + previous.get().getString("auth.token.previous-key.retire-at"));
      }
    }
    return new Prepared(out, notes, warnings, keepsFiles ? dataDir : null);
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
                  "AUTH_SERVER_DATA_DIR",
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
   * The algorithm of development keys: the configured one when {@code auth.token.algorithm} was set
   * explicitly, else EdDSA (whose public key the JWKS endpoint can publish).
   */
  public static Optional<JwsAlgorithm> devAlgorithm(Config config) {
    String name = string(config, "auth.token.algorithm").trim();
    boolean explicit = config.hasPath("auth.token.algorithm") && !fromReference(config);
    if (!explicit) {
      return Optional.of(JwsAlgorithm.EDDSA);
    }
    return JwsAlgorithm.fromJwaName(name);
  }

  private static boolean fromReference(Config config) {
    ConfigOrigin origin = config.getValue("auth.token.algorithm").origin();
    return "reference.conf".equals(origin.resource());
  }

  private static Optional<Environment> environment(Config config) {
    try {
      return Optional.of(Environment.parse(string(config, "auth.environment")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean bool(Config config, String path) {
    try {
      return config.hasPath(path) && config.getBoolean(path);
    } catch (com.typesafe.config.ConfigException e) {
      return false; // validation names the problem
    }
  }

  private static String string(Config config, String path) {
    try {
      return config.hasPath(path) ? config.getString(path) : "";
    } catch (com.typesafe.config.ConfigException e) {
      return "";
    }
  }
}
