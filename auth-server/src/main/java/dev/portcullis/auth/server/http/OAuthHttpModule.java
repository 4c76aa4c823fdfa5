package dev.portcullis.auth.server.http;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * Adds the OAuth endpoints ({@link OAuthRoutes}) to the HTTP API. Installed by the server's wiring,
 * next to {@code OAuthModule}, only when {@code auth.oauth.enabled = true}. Declares bindings only.
 */
public final class OAuthHttpModule extends AbstractModule {

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), RouteGroup.class).addBinding().to(OAuthRoutes.class);
    bind(OAuthRoutes.class);
  }
}
