package dev.portcullis.auth.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small java.net.http client for the server under test: real HTTP over loopback. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  public Api(URI base) {
    this.base = base;
  }

  /** An answer. */
  public record Res(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public Optional<String> header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return Optional.of(e.getValue().get(0));
        }
      }
      return Optional.empty();
    }

    public String code() {
      return json().path("code").asText();
    }

    public String text(String field) {
      return json().path(field).asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** A request being built. */
  public final class Req {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    private Req(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Req header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Req bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    /** A client address, believed because the test server trusts loopback as a proxy. */
    public Req from(String ip) {
      return header("X-Forwarded-For", ip);
    }

    public Req json(Object body) {
      try {
        return raw("application/json", JSON.writeValueAsString(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public Req raw(String contentType, String text) {
      header("Content-Type", contentType);
      body = HttpRequest.BodyPublishers.ofString(text);
      return this;
    }

    public Res send() {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
      headers.forEach(b::header);
      b.method(method, body);
      try {
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.headers().map(), r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  public Req get(String path) {
    return new Req("GET", path);
  }

  public Req post(String path) {
    return new Req("POST", path);
  }

  public Req delete(String path) {
    return new Req("DELETE", path);
  }

  public Req head(String path) {
    return new Req("HEAD", path);
  }

  public Req options(String path) {
    return new Req("OPTIONS", path);
  }

  /** Map.of with nulls allowed is not a thing; this is. */
  public static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** All values of a header. */
  public static List<String> all(Res r, String name) {
    List<String> out = new ArrayList<>();
    r.headers()
        .forEach(
            (k, v) -> {
              if (k.equalsIgnoreCase(name)) {
                out.addAll(v);
              }
            });
    return out;
  }
}
