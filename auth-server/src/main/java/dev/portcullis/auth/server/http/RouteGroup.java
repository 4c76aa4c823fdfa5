package dev.portcullis.auth.server.http;

/**
 * A group of endpoints of the HTTP API. {@link HttpApi} mounts every group bound in the set, in
 * binding order, after its filters and before its error handlers; add one with {@code
 * Multibinder.newSetBinder(binder(), RouteGroup.class).addBinding().to(MyRoutes.class)}. A group
 * declares its endpoints through {@link Routes}, so each GET also answers HEAD by the same rules as
 * every other group's. Handlers call use cases (core services and {@code auth-api} ports such as
 * {@code TokenService}), never store ports: an ArchUnit rule keeps it so.
 */
public interface RouteGroup {

  /** Declares this group's endpoints. Called once, while the server is built. */
  void mount(Routes routes);
}
