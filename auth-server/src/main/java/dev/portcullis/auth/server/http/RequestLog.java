package dev.portcullis.auth.server.http;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the structured request log goes: one JSON object per request, with method, route template,
 * status, duration, client address and request id, and never a body, header value, query string or
 * token. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RequestLog {

  /** The logger name of {@link #slf4j()}. */
  String LOGGER = "dev.portcullis.auth.server.access";

  /** Writes one line. */
  void write(String jsonLine);

  /** Lines to SLF4J, logger {@value #LOGGER}, level INFO. */
  static RequestLog slf4j() {
    Logger log = LoggerFactory.getLogger(LOGGER);
    return log::info;
  }

  /** Lines to {@code sink} (tests, custom shipping). */
  static RequestLog to(Consumer<String> sink) {
    return sink::accept;
  }

  /** No request log. */
  static RequestLog none() {
    return line -> {};
  }
}
