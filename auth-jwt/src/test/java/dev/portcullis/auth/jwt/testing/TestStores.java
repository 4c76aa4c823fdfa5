package dev.portcullis.auth.jwt.testing;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-memory store adapters (auth-store-memory), each behind a switch that makes every call fail
 * like a store that is down ({@code ServiceUnavailableException}).
 */
public final class TestStores {

  /** While true, every store call throws {@code ServiceUnavailableException}. */
  public final AtomicBoolean down = new AtomicBoolean();

  private final UserStore memoryUsers = MemoryStores.userStore();
  public final SessionStore sessions;
  public final TokenBlacklist blacklist;
  public final UserStore users;

  public TestStores(Clock clock) {
    this.sessions = switchable(SessionStore.class, MemoryStores.sessionStore(clock));
    this.blacklist = switchable(TokenBlacklist.class, MemoryStores.tokenBlacklist(clock));
    this.users = switchable(UserStore.class, memoryUsers);
  }

  /** Creates an enabled user with these roles. */
  public User addUser(String id, Set<String> roles) {
    return memoryUsers
        .create(
            new NewUser(
                id,
                id + "@example.com",
                id + "@example.com",
                null,
                "$test$not-a-real-hash",
                roles,
                Instant.parse("2029-01-01T00:00:00Z"),
                false))
        .unwrap();
  }

  /** The user with this id, even while the stores are down. */
  public User user(String id) {
    return memoryUsers.findById(id).orElseThrow().user();
  }

  private <T> T switchable(Class<T> port, T delegate) {
    Object proxy =
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (p, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(delegate, args);
              }
              if (down.get()) {
                throw new ServiceUnavailableException(
                    new AuthError.ServiceUnavailable(
                        "the in-memory " + port.getSimpleName(), "switched off by the test"));
              }
              try {
                return method.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return port.cast(proxy);
  }
}
