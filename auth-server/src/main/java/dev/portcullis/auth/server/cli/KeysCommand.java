package dev.portcullis.auth.server.cli;

import com.typesafe.config.Config;
import dev.portcullis.auth.core.settings.Environment;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.server.internal.DevKeys;
import dev.portcullis.auth.server.internal.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys generate|rotate}. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Signing keys.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Rotate.class})
final class KeysCommand implements Runnable {

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code keys generate}: a new signing key file, owner-only. */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Write a new signing key (PKCS#8 PEM, or a secret for HS*) with owner-only permissions and"
            + " print the settings that use it.",
        "Without --out it is the data directory's development key, which must not exist yet."
      })
  static final class Generate implements Callable<Integer> {
    @ParentCommand KeysCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Option(
        names = "--algorithm",
        paramLabel = "ALG",
        defaultValue = "RS256",
        description =
            "RS256 (default), RS384, RS512, PS256..., ES256, ES384, ES512, EdDSA, HS256, HS384,"
                + " HS512. RSA keys have 3072 bits with --out, 2048 for the development key.")
    String algorithm;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the key.")
    Path out;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Override
    public Integer call() {
      PrintWriter pw = spec.commandLine().getOut();
      Optional<JwsAlgorithm> alg = JwsAlgorithm.fromJwaName(algorithm);
      if (alg.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println("'" + algorithm + "' is not an algorithm; use one of " + JwsAlgorithm.names());
        return 2;
      }
      Path file = out;
      int rsaBits = DevKeys.CONFIGURED_RSA_BITS;
      if (file == null) {
        rsaBits = DevKeys.DEVELOPMENT_RSA_BITS;
        Config config = options.load(parent.main, null);
        file =
            DevKeys.activeFile(
                ServerConfig.dataDir(config)
                    .orElseThrow(
                        () ->
                            new IllegalStateException("auth.server.data-dir is not a usable path")),
                alg.get());
      }
      if (!DevKeys.generate(file, alg.get(), rsaBits, force)) {
        spec.commandLine()
            .getErr()
            .println(
                file
                    + " exists; 'keys rotate' replaces the development key with a grace period,"
                    + " --force overwrites it (tokens it signed stop verifying).");
        return 1;
      }
      JwtKey key = DevKeys.load(file, alg.get());
      pw.println(
          "Wrote a " + alg.get().jwaName() + " key to " + file + " (owner-only, rw-------).");
      pw.println("Key id: " + key.keyId());
      pw.println("Use it in staging or production with:");
      pw.println("  AUTH_TOKEN_ALGORITHM=" + alg.get().jwaName());
      if (alg.get().symmetric()) {
        pw.println("  AUTH_TOKEN_SECRET_KEY=\"$(cat " + file + ")\"");
        pw.println("  AUTH_TOKEN_KEY_ID=" + key.keyId());
      } else {
        pw.println("  AUTH_TOKEN_PRIVATE_KEY_FILE=" + file.toAbsolutePath());
      }
      pw.flush();
      return 0;
    }
  }

  /** {@code keys rotate}: a new development key; the old one verifies until its tokens expire. */
  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Replace the data directory's development key with a new one. The old key keeps verifying"
            + " (never signing) until every token it signed has expired; restart the server to"
            + " sign with the new key.",
        "Configured keys (AUTH_TOKEN_PRIVATE_KEY_FILE, ...) are rotated with these settings"
            + " instead (the server README shows how):",
        "  auth.token.next-key.*, then auth.token.previous-key.*"
      })
  static final class Rotate implements Callable<Integer> {
    @ParentCommand KeysCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
      Config config = options.load(parent.main, null);
      PrintWriter pw = spec.commandLine().getOut();
      boolean configured =
          !config.getString("auth.token.secret-key").isBlank()
              || !config.getString("auth.token.private-key-file").isBlank();
      Environment env = Environment.parse(config.getString("auth.environment"));
      if (configured || env.strict()) {
        spec.commandLine()
            .getErr()
            .println(
                "The signing key is configured, not a development key. Rotate it in two steps"
                    + " (auth-jwt README, \"Rotating a configured key\"): (1) generate a new one"
                    + " (keys generate --out next.pem), set auth.token.next-key.private-key-file to"
                    + " it and restart every instance: it is published and verifies, but does not"
                    + " sign; (2) once every resource server's JWKS cache has expired, promote it:"
                    + " set auth.token.previous-key.* (public-key-file, key-id, retire-at = now +"
                    + " refresh-token-ttl) to the current key, point auth.token.private-key-file at"
                    + " the new one, empty next-key.*, restart. Give previous-key.public-key-file"
                    + " the current PRIVATE key file: refresh tokens are MACed under a key derived"
                    + " from it, so with the public half only every refresh token issued before"
                    + " the rotation stops working.");
        return 1;
      }
      JwsAlgorithm alg = ServerConfig.devAlgorithm(config).orElse(JwsAlgorithm.RS256);
      Path dataDir = ServerConfig.dataDir(config).orElseThrow();
      Duration keep =
          config
              .getDuration("auth.token.refresh-token-ttl")
              .plus(config.getDuration("auth.token.leeway"));
      Instant retireAt = Instant.now().plus(keep);
      if (!Files.exists(DevKeys.activeFile(dataDir, alg))) {
        spec.commandLine()
            .getErr()
            .println(
                "There is no development key to rotate yet; 'serve' or 'keys generate' makes one.");
        return 1;
      }
      String oldId = DevKeys.rotate(dataDir, alg, retireAt);
      JwtKey next = DevKeys.load(DevKeys.activeFile(dataDir, alg), alg);
      pw.println("New " + alg.jwaName() + " signing key " + next.keyId() + ".");
      pw.println("The previous key " + oldId + " verifies until " + retireAt + ".");
      pw.println("Restart the server to sign with the new key.");
      pw.flush();
      return 0;
    }
  }
}
