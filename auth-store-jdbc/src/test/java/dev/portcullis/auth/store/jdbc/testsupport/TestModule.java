package dev.portcullis.auth.store.jdbc.testsupport;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.portcullis.auth.api.model.LockoutPolicy;
import java.time.Clock;

/**
 * Binds what {@code AuthModule} would bind for the store module (a clock and a lockout policy), and
 * builds injectors as strict as production wiring must survive.
 */
public final class TestModule extends AbstractModule {
  private final Clock clock;
  private final LockoutPolicy policy;

  public TestModule(Clock clock, LockoutPolicy policy) {
    this.clock = clock;
    this.policy = policy;
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(clock);
    bind(LockoutPolicy.class).toInstance(policy);
  }

  /**
   * An injector in {@code Stage.PRODUCTION} with explicit bindings required, circular proxies
   * disabled and {@code @Inject} required on constructors.
   */
  public static Injector strictInjector(Module... modules) {
    Module strict =
        new AbstractModule() {
          @Override
          protected void configure() {
            binder().requireExplicitBindings();
            binder().disableCircularProxies();
            binder().requireAtInjectOnConstructors();
          }
        };
    Module[] all = new Module[modules.length + 1];
    all[0] = strict;
    System.arraycopy(modules, 0, all, 1, modules.length);
    return Guice.createInjector(Stage.PRODUCTION, all);
  }
}
