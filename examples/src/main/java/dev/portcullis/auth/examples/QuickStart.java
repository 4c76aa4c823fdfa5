package dev.portcullis.auth.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
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

public class QuickStart {
  public static void main(String[] args) {
    // reference.conf of every module < application.conf < system properties < AUTH_* variables,
    // read once: every problem of every module is listed in one ConfigurationException.
    PortcullisSettings settings = PortcullisSettings.load(AuthConfig.load());
    Injector injector =
        Guice.createInjector(
            new AuthModule(settings), new MemoryStoreModule(settings), new JwtModule(settings));

    AccountService accounts = injector.getInstance(AccountService.class);
    Authenticator authenticator = injector.getInstance(Authenticator.class);
    TokenService tokens = injector.getInstance(TokenService.class);

    accounts.register(Registration.of("ada@example.com", "correct horse battery staple")).unwrap();

    // Expected failures are values: log in, then issue a token pair for the new session.
    Result<TokenPair> login =
        authenticator
            .authenticate(LoginRequest.of("ada@example.com", "correct horse battery staple"))
            .flatMap(tokens::issue);
    Principal me = tokens.verify(login.unwrap().accessToken()).unwrap();
    System.out.println("verified access token of user " + me.subject());

    // A wrong password is an error value with a stable code, a status and a remedy.
    String answer =
        authenticator
            .authenticate(LoginRequest.of("ada@example.com", "wrong password"))
            .fold(ok -> "unexpected success", err -> err.code() + " (" + err.httpStatus() + ")");
    System.out.println(answer);
  }
}
