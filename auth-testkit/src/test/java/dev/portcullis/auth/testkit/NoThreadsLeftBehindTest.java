package dev.portcullis.auth.testkit;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;

import com.google.inject.Injector;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.account.LockoutAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stub starts no thread: wiring it and running every helper leaves exactly the threads that ran
 * before. Threads are compared by identity; a thread that the JVM itself may start lazily at any
 * moment (signal dispatch, attach, the cleaner) is ignored by name.
 */
final class NoThreadsLeftBehindTest {

  private static final Pattern JVM_THREADS =
      Pattern.compile(
          "Attach Listener|Signal Dispatcher|Common-Cleaner|Reference Handler|Finalizer"
              + "|Notification Thread|process reaper|surefire-.*");

  @Test
  void theStubAndEveryHelper_startNoThread() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    Injector injector = StrictInjector.of(new StubAuthModule());
    AuthTestKit kit = injector.getInstance(AuthTestKit.class);
    User alice = kit.createUser("alice@example.com", "reader");
    kit.login("alice@example.com", AuthTestKit.PASSWORD).unwrap();
    kit.login("alice@example.com", "wrong").failure().orElseThrow();
    kit.verify(kit.tokens().valid(alice)).unwrap();
    kit.verify(kit.tokens().revoked(alice));
    kit.verify(kit.tokens().expired(alice));
    kit.verify(kit.tokens().foreignSigned(alice));
    kit.inspect(kit.tokens().notYetValid(alice));
    kit.requestPasswordReset("alice@example.com");
    kit.lock("alice@example.com");
    injector.getInstance(LockoutAdmin.class).activeLockouts().unwrap();
    kit.advance(Duration.ofDays(30));
    kit.login("alice@example.com", AuthTestKit.PASSWORD).unwrap();

    List<String> started =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t))
            .map(Thread::getName)
            .filter(name -> !JVM_THREADS.matcher(name).matches())
            .toList();
    assertThat(started).as("threads started by the stub").isEmpty();
  }
}
