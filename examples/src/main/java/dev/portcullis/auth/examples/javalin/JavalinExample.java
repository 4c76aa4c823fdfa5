package dev.portcullis.auth.examples.javalin;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Portcullis as a library inside a Javalin app: {@code POST /login} turns an email and a password
 * into a bearer token, and a before-handler verifies that token for {@code GET /hello}. Every
 * refusal is the library's {@link AuthError}: its HTTP status, its stable {@code code} and its
 * remedy, and on a protected route the RFC 6750 {@code WWW-Authenticate} challenge.
 */
public final class JavalinExample {

  /** The request attribute where the before-handler leaves the verified {@link Principal}. */
  public static final String PRINCIPAL = "portcullis.principal";

  private JavalinExample() {}

  /** The body of {@code POST /login}. */
  public record Credentials(String email, String password) {}

  /** The app's routes over the two ports it needs; start it with {@code start(host, port)}. */
  public static Javalin create(Authenticator authenticator, TokenService tokens) {
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          config.routes.post("/login", ctx -> login(ctx, authenticator, tokens));
          config.routes.before("/hello", ctx -> requireAccessToken(ctx, tokens));
          config.routes.get(
              "/hello",
              ctx -> {
                Principal me = ctx.attribute(PRINCIPAL);
                ctx.json(Map.of("hello", me.subject()));
              });
        });
  }

  private static void login(Context ctx, Authenticator authenticator, TokenService tokens) {
    Credentials body = ctx.bodyAsClass(Credentials.class);
    if (body.email() == null || body.password() == null) {
      fail(ctx, new AuthError.InvalidRequest("email, password", "both are required"));
      return;
    }
    // The client address feeds the per-address rate limit; expected failures are values.
    Result<TokenPair> issued =
        authenticator
            .authenticate(
                new LoginRequest(body.email(), body.password(), ctx.ip(), ctx.userAgent()))
            .flatMap(tokens::issue);
    issued.fold(
        pair ->
            ctx.json(
                Map.of(
                    "access_token", pair.accessToken(),
                    "token_type", pair.tokenType(),
                    "expires_at", pair.accessTokenExpiresAt().toString())),
        error -> fail(ctx, error));
  }

  private static void requireAccessToken(Context ctx, TokenService tokens) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer"); // RFC 6750 3.1: no error code when none was sent
      fail(ctx, AuthError.of(ErrorKind.ACCESS_TOKEN_NOT_FOUND));
      ctx.skipRemainingHandlers();
      return;
    }
    Result<Principal> verified = tokens.verify(header.substring(7).strip());
    verified.fold(
        principal -> {
          ctx.attribute(PRINCIPAL, principal);
          return ctx;
        },
        error -> {
          ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
          ctx.skipRemainingHandlers();
          return fail(ctx, error);
        });
  }

  /** The error as JSON: its code, a message without secrets, and what to do about it. */
  private static Context fail(Context ctx, AuthError error) {
    error
        .retryAfter()
        .ifPresent(wait -> ctx.header("Retry-After", Long.toString(wait.toSeconds())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.code());
    body.put("message", error.message());
    body.put("remedy", error.remedy());
    return ctx.status(error.httpStatus()).json(body);
  }

  /**
   * Runs on http://localhost:7070 with the settings of AuthConfig (development by default) and one
   * user, ada@example.com, whose password is the first argument.
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: JavalinExample <password for ada@example.com>");
      System.exit(2);
    }
    PortcullisSettings settings = PortcullisSettings.load(AuthConfig.load());
    Injector injector =
        Guice.createInjector(
            new AuthModule(settings), new MemoryStoreModule(settings), new JwtModule(settings));
    injector
        .getInstance(AccountService.class)
        .register(Registration.of("ada@example.com", args[0]))
        .unwrap();
    create(injector.getInstance(Authenticator.class), injector.getInstance(TokenService.class))
        .start("localhost", 7070);
  }
}
