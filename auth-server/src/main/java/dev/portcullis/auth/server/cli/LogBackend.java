package dev.portcullis.auth.server.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import dev.portcullis.auth.server.ServerSettings.LogFormat;
import java.net.URL;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The launcher's logging backend: Logback, configured from {@code logback-text.xml} or {@code
 * logback-json.xml} beside this class. The only class that names Logback: Logback and the Logstash
 * encoder are optional dependencies of auth-server, present in {@code auth-server.jar} and absent
 * from an application that embeds the server, which keeps its own SLF4J backend. Does nothing when
 * Logback is not SLF4J's backend.
 */
final class LogBackend {
  private LogBackend() {}

  /**
   * (Re)configures the process's logging.
   *
   * @param format text or JSON lines
   * @param level the root level ({@code INFO} for {@code serve}, {@code ERROR} for admin commands,
   *     which print their own results)
   */
  static void configure(LogFormat format, String level) {
    Objects.requireNonNull(format, "format");
    ILoggerFactory factory;
    try {
      factory = LoggerFactory.getILoggerFactory();
    } catch (NoClassDefFoundError e) {
      return;
    }
    if (!isLogback(factory)) {
      return;
    }
    LoggerContext context = (LoggerContext) factory;
    String name = format == LogFormat.JSON ? "logback-json.xml" : "logback-text.xml";
    URL config = LogBackend.class.getResource(name);
    if (config == null) {
      throw new IllegalStateException(name + " is missing from the server's jar");
    }
    context.reset();
    context.putProperty("portcullis.log.level", level);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
      throw new IllegalStateException("the logging configuration " + name + " is broken", e);
    }
  }

  private static boolean isLogback(ILoggerFactory factory) {
    try {
      return factory instanceof LoggerContext;
    } catch (NoClassDefFoundError e) {
      return false;
    }
  }
}
