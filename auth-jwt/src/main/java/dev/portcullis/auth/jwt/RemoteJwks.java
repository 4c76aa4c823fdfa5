package dev.portcullis.auth.jwt;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's published keys, fetched from its JWKS URL, for services that only verify.
 *
 * <p>The key set is fetched on first use and cached for {@code cacheTtl}. A token naming an unknown
 * {@code kid} triggers a refetch (the issuer may have rotated), but fetches happen at most once per
 * {@code refetchInterval} whatever the cause, so tokens with made-up key ids cannot turn this
 * service into a request amplifier. When a fetch fails the previous key set keeps serving; only
 * when no key set was ever fetched does {@link #find} fail closed with {@code service_unavailable}.
 * Time comes from the injected clock. No thread is started until the first fetch. Thread-safe.
 */
public final class RemoteJwks implements KeySource {
  private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);

  /** Largest JWKS document accepted. */
  private static final int MAX_BYTES = 512 * 1024;

  private record Snapshot(Jwks jwks, Instant fetchedAt) {}

  private final URI uri;
  private final Clock clock;
  private final Duration cacheTtl;
  private final Duration refetchInterval;
  private final Duration timeout;
  private final Object lock = new Object();
  private volatile HttpClient client;
  private volatile Snapshot snapshot;
  private Instant lastAttempt; // guarded by lock
  private String lastFailure; // guarded by lock

  private RemoteJwks(Builder b) {
    this.uri = Objects.requireNonNull(b.uri, "uri");
    String scheme = uri.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("the JWKS URL must be http(s): " + uri);
    }
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.cacheTtl = Objects.requireNonNull(b.cacheTtl, "cacheTtl");
    this.refetchInterval = Objects.requireNonNull(b.refetchInterval, "refetchInterval");
    this.timeout = Objects.requireNonNull(b.timeout, "timeout");
    this.client = b.client;
  }

  /** A builder for the key set at {@code uri}. */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /** Where the keys come from. */
  public URI uri() {
    return uri;
  }

  @Override
  public Optional<JwtKey> find(String keyId) {
    Instant now = clock.instant();
    Snapshot s = snapshot;
    if (s == null || !now.isBefore(s.fetchedAt().plus(cacheTtl))) {
      s = refresh(now);
    }
    if (s == null) {
      throw unavailable();
    }
    Optional<JwtKey> key = s.jwks().find(keyId);
    if (key.isEmpty()) {
      s = refresh(now);
      key = s == null ? Optional.empty() : s.jwks().find(keyId);
    }
    return key;
  }

  @Override
  public List<String> keyIds() {
    Snapshot s = snapshot;
    return s == null ? List.of() : s.jwks().keys().stream().map(JwtKey::keyId).toList();
  }

  /** When the key set was last fetched successfully, if ever. */
  public Optional<Instant> fetchedAt() {
    Snapshot s = snapshot;
    return s == null ? Optional.empty() : Optional.of(s.fetchedAt());
  }

  /** Fetches unless a fetch was attempted within the refetch interval; returns the key set. */
  private Snapshot refresh(Instant now) {
    synchronized (lock) {
      Snapshot current = snapshot;
      if (lastAttempt != null && now.isBefore(lastAttempt.plus(refetchInterval))) {
        return current;
      }
      lastAttempt = now;
      try {
        Jwks jwks = fetch();
        for (String s : jwks.skipped()) {
          log.warn("JWKS {}: skipped {}", uri, s);
        }
        if (jwks.keys().isEmpty()) {
          throw new IOException("the document holds no key this service can use");
        }
        Snapshot fresh = new Snapshot(jwks, now);
        snapshot = fresh;
        lastFailure = null;
        return fresh;
      } catch (IOException | IllegalArgumentException e) {
        lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        log.warn(
            "Fetching the JWKS {} failed ({}); {}",
            uri,
            lastFailure,
            current == null ? "no keys are available yet" : "keeping the keys fetched earlier");
        return current;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lastFailure = "interrupted";
        return current;
      }
    }
  }

  private Jwks fetch() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/jwk-set+json, application/json")
            .GET()
            .build();
    HttpResponse<InputStream> response =
        client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP status " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("the document is larger than " + MAX_BYTES + " bytes");
      }
      try {
        return Jwks.parse(new String(bytes, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IOException("the response is not a JWKS document: " + e.getMessage());
      }
    }
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      c =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      client = c;
    }
    return c;
  }

  private ServiceUnavailableException unavailable() {
    String why;
    synchronized (lock) {
      why = lastFailure == null ? "not fetched yet" : lastFailure;
    }
    return new ServiceUnavailableException(
        new AuthError.ServiceUnavailable(
            "the issuer's key set " + uri,
            "no keys could be fetched ("
                + why
                + "); check auth.token.remote-jwks.url and that the issuer is reachable"));
  }

  /** Builds a {@link RemoteJwks}. */
  public static final class Builder {
    private final URI uri;
    private Clock clock = Clock.systemUTC();
    private Duration cacheTtl = Duration.ofMinutes(10);
    private Duration refetchInterval = Duration.ofMinutes(1);
    private Duration timeout = Duration.ofSeconds(5);
    private HttpClient client;

    private Builder(URI uri) {
      this.uri = uri;
    }

    /** The clock that measures cache age and the refetch interval. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long a fetched key set is used before it is fetched again. Default 10 min. */
    public Builder cacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
      return this;
    }

    /** The least time between two fetches, whatever triggers them. Default 1 min. */
    public Builder refetchInterval(Duration refetchInterval) {
      this.refetchInterval = refetchInterval;
      return this;
    }

    /** Connect and request timeout. Default 5 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The HTTP client; by default one is created on the first fetch. */
    public Builder httpClient(HttpClient client) {
      this.client = client;
      return this;
    }

    /** The key source. */
    public RemoteJwks build() {
      return new RemoteJwks(this);
    }
  }
}
