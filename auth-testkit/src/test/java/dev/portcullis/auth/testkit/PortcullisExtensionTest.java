package dev.portcullis.auth.testkit;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.store.UserStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

final class PortcullisExtensionTest {

  private static final Instant START = Instant.parse("2032-02-02T02:02:02Z");

  /** An application module with a named string, to resolve a qualified parameter. */
  static final class GreetingModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(String.class).annotatedWith(Names.named("greeting")).toInstance("hello");
    }
  }

  @RegisterExtension
  final PortcullisExtension portcullis =
      PortcullisExtension.create()
          .startingAt(START)
          .settings("auth.lockout.max-attempts = 3")
          .install(new GreetingModule());

  @Inject AuthTestKit kit;
  @jakarta.inject.Inject TokenService tokens;

  private AuthTestKit kitBeforeEach;

  @BeforeEach
  void lifecycleMethodsGetParametersToo(AuthTestKit kit) {
    kitBeforeEach = kit;
  }

  @Test
  void fields_areInjected_withGuiceOrJakartaInject() {
    assertThat(kit).isNotNull();
    assertThat(tokens).isSameAs(portcullis.injector().getInstance(TokenService.class));
  }

  @Test
  void parameters_ofBoundTypes_areResolved(
      AuthTestKit kit,
      Injector injector,
      MutableClock clock,
      Set<AuthEventListener> listeners,
      @Named("greeting") String greeting) {
    assertThat(kit).isSameAs(kitBeforeEach).isSameAs(this.kit);
    assertThat(injector).isSameAs(portcullis.injector());
    assertThat(clock).isSameAs(portcullis.clock());
    assertThat(listeners).hasAtLeastOneElementOfType(RecordingEventListener.class);
    assertThat(greeting).isEqualTo("hello");
  }

  @Test
  void otherResolvers_keepTheirParameters(@TempDir Path dir, TestInfo info) {
    assertThat(Files.isDirectory(dir)).isTrue();
    assertThat(info.getDisplayName()).contains("otherResolvers");
  }

  @RepeatedTest(2)
  void everyTest_startsWithEmptyStoresAndTheClockAtTheStart() {
    assertThat(kit.now()).isEqualTo(START);
    kit.createUser("alice@example.com"); // identifier_taken if a store survived the last test
    kit.advance(Duration.ofDays(1));
  }

  @Test
  void settings_applyToEveryTest() {
    kit.createUser("alice@example.com");
    for (int i = 0; i < 3; i++) {
      kit.login("alice@example.com", "wrong " + i);
    }

    assertThat(kit.login("alice@example.com", AuthTestKit.PASSWORD)).isErr("account_locked");
  }

  @Test
  void bind_insideATest_replacesOneBinding_andReinjectsTheFields() {
    AuthTestKit before = kit;
    kit.advance(Duration.ofMinutes(10));

    portcullis.bind(PasswordPolicy.class, PasswordPolicy.acceptAll());

    assertThat(kit).isNotSameAs(before);
    assertThat(kit.now()).isEqualTo(START.plus(Duration.ofMinutes(10)));
    assertThat(kit.createUser("bob@example.com", "short", Set.of())).isNotNull();
  }

  @Test
  void settings_insideATest_areRefused() {
    assertThatThrownBy(() -> portcullis.settings("auth.lockout.max-attempts = 9"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("every test");
  }

  @Test
  void kit_and_clock_areThoseOfTheCurrentInjector() {
    assertThat(portcullis.kit()).isNotNull();
    assertThat(portcullis.clock()).isSameAs(portcullis.injector().getInstance(MutableClock.class));
  }

  @Test
  void injector_outsideATest_isRefusedWithTheReason() {
    PortcullisExtension unused = PortcullisExtension.create();

    assertThatThrownBy(unused::injector)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
  }

  @Nested
  final class InANestedClass {
    @Inject UserStore users;

    @Test
    void innerAndOuterFields_areInjected() {
      assertThat(users).isSameAs(portcullis.injector().getInstance(UserStore.class));
      assertThat(kit).isNotNull();
    }
  }
}
