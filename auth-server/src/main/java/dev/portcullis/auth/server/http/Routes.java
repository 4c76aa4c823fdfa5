package dev.portcullis.auth.server.http;

import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How a {@link RouteGroup} declares endpoints. A GET endpoint also answers HEAD by running the same
 * handler (Jetty sends the headers and drops the body), so HEAD gets the status GET would get: 401
 * without a token, 503 while the store is down. Javalin would otherwise answer HEAD with 200 for
 * any path that has a GET handler, without running it. {@link #close()} adds a HEAD handler for
 * every other path, so a GET registered around this class still never gets Javalin's automatic 200.
 */
public final class Routes {
  private final JavalinDefaultRoutingApi routes;
  private final ErrorFormats errorFormats;
  private final List<String> declared = new ArrayList<>();

  Routes(JavalinDefaultRoutingApi routes, ErrorFormats errorFormats) {
    this.routes = routes;
    this.errorFormats = errorFormats;
  }

  /** GET and HEAD on {@code path}. */
  public Routes get(String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
    declared.add("GET " + path);
    return this;
  }

  /** POST on {@code path}. */
  public Routes post(String path, Handler handler) {
    routes.post(path, handler);
    declared.add("POST " + path);
    return this;
  }

  /** DELETE on {@code path}. */
  public Routes delete(String path, Handler handler) {
    routes.delete(path, handler);
    declared.add("DELETE " + path);
    return this;
  }

  /**
   * Errors on the paths {@code paths} accepts are written by {@code format} instead of as
   * problem+json: those of handlers, of the router and of the container alike.
   */
  Routes errorsAs(Predicate<String> paths, ErrorFormat format) {
    errorFormats.register(paths, format);
    return this;
  }

  /**
   * Every endpoint declared so far, as {@code METHOD path} in Javalin's path syntax ({@code
   * /auth/sessions/{id}}), in declaration order; a GET's HEAD is implied.
   */
  List<String> declared() {
    return List.copyOf(declared);
  }

  /** Ends the table: HEAD on any path not declared with {@link #get} answers 404. */
  void close() {
    routes.head(
        "*",
        ctx -> {
          throw new NotFoundResponse();
        });
  }
}
