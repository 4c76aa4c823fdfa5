package dev.portcullis.auth.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import java.util.Map;

/** The library wired as the examples wire it, with cheap hashing and one registered user. */
public final class Portcullis {
  public static final String EMAIL = "ada@example.com";
  public static final String PASSWORD = "correct horse battery staple";

  private Portcullis() {}

  /** AuthModule, the in-memory stores and JwtModule; no process environment is read. */
  public static Injector withOneUser() {
    PortcullisSettings settings =
        PortcullisSettings.load(
            AuthConfig.load(
                "auth.hashing.argon2.memory-kib = 1024\nauth.hashing.argon2.iterations = 1",
                Map.of()));
    Injector injector =
        Guice.createInjector(
            new AuthModule(settings), new MemoryStoreModule(settings), new JwtModule(settings));
    injector.getInstance(AccountService.class).register(Registration.of(EMAIL, PASSWORD)).unwrap();
    return injector;
  }
}
