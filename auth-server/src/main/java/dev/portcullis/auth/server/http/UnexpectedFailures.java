package dev.portcullis.auth.server.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs failures that are bugs (an exception no handler expected) without letting a client flood the
 * log: each failure is one ERROR line naming the route, the exception class and where it was
 * thrown, and never its message, which may quote the request. The stack trace of a kind of failure
 * (exception class and throwing frame) is logged once, again without messages; the same bug hit
 * again costs one line. Thread-safe.
 */
final class UnexpectedFailures {
  private static final int MAX_KINDS = 100;
  private static final int MAX_FRAMES = 40;

  private final Logger log;
  private final Set<String> traced = ConcurrentHashMap.newKeySet();

  UnexpectedFailures(Logger log) {
    this.log = log;
  }

  /** Logs {@code failure} of the request {@code method route} (a route template, not a path). */
  void log(String method, String route, String requestId, Throwable failure) {
    String where = where(failure);
    String kind = failure.getClass().getName() + " at " + where;
    boolean first = traced.size() < MAX_KINDS && traced.add(kind);
    if (first) {
      log.error(
          "request {} {} failed (request id {}): {}; stack trace without messages (logged once"
              + " per kind):{}",
          method,
          route,
          requestId,
          kind,
          trace(failure));
    } else {
      log.error("request {} {} failed (request id {}): {}", method, route, requestId, kind);
    }
  }

  private static String where(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    return frames.length == 0 ? "unknown" : frames[0].toString();
  }

  /** Class names and frames of {@code t} and its causes; messages left out. */
  static String trace(Throwable t) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    for (Throwable c = t; c != null && depth < 5; c = c.getCause(), depth++) {
      b.append(System.lineSeparator()).append(depth == 0 ? "" : "Caused by: ");
      b.append(c.getClass().getName());
      StackTraceElement[] frames = c.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
        b.append(System.lineSeparator()).append("\tat ").append(frames[i]);
      }
      if (frames.length > MAX_FRAMES) {
        b.append(System.lineSeparator())
            .append("\t... ")
            .append(frames.length - MAX_FRAMES)
            .append(" more");
      }
    }
    return b.toString();
  }
}
