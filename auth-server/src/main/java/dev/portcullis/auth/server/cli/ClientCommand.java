package dev.portcullis.auth.server.cli;

import dev.portcullis.auth.client.ClientError;
import dev.portcullis.auth.client.ClientResult;
import dev.portcullis.auth.client.CredentialKey;
import dev.portcullis.auth.client.CredentialStore;
import dev.portcullis.auth.client.LoginStrategy;
import dev.portcullis.auth.client.OAuthClient;
import dev.portcullis.auth.client.StoredCredentials;
import dev.portcullis.auth.client.TokenManager;
import dev.portcullis.auth.client.Tokens;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code client login|token|logout}: this command line as an OAuth client of any standard
 * authorization server (Portcullis or another), through auth-client. Nested under {@code client}
 * because the top-level {@code token} is the server's token inspector. Credentials are kept per
 * issuer + client id in auth-client's file store under the user's config directory; secrets and
 * tokens are never printed, except the access token that {@code client token} exists to print.
 *
 * <p>Exit codes: 0 success; 1 the server refused or the login did not complete (the message says
 * why and what to do); 2 wrong usage; 69 the server could not be reached.
 */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    description = {
      "Log in to an OAuth 2.1 / OpenID Connect server as a client and print access tokens for"
          + " scripts (auth-client).",
      "Not to be confused with 'oauth client', which administers this server's own clients."
    },
    subcommands = {
      ClientCommand.Login.class,
      ClientCommand.Token.class,
      ClientCommand.Logout.class
    })
final class ClientCommand implements Runnable {

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The server and client every subcommand names, and where their credentials are kept. */
  static final class Target {
    @Option(
        names = "--issuer",
        required = true,
        paramLabel = "URL",
        description = "The authorization server's issuer URL, exactly as its metadata names it.")
    URI issuer;

    @Option(
        names = "--client-id",
        required = true,
        paramLabel = "ID",
        description = "The client id registered at that server.")
    String clientId;

    @Option(
        names = "--credentials-dir",
        paramLabel = "DIR",
        description =
            "Where credentials are kept (one owner-only file per issuer and client id). Default:"
                + " $XDG_CONFIG_HOME/portcullis/credentials, else"
                + " ~/.config/portcullis/credentials.")
    Path credentialsDir;

    CredentialKey key() {
      return new CredentialKey(issuer, clientId);
    }

    CredentialStore store(Map<String, String> environment) {
      return CredentialStore.file(credentialsDir(environment));
    }

    Path credentialsDir(Map<String, String> environment) {
      if (credentialsDir != null) {
        return credentialsDir;
      }
      String xdg = environment.get("XDG_CONFIG_HOME");
      Path config =
          xdg != null && !xdg.isBlank()
              ? Path.of(xdg)
              : Path.of(System.getProperty("user.home"), ".config");
      return config.resolve("portcullis").resolve("credentials");
    }
  }

  /** Where the client secret comes from, for the commands that may need one. */
  static final class SecretSource {
    @Option(
        names = "--client-secret-env",
        paramLabel = "NAME",
        description =
            "The environment variable holding the client secret (client_secret_basic). Without"
                + " it, 'login --client-credentials' reads the secret from standard input.")
    String variable;
  }

  /** How {@code login} gets its tokens: exactly one flow. */
  static final class Flow {
    @Option(
        names = "--device",
        required = true,
        description = "The device flow: shows a code to confirm in a browser anywhere.")
    boolean device;

    @Option(
        names = "--browser",
        required = true,
        description =
            "Authorization code + PKCE: opens a browser (or prints the URL) and listens on"
                + " 127.0.0.1 for the redirect.")
    boolean browser;

    @Option(
        names = "--client-credentials",
        required = true,
        description = "The client credentials grant: the client logs in as itself, with a secret.")
    boolean clientCredentials;
  }

