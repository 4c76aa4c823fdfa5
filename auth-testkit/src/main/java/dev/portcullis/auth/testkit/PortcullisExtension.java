package dev.portcullis.auth.testkit;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.jwt.TokenClaims;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives every test its own strict injector ({@link StrictInjector}) of a
 * {@link StubAuthModule} and the application's modules, injects the test's {@code @Inject} fields,
 * and resolves test and lifecycle method parameters of every bound type.
 *
 * <pre>{@code
 * final class NotesServiceTest {
 *   @RegisterExtension
 *   final PortcullisExtension portcullis =
 *       PortcullisExtension.create().install(new NotesModule());
 *
 *   @Inject NotesService notes;
 *
 *   @Test
 *   void expiredToken_isRefused(AuthTestKit kit) {
 *     User alice = kit.createUser("alice@example.com", "notes:read");
 *     assertThat(notes.read(kit.tokens().expired(alice))).isErr().hasCode("token_expired");
 *   }
 * }
 * }</pre>
 *
 * <p>Replace one binding without touching the rest with {@link #bind(Class, Object)} or {@link
 * #override(Module)} (Guice's {@code Modules.override}; defaults that Portcullis declares with
 * {@code OptionalBinder}, such as {@code Clock} or {@code PasswordHasher}, are replaced through
 * {@code setBinding()}). Called while the extension is being set up, they apply to every test;
 * called inside a test, they rebuild that test's injector with the change (stores start empty
 * again, the clock keeps its time) and inject the test's fields again, and the next test starts
 * without it.
 *
 * <p>Register it on an instance field. It is not meant for tests of one instance running
 * concurrently.
 */
