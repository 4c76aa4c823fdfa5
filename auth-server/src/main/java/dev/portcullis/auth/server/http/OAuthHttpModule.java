package dev.portcullis.auth.server.http;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.oauth.authorize.AuthorizationFlow;
import dev.portcullis.auth.oauth.device.DeviceFlow;
import dev.portcullis.auth.server.account.AccountMfaFlow;

/**
 * Adds the OAuth endpoints ({@link OAuthRoutes}, {@link AuthorizeRoutes}) and the pages of the
 * browser flows and the TOTP enrolment page ({@link PageRoutes}) to the HTTP API. Installed by the
 * server's wiring, next to {@code OAuthModule}, only when {@code auth.oauth.enabled = true}.
 * Declares bindings only.
 */
public final class OAuthHttpModule extends AbstractModule {

  @Override
  protected void configure() {
    // The pages first: they claim their paths under /oauth2/ for HTML errors before OAuthRoutes
    // claims the rest for JSON ones. Each flow's pages are mounted when OAuthModule binds it.
    OptionalBinder.newOptionalBinder(binder(), AuthorizationFlow.class);
    OptionalBinder.newOptionalBinder(binder(), DeviceFlow.class);
    Multibinder<RouteGroup> groups = Multibinder.newSetBinder(binder(), RouteGroup.class);
    groups.addBinding().to(PageRoutes.class);
    groups.addBinding().to(OAuthRoutes.class);
    bind(PageRoutes.class);
    bind(AccountMfaFlow.class); // the TOTP enrolment page's steps, on PageRoutes
    bind(OAuthRoutes.class);
    groups.addBinding().to(AuthorizeRoutes.class);
    bind(AuthorizeRoutes.class);
  }
}