  /** {@code client login}. */
  @Command(
      name = "login",
      mixinStandardHelpOptions = true,
      description = {
        "Log in and keep the tokens for 'client token'. The device and browser flows keep a"
            + " refresh token, so later 'client token' calls need no new login.",
        "Exits 0 when logged in."
      })
  static final class Login implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin Target target;
    @Mixin SecretSource secretSource;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Flow flow;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        split = ",",
        description = "A scope to ask for (repeatable, or comma-separated).")
    List<String> scopes = List.of();

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "300",
        description = "How long a browser login may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Main main = parent.main;
      String secret = null;
      if (flow.clientCredentials || secretSource.variable != null) {
        // A confidential client authenticates in every flow; client credentials needs it.
        secret = secret(main, secretSource, err, flow.clientCredentials);
        if (secret == null) {
          return 2;
        }
      }
      ClientResult<OAuthClient> built = build(main, target, secret);
      if (!built.isSuccess()) {
        return fail(err, built.error());
      }
      OAuthClient client = built.value();
      // The manager stores what a login gets, the refresh token included, before we report it.
      TokenManager manager =
          TokenManager.of(client, target.store(main.environment()), LoginStrategy.none());
      Set<String> wanted = new LinkedHashSet<>(scopes);
      ClientResult<Tokens> tokens;
      if (flow.device) {
        tokens =
            manager.deviceLogin(
                wanted,
                prompt -> {
                  err.println(prompt.instruction());
                  err.println(
                      "Waiting for the approval (the code expires " + prompt.expiresAt() + ")...");
                  err.flush();
                });
      } else if (flow.browser) {
        tokens =
            manager.browserLogin(wanted, main.browserOpener(), Duration.ofSeconds(timeoutSeconds));
      } else {
        tokens = client.clientCredentials(wanted);
        if (tokens.isSuccess()) {
          manager.store(tokens.value());
        }
      }
      if (!tokens.isSuccess()) {
        return fail(err, tokens.error());
      }
      out.println(
          "Logged in to "
              + target.issuer
              + " as client "
              + target.clientId
              + " (scopes: "
              + String.join(" ", tokens.value().scopes())
              + "; refresh token: "
              + (tokens.value().hasRefreshToken() ? "kept" : "none")
              + "). Credentials: "
              + target.credentialsDir(main.environment()));
      out.flush();
      return 0;
    }
  }

  /** {@code client token}. */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = {
        "Print a valid access token, and nothing else, for scripts:"
            + " curl -H \"Authorization: Bearer $(portcullis client token ...)\".",
        "Refreshes it when it is about to expire (keeping the rotated refresh token); with"
            + " --client-secret-env, gets a new one with client credentials when needed.",
        "Exits 1 when there is no usable credential: log in again."
      })
  static final class Token implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin Target target;
    @Mixin SecretSource secretSource;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Main main = parent.main;
      String secret = null;
      if (secretSource.variable != null) {
        secret = secret(main, secretSource, err, false);
        if (secret == null) {
          return 2;
        }
      }
      ClientResult<OAuthClient> built = build(main, target, secret);
      if (!built.isSuccess()) {
        return fail(err, built.error());
      }
      CredentialStore store = target.store(main.environment());
      Optional<StoredCredentials> stored = store.load(target.key());
      // With the secret, a client that has no refresh token (a client-credentials login, or none
      // at all) logs in again by itself; one that has a refresh token (a person's device or
      // browser login) refreshes with the secret and never turns into a client-credentials login.
      boolean clientCredentials =
          secret != null && stored.map(c -> c.refreshToken() == null).orElse(true);
      LoginStrategy strategy =
          clientCredentials
              ? LoginStrategy.clientCredentials(
                  stored.map(StoredCredentials::scopes).orElse(Set.of()))
              : LoginStrategy.none();
      ClientResult<String> token = TokenManager.of(built.value(), store, strategy).accessToken();
      if (!token.isSuccess()) {
        return fail(err, token.error());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(token.value());
      out.flush();
      return 0;
    }
  }

  /** {@code client logout}. */
  @Command(
      name = "logout",
      mixinStandardHelpOptions = true,
      description = "Delete the kept credentials of this issuer and client id. Exits 0 either way.")
  static final class Logout implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin Target target;

    @Override
    public Integer call() {
      CredentialStore store = target.store(parent.main.environment());
      boolean had = store.load(target.key()).isPresent();
      store.delete(target.key());
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          had
              ? "Logged out of " + target.issuer + " as client " + target.clientId + "."
              : "No credentials were kept for "
                  + target.issuer
                  + " and client "
                  + target.clientId
                  + ".");
      out.flush();
      return 0;
    }
  }

  /**
   * The client secret: from the variable {@code --client-secret-env} names, else (when {@code
   * stdinAllowed}) the terminal without echo or the first line of standard input. Null, with the
   * reason on {@code err}, when there is none.
   */
  private static String secret(
      Main main, SecretSource source, PrintWriter err, boolean stdinAllowed) {
    if (source.variable != null) {
      String value = main.environment().get(source.variable);
      if (value == null || value.isEmpty()) {
        err.println(
            "The environment variable "
                + source.variable
                + " (--client-secret-env) is not set or empty: set it to the client secret.");
        return null;
      }
      return value;
    }
    if (!stdinAllowed) {
      return null;
    }
    Main.Terminal terminal = main.terminal();
    if (terminal != null) {
      char[] typed = terminal.readPassword("Client secret: ");
      if (typed != null && typed.length > 0) {
        String value = new String(typed);
        java.util.Arrays.fill(typed, '\0');
        return value;
      }
    } else {
      String line = main.readLine();
      if (line != null && !line.isEmpty()) {
        return line;
      }
    }
    err.println(
        "No client secret: give it on standard input or name an environment variable with"
            + " --client-secret-env.");
    return null;
  }

  private static ClientResult<OAuthClient> build(Main main, Target target, String secret) {
    OAuthClient.Builder builder =
        OAuthClient.builder(target.issuer, target.clientId)
            .clock(main.clientClock())
            .sleeper(main.clientSleeper());
    if (secret != null) {
      builder.clientSecret(secret);
    }
    return builder.build();
  }

  private static int fail(PrintWriter err, ClientError error) {
    err.println(error.code() + ": " + error.message());
    err.flush();
    return error instanceof ClientError.Retriable ? Main.EXIT_UNAVAILABLE : 1;
  }
}