public final class PortcullisExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** Defaults declared with {@code OptionalBinder.setDefault()}: replaced via setBinding(). */
  private static final Set<Class<?>> OPTIONAL_DEFAULTS =
      Set.of(
          Clock.class,
          PasswordHasher.class,
          PasswordPolicy.class,
          NotificationSender.class,
          TokenClaims.class);

  private StubAuthModule stub = new StubAuthModule();
  private final List<Module> modules = new ArrayList<>();
  private final List<Module> overrides = new ArrayList<>();

  /** This test's state; null outside a test. */
  private Current current;

  /**
   * One test's injector and what it was built from.
   *
   * @param instances the test instances to inject: the test's, and the enclosing ones of a
   *     {@code @Nested} test
   */
  private record Current(
      StubAuthModule stub, List<Module> overrides, List<Object> instances, Injector injector) {}

  private PortcullisExtension() {}

  /** An extension with the default {@link StubAuthModule}. */
  public static PortcullisExtension create() {
    return new PortcullisExtension();
  }

  /**
   * Settings (HOCON) over the stub's, for example {@code "auth.lockout.max-attempts = 3"}.
   *
   * @throws dev.portcullis.auth.api.error.ConfigurationException listing every invalid setting
   * @throws IllegalStateException inside a test (settings are fixed when the injector is built)
   */
  public PortcullisExtension settings(String hocon) {
    requireSetUp("settings");
    stub = stub.withSettings(hocon);
    return this;
  }

  /**
   * Where the stub's clock starts in each test.
   *
   * @throws IllegalStateException inside a test (move the clock with {@link #clock()} instead)
   */
  public PortcullisExtension startingAt(Instant start) {
    requireSetUp("startingAt");
    stub = stub.startingAt(start);
    return this;
  }

  /**
   * The application's modules, installed next to the stub in every test's injector.
   *
   * @throws IllegalStateException inside a test (use {@link #override} there)
   */
  public PortcullisExtension install(Module... modules) {
    requireSetUp("install");
    for (Module m : modules) {
      this.modules.add(Objects.requireNonNull(m, "module"));
    }
    return this;
  }

  /**
   * Bindings that replace those of the stub and the installed modules with the same key ({@code
   * Modules.override}).
   */
  public PortcullisExtension override(Module overridingModule) {
    Objects.requireNonNull(overridingModule, "overridingModule");
    if (current == null) {
      overrides.add(overridingModule);
    } else {
      List<Module> more = new ArrayList<>(current.overrides());
      more.add(overridingModule);
      rebuild(current.stub(), more);
    }
    return this;
  }

  /**
   * Replaces the binding of {@code type} with {@code instance}. For Portcullis' replaceable
   * defaults ({@code Clock}, {@code PasswordHasher}, {@code PasswordPolicy}, {@code
   * NotificationSender}, {@code TokenClaims}) this is {@code OptionalBinder.setBinding()}; for any
   * other type a plain binding. To replace an {@code OptionalBinder} default of your own, pass a
   * module that calls {@code setBinding()} to {@link #override}.
   */
  public <T> PortcullisExtension bind(Class<T> type, T instance) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(instance, "instance");
    return override(
        new AbstractModule() {
          @Override
          protected void configure() {
            if (OPTIONAL_DEFAULTS.contains(type)) {
              OptionalBinder.newOptionalBinder(binder(), type).setBinding().toInstance(instance);
            } else {
              bind(type).toInstance(instance);
            }
          }
        });
  }

  /** Replaces the binding of {@code key} (a generic or annotated type) with {@code instance}. */
  public <T> PortcullisExtension bind(Key<T> key, T instance) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(instance, "instance");
    return override(
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(key).toInstance(instance);
          }
        });
  }

  /**
   * The current test's injector.
   *
   * @throws IllegalStateException outside a test
   */
  public Injector injector() {
    if (current == null) {
      throw new IllegalStateException(
          "no injector outside a test: PortcullisExtension builds one before each test (register"
              + " it with @RegisterExtension on an instance field)");
    }
    return current.injector();
  }

  /** The current test's helpers. */
  public AuthTestKit kit() {
    return injector().getInstance(AuthTestKit.class);
  }

  /** The current test's clock. */
  public MutableClock clock() {
    return injector().getInstance(MutableClock.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    List<Object> instances = context.getRequiredTestInstances().getAllInstances();
    // A copy of the configured stub: a fresh clock at the configured start, fresh recorders.
    build(stub.startingAt(stub.clock().instant()), List.copyOf(overrides), instances);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    current = null;
  }

  private void rebuild(StubAuthModule testStub, List<Module> testOverrides) {
    build(testStub, testOverrides, current.instances());
  }

  private void build(StubAuthModule testStub, List<Module> testOverrides, List<Object> instances) {
    List<Module> base = new ArrayList<>();
    base.add(testStub);
    base.addAll(modules);
    Module effective =
        testOverrides.isEmpty()
            ? Modules.combine(base)
            : Modules.override(base).with(testOverrides);
    Injector injector = StrictInjector.of(effective);
    current = new Current(testStub, testOverrides, instances, injector);
    for (Object instance : instances) {
      injector.injectMembers(instance);
    }
  }

  private void requireSetUp(String method) {
    if (current != null) {
      throw new IllegalStateException(
          method
              + "(...) configures the extension for every test; inside a test only override(...)"
              + " and bind(...) apply");
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
    Executable executable = parameterContext.getDeclaringExecutable();
    if (current == null || executable instanceof java.lang.reflect.Constructor<?>) {
      return false;
    }
    Key<?> key = keyOf(parameterContext.getParameter());
    return key != null && current.injector().getExistingBinding(key) != null;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    Key<?> key = keyOf(parameterContext.getParameter());
    if (key == null || current == null) {
      throw new ParameterResolutionException(
          "PortcullisExtension cannot resolve " + parameterContext.getParameter());
    }
    return current.injector().getInstance(key);
  }

  /** The key of a parameter, or null when it carries an annotation that is not a binding one. */
  private static Key<?> keyOf(Parameter parameter) {
    TypeLiteral<?> type = TypeLiteral.get(parameter.getParameterizedType());
    Annotation binding = null;
    for (Annotation a : parameter.getAnnotations()) {
      if (isBindingAnnotation(a.annotationType()) && binding == null) {
        binding = a;
      } else {
        return null; // @TempDir and the like belong to other resolvers
      }
    }
    return binding == null ? Key.get(type) : Key.get(type, binding);
  }

  private static boolean isBindingAnnotation(Class<? extends Annotation> type) {
    for (Annotation meta : type.getAnnotations()) {
      String name = meta.annotationType().getName();
      if (name.equals("com.google.inject.BindingAnnotation")
          || name.equals("jakarta.inject.Qualifier")
          || name.equals("javax.inject.Qualifier")) {
        return true;
      }
    }
    return false;
  }
}
