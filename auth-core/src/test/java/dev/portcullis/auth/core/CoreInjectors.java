package dev.portcullis.auth.core;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.settings.AuthConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A strict injector of {@link AuthModule} over fake stores, with a recording notification sender.
 */
final class CoreInjectors {
  private CoreInjectors() {}

  static Injector strict(FakeStores stores, List<Notification> sent, String hocon) {
    return Guice.createInjector(
        Stage.PRODUCTION,
        new AbstractModule() {
          @Override
          protected void configure() {
            binder().requireExplicitBindings();
            bind(UserStore.class).toInstance(stores.users);
            bind(SessionStore.class).toInstance(stores.sessions);
            bind(LoginAttemptTracker.class).toInstance(stores.tracker);
            bind(TokenBlacklist.class).toInstance(stores.blacklist);
            bind(RateLimiter.class).toInstance(stores.limiter);
            bind(ResetTokenStore.class).toInstance(stores.resetTokens);
            bind(AuditStore.class).toInstance(stores.audit);
            OptionalBinder.newOptionalBinder(binder(), Clock.class)
                .setBinding()
                .toInstance(stores.clock);
            OptionalBinder.newOptionalBinder(binder(), NotificationSender.class)
                .setBinding()
                .toInstance(
                    n -> {
                      sent.add(n);
                      return Result.ok();
                    });
          }
        },
        new AuthModule(AuthConfig.load(hocon, Map.of())));
  }
}
