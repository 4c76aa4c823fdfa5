package dev.portcullis.auth.testkit;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Stage;
import org.junit.jupiter.api.Test;

final class StrictInjectorTest {

  interface Greeter {}

  static final class DefaultGreeter implements Greeter {
    @Inject
    DefaultGreeter() {}
  }

  static final class NoInjectConstructor implements Greeter {
    NoInjectConstructor() {}
  }

  static final class Party {
    @Inject
    Party(DefaultGreeter greeter) {}
  }

  @Test
  void isProductionStage() {
    assertThat(StrictInjector.of().getInstance(Stage.class)).isEqualTo(Stage.PRODUCTION);
  }

  @Test
  void justInTimeBindings_areRefused() {
    AbstractModule partyOnly =
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Party.class); // its DefaultGreeter is not bound
          }
        };

    assertThatThrownBy(() -> StrictInjector.of(partyOnly))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("[Guice/JitDisabled]: Explicit bindings are required")
        .hasMessageContaining("DefaultGreeter");
  }

  @Test
  void constructorsWithoutInject_areRefused() {
    AbstractModule module =
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(NoInjectConstructor.class);
          }
        };

    assertThatThrownBy(() -> StrictInjector.of(module))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("Guice/MissingConstructor")
        .hasMessageContaining("require @Inject constructors");
  }

  @Test
  void explicitWiring_passes() {
    Injector injector =
        StrictInjector.of(
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(DefaultGreeter.class);
                bind(Greeter.class).to(DefaultGreeter.class);
              }
            });

    assertThat(injector.getInstance(Greeter.class)).isInstanceOf(DefaultGreeter.class);
  }
}
