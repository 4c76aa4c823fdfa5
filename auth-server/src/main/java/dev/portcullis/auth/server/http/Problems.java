package dev.portcullis.auth.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.PasswordViolation;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 9457 problem documents ({@code application/problem+json}) from {@link AuthError}s. The status
 * is {@link AuthError#httpStatus()}, the code {@link AuthError#code()} and the retry time {@link
 * AuthError#retryAfter()}: the error model decides, this class only writes. Fields: {@code type}
 * ({@code urn:portcullis:problem:<code>}), {@code title} (the code in words), {@code status},
 * {@code detail}, {@code code}, {@code remedy}, and where they apply {@code violations} (every
 * password-policy violation) and {@code retry_after} (seconds, also sent as {@code Retry-After}).
 *
 * <p>Server-side failures (5xx) answer with a generic detail: their messages name databases and
 * settings, which are for the log, not for clients.
 */
public final class Problems {

  /** The media type of problem documents. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The {@code Content-Type} of problem documents: always UTF-8, said explicitly. */
  static final String CONTENT_TYPE = MEDIA_TYPE + "; charset=utf-8";

  /** The prefix of every problem {@code type}. */
  public static final String TYPE_PREFIX = "urn:portcullis:problem:";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  /** The problem document of {@code error}, with {@code detail} replacing its message if given. */
  public static Map<String, Object> document(AuthError error, String detail) {
    int status = error.httpStatus();
    Map<String, Object> doc =
        base(
            status,
            error.code(),
            detail != null
                ? detail
                : status >= 500
                    ? "The service cannot answer right now; retry later."
                    : error.message());
    if (status < 500) {
      doc.put("remedy", error.remedy());
    }
    if (error instanceof AuthError.PasswordPolicyViolated policy) {
      List<Map<String, String>> violations = new ArrayList<>();
      for (PasswordViolation v : policy.violations()) {
        violations.add(Map.of("code", v.code(), "message", v.message()));
      }
      doc.put("violations", violations);
    }
    error.retryAfter().ifPresent(d -> doc.put("retry_after", seconds(d)));
    return doc;
  }

  /** Writes the problem of {@code error} to {@code ctx}, with {@code Retry-After} where known. */
  static void write(Context ctx, AuthError error, String detail, Map<String, String> headers) {
    headers.forEach(ctx::header);
    error.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(seconds(d))));
    send(ctx, error.httpStatus(), document(error, detail));
  }

  /** Writes a problem that has no {@link AuthError} (routing failures, bugs). */
  static void writeOther(Context ctx, int status, String code, String detail) {
    send(ctx, status, other(status, code, detail));
  }

  /** The document of a problem that has no {@link AuthError}. */
  static Map<String, Object> other(int status, String code, String detail) {
    return base(status, code, detail);
  }

  /** {@code doc} as UTF-8 JSON. */
  static byte[] bytes(Map<String, Object> doc) {
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a problem document is always serialisable", e);
    }
  }

  private static void send(Context ctx, int status, Map<String, Object> doc) {
    ctx.header("Cache-Control", "no-store");
    ctx.status(status);
    // Bytes, not a String: the servlet default charset would turn non-ASCII text into '?'.
    ctx.contentType(CONTENT_TYPE);
    ctx.result(bytes(doc));
  }

  private static Map<String, Object> base(int status, String code, String detail) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", TYPE_PREFIX + code);
    doc.put("title", title(code));
    doc.put("status", status);
    doc.put("detail", detail);
    doc.put("code", code);
    return doc;
  }

  /** {@code account_locked} becomes "Account locked". */
  static String title(String code) {
    String words = code.replace('_', ' ');
    return words.isEmpty()
        ? words
        : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  /** Whole seconds, rounded up: a client that waits this long is never early. */
  static long seconds(Duration d) {
    long s = d.getSeconds();
    return d.getNano() > 0 ? s + 1 : s;
  }
}
