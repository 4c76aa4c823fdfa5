package dev.portcullis.auth.server.cli;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.oauth.OAuthModule;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.oauth.client.ClientAdmin;
import dev.portcullis.auth.oauth.client.ClientRegistration;
import dev.portcullis.auth.server.PortcullisServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code oauth client create|list|show|update|disable|enable|rotate-secret} and {@code oauth scope
 * list}: the authorization server's clients, in the configured store (works while the server runs).
 * A generated secret is printed once; a secret hash is never printed.
 */
@Command(
    name = "oauth",
    mixinStandardHelpOptions = true,
    description = "Manage the OAuth authorization server's clients and list its scopes.",
    subcommands = {OAuthCommand.ClientCommand.class, OAuthCommand.ScopeCommand.class})
final class OAuthCommand implements Runnable {

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs {@code action} with a {@link ClientAdmin} of the configured store. */
  static int withAdmin(Main main, ConfigOptions options, Function<ClientAdmin, Integer> action) {
    Config config = options.load(main, null);
    // Read with the command line's own environment, so client-secret-env sees the same variables.
    OAuthSettings settings =
        PortcullisSettings.load(config, main.environment()).get(OAuthSettings.class);
    try (PortcullisServer rt = options.tool(main, config)) {
      Injector injector = rt.injector();
      if (injector.getExistingBinding(Key.get(ClientAdmin.class)) == null) {
        // The service's wiring does not install OAuthModule itself (yet): add it for this command.
        injector = injector.createChildInjector(new OAuthModule(settings));
      }
      return action.apply(injector.getInstance(ClientAdmin.class));
    }
  }

  /** Prints the error of {@code result} and returns 1, or returns null when it is ok. */
  static Integer failed(Result<?> result, PrintWriter err) {
    if (result.isOk()) {
      return null;
    }
    AuthError e = result.failure().orElseThrow();
    err.println(e.code() + ": " + e.message());
    err.println(
        "Fix: "
            + (e.kind() == ErrorKind.IDENTIFIER_TAKEN
                ? "choose another client id, or change this client with 'oauth client update'."
                : e.remedy()));
    err.flush();
    return 1;
  }

  /** Prints a wrong option's message and returns 2 (wrong usage). */
  static int usage(CommandSpec spec, IllegalArgumentException e) {
    spec.commandLine().getErr().println(e.getMessage());
    spec.commandLine().getErr().flush();
    return 2;
  }

  /** {@code oauth client ...}. */
  @Command(
      name = "client",
      mixinStandardHelpOptions = true,
      description = "Register and manage OAuth clients.",
      subcommands = {
        Create.class,
        ListClients.class,
        Show.class,
        Update.class,
        Disable.class,
        Enable.class,
        RotateSecret.class
      })
  static final class ClientCommand implements Runnable {
    @ParentCommand OAuthCommand parent;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    Main main() {
      return parent.main;
    }
  }

  /** The options that describe a client, shared by create and update. */
  static final class ClientOptions {
    @Option(names = "--name", paramLabel = "NAME", description = "Display name (consent screen).")
    String name;

    @Option(
        names = "--type",
        paramLabel = "TYPE",
        description = "public or confidential (create default: confidential).")
    String type;

    @Option(
        names = "--auth-method",
        paramLabel = "METHOD",
        description =
            "client_secret_basic, client_secret_post, private_key_jwt or none; repeat for several"
                + " (create default: client_secret_basic, or none for a public client).")
    List<String> authMethods;

    @Option(
        names = "--grant-type",
        paramLabel = "GRANT",
        description =
            "authorization_code, refresh_token, client_credentials or"
                + " urn:ietf:params:oauth:grant-type:device_code; repeat for several (create"
                + " default: client_credentials, or authorization_code and refresh_token for a"
                + " public client).")
    List<String> grantTypes;

    @Option(
        names = "--redirect-uri",
        paramLabel = "URI",
        description = "An exact redirect URI; repeat for several.")
    List<String> redirectUris;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        description = "A scope the client may request; repeat for several.")
    List<String> scopes;

    @Option(
        names = "--jwks-uri",
        paramLabel = "URL",
        description = "Where the client publishes its public keys (private_key_jwt).")
    String jwksUri;

    @Option(
        names = "--jwks-file",
        paramLabel = "FILE",
        description = "A file with the client's public keys as a JWK Set (private_key_jwt).")
    Path jwksFile;

