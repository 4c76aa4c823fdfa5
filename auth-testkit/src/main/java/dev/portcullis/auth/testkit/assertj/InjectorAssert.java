package dev.portcullis.auth.testkit.assertj;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an injector's wiring: resolve individual ports to verify they are registered.
 * {@code assertThat(injector).resolvesEveryPort()} checks your production modules in a test.
 */
public final class InjectorAssert extends AbstractAssert<InjectorAssert, Injector> {

  /** Every port of {@code auth-api} that a complete installation binds. */
  public static final List<Class<?>> PORTS =
      List.of(
          Authenticator.class,
          TokenService.class,
          PasswordHasher.class,
          PasswordPolicy.class,
          NotificationSender.class,
          UserStore.class,
          SessionStore.class,
          LoginAttemptTracker.class,
          TokenBlacklist.class,
          RateLimiter.class,
          ResetTokenStore.class,
          AuditStore.class);

  InjectorAssert(Injector actual) {
    super(actual, InjectorAssert.class);
  }

  /**
   * Checks that each type has an explicit binding and that an instance can be provided (so a
   * provider that throws fails here, with its message).
   */
  public InjectorAssert resolves(Class<?>... types) {
    return resolves(List.of(types));
  }

  /** Checks that every port in {@link #PORTS} resolves. */
  public InjectorAssert resolvesEveryPort() {
    return resolves(PORTS);
  }

  private InjectorAssert resolves(List<Class<?>> types) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    for (Class<?> type : types) {
      Binding<?> binding = actual.getExistingBinding(Key.get(type));
      if (binding == null) {
        problems.add(type.getName() + ": not bound");
        continue;
      }
      try {
        if (actual.getInstance(Key.get(type)) == null) {
          problems.add(type.getName() + ": provided null");
        }
      } catch (ProvisionException e) {
        problems.add(type.getName() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw failure(
          "%nExpecting the injector to resolve every type, but:%n  %s",
          String.join(System.lineSeparator() + "  ", problems));
    }
    return myself;
  }

  /** Checks that {@code type} has no explicit binding. */
  public InjectorAssert doesNotBind(Class<?> type) {
    isNotNull();
    if (actual.getExistingBinding(Key.get(type)) != null) {
      throw failure("%nExpecting no binding of %s but it is bound", type.getName());
    }
    return myself;
  }
}
