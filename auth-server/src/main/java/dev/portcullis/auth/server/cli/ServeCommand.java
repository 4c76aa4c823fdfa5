package dev.portcullis.auth.server.cli;

import com.typesafe.config.Config;
import dev.portcullis.auth.server.PortcullisServer;
import io.javalin.util.JavalinException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the HTTP API until SIGTERM or Ctrl-C, then shuts down gracefully. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the HTTP API (until SIGTERM or Ctrl-C; requests in flight finish).")
final class ServeCommand implements Callable<Integer> {

  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin ConfigOptions options;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "TCP port (default 8080, 0 for any free port).")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Interface to listen on (default 0.0.0.0, every interface: the server is meant to be"
              + " reached from other machines or containers; 127.0.0.1 for this machine only).")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    Config config = options.load(main, host, port);
    main.useLogFormat(config);
    PortcullisServer server =
        PortcullisServer.builder().config(config).environment(main.environment()).build();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "portcullis-shutdown"));
    try {
      server.start();
    } catch (IllegalStateException | JavalinException e) {
      server.stop();
      spec.commandLine()
          .getErr()
          .println(
              "Portcullis cannot start: "
                  + e.getMessage()
                  + "\nFix: stop the program using the port (a running server?), or choose"
                  + " another with --port or AUTH_SERVER_PORT (and the interface with --host or AUTH_SERVER_HOST).");
      return 1;
    }
    server.awaitStop();
    return 0;
  }
}
