package dev.portcullis.auth.examples.jetty;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A plain Jetty 12 server (no servlets, no framework) whose one resource is behind {@link
 * PortcullisBearerHandler}: it answers {@code {"hello":"<subject>"}} to a valid access token.
 */
public final class JettyExample {
  private JettyExample() {}

  /** The protected resource: it can rely on the principal the bearer handler verified. */
  static final class Hello extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Principal me = (Principal) request.getAttribute(PortcullisBearerHandler.PRINCIPAL);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      // A subject is an opaque id (no quotes or backslashes), so it needs no JSON escaping here.
      Content.Sink.write(response, true, "{\"hello\":\"" + me.subject() + "\"}", callback);
      return true;
    }
  }

  /** A server on {@code host:port} (port 0: any free one), not yet started. */
  public static Server server(TokenService tokens, String host, int port) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new PortcullisBearerHandler(tokens, new Hello()));
    return server;
  }

  /**
   * Serves http://localhost:8080. It verifies tokens with the auth.token settings of AuthConfig:
   * give it the key and issuer settings of the service that issues them.
   */
  public static void main(String[] args) throws Exception {
    PortcullisSettings settings = PortcullisSettings.load(AuthConfig.load());
    Injector injector =
        Guice.createInjector(
            new AuthModule(settings), new MemoryStoreModule(settings), new JwtModule(settings));
    Server server = server(injector.getInstance(TokenService.class), "localhost", 8080);
    server.start();
    server.join();
  }
}
