package dev.portcullis.auth.server.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import dev.portcullis.auth.core.settings.Environment;
import dev.portcullis.auth.jwt.JwsAlgorithm;
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
  public static final String DATABASE_NAME = "portcullis";

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
   */
  public record Prepared(Config config, List<String> notes, List<String> warnings) {
    public Prepared {
      notes = List.copyOf(notes);
      warnings = List.copyOf(warnings);
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
      return new Prepared(config, notes, warnings); // validation names the problem
    }
    Path dataDir = dir.get();
    Optional<Environment> env = environment(config);
    Map<String, Object> o = new LinkedHashMap<>();

    if ("jdbc".equals(string(config, "auth.server.store").toLowerCase(Locale.ROOT))
        && string(config, "auth.store.jdbc.url").isBlank()) {
      if (createFiles) {
        OwnerOnlyFiles.createDirectories(dataDir);
      }
      o.put("auth.store.jdbc.url", h2Url(dataDir));
      // The embedded database is ours: bring its schema up to date at every start.
      o.put("auth.store.jdbc.migrate-on-start", true);
      notes.add(
          "embedded H2 database "
              + dataDir.resolve(DATABASE_NAME + ".mv.db")
              + " (admin commands can open it while the server runs)");
      if (env.map(Environment::strict).orElse(true)) {
        warnings.add(
            "auth.store.jdbc.url (env AUTH_STORE_JDBC_URL) is not set: using the embedded H2"
                + " database, which serves one instance only. Fix: point it at PostgreSQL.");
      }
    }

    boolean keysConfigured =
        !string(config, "auth.token.secret-key").isBlank()
            || !string(config, "auth.token.private-key-file").isBlank()
            || !string(config, "auth.token.remote-jwks.url").isBlank();
    // Staging and production never use generated keys, not even ones generated earlier.
    if (!keysConfigured && env.isPresent() && !env.get().strict()) {
      Optional<JwsAlgorithm> alg = devAlgorithm(config);
      if (alg.isPresent()) {
        Path file = DevKeys.activeFile(dataDir, alg.get());
        if (!Files.exists(file) && createFiles) {
          DevKeys.generate(file, alg.get(), false);
          notes.add(
              "generated a development "
                  + alg.get().jwaName()
                  + " signing key "
                  + file
                  + " (owner-only, reused at every start). Staging and production must configure"
                  + " their own (AUTH_TOKEN_PRIVATE_KEY_FILE or AUTH_TOKEN_SECRET_KEY).");
        }
        if (Files.exists(file)) {
          o.putAll(DevKeys.settingsFor(file, alg.get()));
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
    return new Prepared(out, notes, warnings);
  }

  /** The JDBC URL of the embedded database in {@code dataDir}, in H2's automatic mixed mode. */
  public static String h2Url(Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.resolve(DATABASE_NAME)
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
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

  private static String string(Config config, String path) {
    try {
      return config.hasPath(path) ? config.getString(path) : "";
    } catch (com.typesafe.config.ConfigException e) {
      return "";
    }
  }
}