    @Option(
        names = "--consent",
        negatable = true,
        description = "Whether a user must approve the client's scopes (create default: true).")
    Boolean consent;

    @Option(
        names = "--audience",
        paramLabel = "AUD",
        description =
            "The aud of the client's access tokens (default: auth.oauth.default-audience).")
    String audience;

    /** {@code base} with every option given on the command line in place of its value. */
    ClientRegistration apply(ClientRegistration base) {
      OAuthClient.Type t = type == null ? base.type() : type(type);
      Set<OAuthClient.AuthMethod> methods =
          authMethods != null ? methods(authMethods) : base.authMethods();
      String jwks = base.jwks();
      String uri = base.jwksUri();
      if (jwksFile != null) {
        jwks = read(jwksFile);
        uri = null;
      } else if (jwksUri != null) {
        uri = jwksUri.isBlank() ? null : jwksUri;
        jwks = null;
      }
      return new ClientRegistration(
          base.clientId(),
          name != null ? name : base.displayName(),
          t,
          methods,
          uri,
          jwks,
          redirectUris != null ? redirectUris : base.redirectUris(),
          grantTypes != null ? new LinkedHashSet<>(grantTypes) : base.grantTypes(),
          scopes != null ? new LinkedHashSet<>(scopes) : base.scopes(),
          consent != null ? consent : base.requireConsent(),
          audience != null ? (audience.isBlank() ? null : audience) : base.accessTokenAudience());
    }

    /** The registration a create starts from: the defaults for the client's type. */
    ClientRegistration defaults(String clientId) {
      boolean isPublic = type != null && type(type) == OAuthClient.Type.PUBLIC;
      return new ClientRegistration(
          clientId,
          clientId,
          isPublic ? OAuthClient.Type.PUBLIC : OAuthClient.Type.CONFIDENTIAL,
          Set.of(
              isPublic ? OAuthClient.AuthMethod.NONE : OAuthClient.AuthMethod.CLIENT_SECRET_BASIC),
          null,
          null,
          List.of(),
          isPublic
              ? Set.of(OAuthClient.AUTHORIZATION_CODE, OAuthClient.REFRESH_TOKEN)
              : Set.of(OAuthClient.CLIENT_CREDENTIALS),
          Set.of(),
          true,
          null);
    }

