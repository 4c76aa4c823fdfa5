package dev.portcullis.auth.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The {@link ErrorFormat}s that route groups registered, by path; every other path answers
 * problem+json. Filled while the routes are mounted, read by every request. Thread-safe.
 */
final class ErrorFormats {
  private record Entry(Predicate<String> paths, ErrorFormat format) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  void register(Predicate<String> paths, ErrorFormat format) {
    entries.add(new Entry(paths, format));
  }

  /** The format of {@code path}, if a group claimed it. */
  Optional<ErrorFormat> forPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (Entry e : entries) {
      if (e.paths().test(path)) {
        return Optional.of(e.format());
      }
    }
    return Optional.empty();
  }

  /** Writes {@code answer} to {@code ctx}, replacing headers of the same name. */
  static void write(Context ctx, ErrorFormat.Answer answer) {
    answer.headers().forEach(ctx::header);
    ctx.status(answer.status());
    ctx.result(answer.body());
  }
}
