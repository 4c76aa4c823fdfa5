package dev.portcullis.auth.server.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.core.metrics.AuthMetrics;

/**
 * The HTTP API's bindings: {@link HttpApi} (not a singleton: created only when serving) and the set
 * of {@link RouteGroup}s it mounts, here the end-user ({@code /auth}), admin ({@code /admin}) and
 * operations ({@code /health}, {@code /health/live}, {@code /health/ready}, {@code /metrics},
 * {@code /openapi.json}, JWKS) groups. Another module adds its own group through the same {@code
 * Multibinder}. Declares bindings only.
 */
public final class HttpModule extends AbstractModule {

  @Override
  protected void configure() {
    Multibinder<RouteGroup> groups = Multibinder.newSetBinder(binder(), RouteGroup.class);
    groups.addBinding().to(AuthRoutes.class);
    groups.addBinding().to(AdminRoutes.class);
    groups.addBinding().to(OpsRoutes.class);
    groups.addBinding().to(MfaRoutes.class);
    bind(AuthRoutes.class);
    bind(MfaRoutes.class);
    bind(AdminRoutes.class);
    bind(OpsRoutes.class);
    bind(HttpApi.class);
  }

  @Provides
  BearerAuth bearerAuth(TokenService tokens, AuthMetrics metrics) {
    return new BearerAuth(metrics.timed(tokens));
  }
}
