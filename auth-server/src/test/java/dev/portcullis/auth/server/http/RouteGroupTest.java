package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another module adds endpoints by adding a {@link RouteGroup} to the set; HEAD rules hold. */
final class RouteGroupTest {

  @TempDir Path dataDir;

  private static final AtomicInteger CALLS = new AtomicInteger();

  /** A group from outside the server's own modules, as the OAuth module will add one. */
  static final class ExtraRoutes implements RouteGroup {
    @Override
    public void mount(Routes routes) {
      routes.get(
          "/extra",
          ctx -> {
            CALLS.incrementAndGet();
            ctx.status(202).result("extra");
          });
    }
  }

  @Test
  void aBoundGroupIsMounted_itsGetAnswersHeadByRunningTheHandler_andTheOtherGroupsStay() {
    PortcullisServer server =
        PortcullisServer.builder()
            .config(TestConfigs.config("auth.server.store = memory"))
            .dataDir(dataDir)
            .overrides(
                new AbstractModule() {
                  @Override
                  protected void configure() {
                    Multibinder.newSetBinder(binder(), RouteGroup.class)
                        .addBinding()
                        .toInstance(new ExtraRoutes());
                  }
                })
            .build()
            .start(0);
    try {
      Api api = new Api(server.uri());

      Api.Res get = api.get("/extra").send();
      Api.Res head = api.head("/extra").send();

      assertThat(get.status()).isEqualTo(202);
      assertThat(get.body()).isEqualTo("extra");
      assertThat(head.status()).isEqualTo(202);
      assertThat(CALLS.get()).isEqualTo(2);
      assertThat(api.get("/health").send().status()).isEqualTo(200);
      assertThat(api.head("/auth/me").send().status()).isEqualTo(401);
      assertThat(api.head("/nope").send().status()).isEqualTo(404);
    } finally {
      server.stop();
    }
  }
}