    private static OAuthClient.Type type(String value) {
      return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "public" -> OAuthClient.Type.PUBLIC;
        case "confidential" -> OAuthClient.Type.CONFIDENTIAL;
        default ->
            throw new IllegalArgumentException(
                "--type must be public or confidential, not " + value);
      };
    }

    private static Set<OAuthClient.AuthMethod> methods(List<String> names) {
      Set<OAuthClient.AuthMethod> methods = EnumSet.noneOf(OAuthClient.AuthMethod.class);
      for (String n : names) {
        try {
          methods.add(OAuthClient.AuthMethod.fromRfcName(n.strip()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "--auth-method must be client_secret_basic, client_secret_post, private_key_jwt or"
                  + " none, not "
                  + n);
        }
      }
      return methods;
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("--jwks-file: cannot read " + file, e);
      }
    }
  }

  /** Prints a generated secret once, with the warning to store it. */
  static void printSecret(PrintWriter out, String clientId, String secret) {
    out.println("client secret: " + secret);
    out.println(
        "Store it now (a secret manager, the client's configuration): it is shown only this once"
            + " and cannot be recovered. 'oauth client rotate-secret "
            + clientId
            + "' replaces it.");
  }

  static void noteDeclared(PrintWriter out, ClientAdmin admin, String clientId) {
    admin
        .declaredAt(clientId)
        .ifPresent(
            at ->
                out.println(
                    "note: "
                        + clientId
                        + " is declared in "
                        + at
                        + "; the next start restores that declaration. Change it there to keep"
                        + " the change."));
  }

  /** {@code oauth client create CLIENT_ID}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Register a client. A client that authenticates with a secret gets a generated one,"
              + " printed once.")
  static final class Create implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "CLIENT_ID", description = "The client id (not a UUID).")
    String clientId;

    @Override
    public Integer call() {
      ClientRegistration registration;
      try {
        registration = client.apply(client.defaults(clientId));
      } catch (IllegalArgumentException e) {
        return usage(spec, e);
      }
      return withAdmin(
          parent.main(),
          options,
          admin -> {
            PrintWriter out = spec.commandLine().getOut();
            Result<ClientAdmin.Issued> r = admin.create(registration);
            Integer failed = failed(r, spec.commandLine().getErr());
            if (failed != null) {
              return failed;
            }
            OAuthClient c = r.unwrap().client();
            out.println(
                "created client "
                    + c.clientId()
                    + " ("
                    + c.type().name().toLowerCase(java.util.Locale.ROOT)
                    + ", "
                    + String.join(",", c.authMethodNames())
                    + ")");
            r.unwrap().secretIfIssued().ifPresent(s -> printSecret(out, c.clientId(), s));
            out.flush();
            return 0;
          });
    }
  }

  /** {@code oauth client list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List clients.")
  static final class ListClients implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Option(names = "--offset", defaultValue = "0", description = "Clients to skip.")
    int offset;

    @Option(names = "--limit", defaultValue = "100", description = "Most clients (1..1000).")
    int limit;

    @Override
    public Integer call() {
      return withAdmin(
          parent.main(),
          options,
          admin -> {
            Result<List<OAuthClient>> r = admin.list(offset, limit);
            Integer failed = failed(r, spec.commandLine().getErr());
            if (failed != null) {
              return failed;
            }
            PrintWriter out = spec.commandLine().getOut();
            String row = "%-24s  %-12s  %-8s  %-36s  %-24s  %s%n";
            out.printf(row, "CLIENT_ID", "TYPE", "ENABLED", "AUTH_METHODS", "SCOPES", "CREATED");
            for (OAuthClient c : r.unwrap()) {
              out.printf(
                  row,
                  c.clientId(),
                  c.type().name().toLowerCase(java.util.Locale.ROOT),
                  c.enabled() ? "yes" : "no",
                  String.join(",", c.authMethodNames()),
                  c.scopes().isEmpty() ? "-" : String.join(",", c.scopes()),
                  c.createdAt());
            }
            out.flush();
            return 0;
          });
    }
  }

  /** {@code oauth client show CLIENT_ID}: everything but the secret's hash. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a client (whether it has a secret, never the secret or its hash).")
  static final class Show implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "CLIENT_ID", description = "The client id.")
    String clientId;

    @Override
    public Integer call() {
      return withAdmin(
          parent.main(),
          options,
          admin -> {
            Result<OAuthClient> r = admin.show(clientId);
            Integer failed = failed(r, spec.commandLine().getErr());
            if (failed != null) {
              return failed;
            }
            PrintWriter out = spec.commandLine().getOut();
            OAuthClient c = r.unwrap();
            Map<String, String> rows = new java.util.LinkedHashMap<>();
            rows.put("client_id", c.clientId());
            rows.put("display_name", c.displayName());
            rows.put("type", c.type().name().toLowerCase(java.util.Locale.ROOT));
            rows.put("enabled", c.enabled() ? "yes" : "no");
            rows.put("auth_methods", String.join(",", c.authMethodNames()));
            rows.put("secret", c.secretHash() == null ? "none" : "set (shown only when issued)");
            rows.put("jwks_uri", c.jwksUri() == null ? "-" : c.jwksUri());
            rows.put("jwks", c.jwks() == null ? "-" : "inline, " + c.jwks().length() + " chars");
            rows.put("redirect_uris", list(c.redirectUris()));
            rows.put("grant_types", list(c.grantTypes()));
            rows.put("scopes", list(c.scopes()));
            rows.put("require_consent", c.requireConsent() ? "yes" : "no");
            rows.put(
                "access_token_audience",
                c.accessTokenAudience() == null ? "(default)" : c.accessTokenAudience());
            rows.put("created", c.createdAt().toString());
            rows.put("declared_in", admin.declaredAt(c.clientId()).orElse("- (managed here)"));
            rows.forEach((k, v) -> out.printf("%-22s %s%n", k + ":", v));
            out.flush();
            return 0;
          });
    }

    private static String list(java.util.Collection<String> values) {
      return values.isEmpty() ? "-" : String.join(" ", values);
    }
  }

  /** {@code oauth client update CLIENT_ID}: only the options given change. */
  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description =
          "Change a client: only the options given change. A client that newly authenticates with"
              + " a secret gets a generated one, printed once.")
  static final class Update implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "CLIENT_ID", description = "The client id.")
    String clientId;

    @Override
    public Integer call() {
      return withAdmin(
          parent.main(),
          options,
          admin -> {
            PrintWriter err = spec.commandLine().getErr();
            Result<OAuthClient> existing = admin.show(clientId);
            Integer failed = failed(existing, err);
            if (failed != null) {
              return failed;
            }
            ClientRegistration registration;
            try {
              registration = client.apply(ClientRegistration.of(existing.unwrap()));
            } catch (IllegalArgumentException e) {
              return usage(spec, e);
            }
            Result<ClientAdmin.Issued> r = admin.update(registration);
            failed = failed(r, err);
            if (failed != null) {
              return failed;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("updated client " + clientId);
            r.unwrap().secretIfIssued().ifPresent(s -> printSecret(out, clientId, s));
            noteDeclared(out, admin, clientId);
            out.flush();
            return 0;
          });
    }
  }

  /** {@code oauth client disable CLIENT_ID}. */
  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description =
          "Disable a client: it can no longer authenticate, so it gets and refreshes no token.")
  static final class Disable implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "CLIENT_ID", description = "The client id.")
    String clientId;

    @Override
    public Integer call() {
      return setEnabled(parent, spec, options, clientId, false);
    }
  }

  /** {@code oauth client enable CLIENT_ID}. */
  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a client.")
  static final class Enable implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "CLIENT_ID", description = "The client id.")
    String clientId;

    @Override
    public Integer call() {
      return setEnabled(parent, spec, options, clientId, true);
    }
  }

  private static int setEnabled(
      ClientCommand parent,
      CommandSpec spec,
      ConfigOptions options,
      String clientId,
      boolean enabled) {
    return withAdmin(
        parent.main(),
        options,
        admin -> {
          Result<OAuthClient> r = enabled ? admin.enable(clientId) : admin.disable(clientId);
          Integer failed = failed(r, spec.commandLine().getErr());
          if (failed != null) {
            return failed;
          }
          PrintWriter out = spec.commandLine().getOut();
          out.println((enabled ? "enabled client " : "disabled client ") + clientId);
          noteDeclared(out, admin, clientId);
          out.flush();
          return 0;
        });
  }

  /** {@code oauth client rotate-secret CLIENT_ID}. */
  @Command(
      name = "rotate-secret",
      mixinStandardHelpOptions = true,
      description =
          "Replace a client's secret with a new one, printed once. The old secret stops working"
              + " at once.")
  static final class RotateSecret implements Callable<Integer> {
    @ParentCommand ClientCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "CLIENT_ID", description = "The client id.")
    String clientId;

    @Override
    public Integer call() {
      return withAdmin(
          parent.main(),
          options,
          admin -> {
            Result<ClientAdmin.Issued> r = admin.rotateSecret(clientId);
            Integer failed = failed(r, spec.commandLine().getErr());
            if (failed != null) {
              return failed;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(
                "rotated the secret of client " + clientId + "; the old one no longer works");
            printSecret(out, clientId, r.unwrap().secret());
            noteDeclared(out, admin, clientId);
            out.flush();
            return 0;
          });
    }
  }

  /** {@code oauth scope ...}. */
  @Command(
      name = "scope",
      mixinStandardHelpOptions = true,
      description = "The scopes this server declares (auth.oauth.scopes).",
      subcommands = {ListScopes.class})
  static final class ScopeCommand implements Runnable {
    @ParentCommand OAuthCommand parent;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** {@code oauth scope list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the declared scopes and their descriptions.")
  static final class ListScopes implements Callable<Integer> {
    @ParentCommand ScopeCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
      Config config = options.load(parent.parent.main, null);
      OAuthSettings settings =
          PortcullisSettings.load(config, parent.parent.main.environment())
              .get(OAuthSettings.class);
      PrintWriter out = spec.commandLine().getOut();
      if (settings.scopes().isEmpty()) {
        out.println(
            "No scopes are declared (auth.oauth.scopes): clients may register any scope token.");
      } else {
        out.printf("%-32s  %s%n", "SCOPE", "DESCRIPTION");
        new TreeMap<>(settings.scopes())
            .forEach((k, v) -> out.printf("%-32s  %s%n", k, v.isEmpty() ? "-" : v));
      }
      out.flush();
      return 0;
    }
  }
}
