package dev.portcullis.auth.oauth.client;

import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.jwt.Jwks;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.KeySource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of {@code private_key_jwt} clients: an inline {@code jwks} is parsed once per
 * client and document (a changed document is parsed again), a {@code jwks_uri} gets one key source
 * per URI from a factory (a {@code RemoteJwks} with a short cache, in production). Both caches are
 * bounded (least recently used out). A {@code jwks_uri} must be {@code https}, or {@code http} on a
 * loopback host. A registration that cannot be used is logged once (as a warning) per client and
 * document or URI. Thread-safe.
 */
final class ClientKeys {
  private static final Logger log = LoggerFactory.getLogger(ClientKeys.class);

  /** The most clients (inline) and URIs (remote) remembered. */
  static final int MAX_ENTRIES = 1024;

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /** The keys of one client, or why there are none. */
  record Keys(KeySource source, String problem) {
    static Keys of(KeySource source) {
      return new Keys(source, null);
    }

    static Keys unusable(String problem) {
      return new Keys(null, problem);
    }
  }

  private record Inline(String jwks, Keys keys) {}

  private final Function<URI, KeySource> remote;
  private final Map<String, Inline> inline = lru();
  private final Map<String, Keys> byUri = lru();

  ClientKeys(Function<URI, KeySource> remote) {
    this.remote = Objects.requireNonNull(remote, "remote");
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_ENTRIES;
      }
    };
  }

  /** The keys {@code client} registered; a problem names the registration to fix. */
  Keys of(OAuthClient client) {
    if (client.jwks() != null) {
      synchronized (inline) {
        Inline cached = inline.get(client.clientId());
        if (cached == null || !cached.jwks().equals(client.jwks())) {
          cached = new Inline(client.jwks(), parse(client.clientId(), client.jwks()));
          inline.put(client.clientId(), cached);
        }
        return cached.keys();
      }
    }
    if (client.jwksUri() != null) {
      synchronized (byUri) {
        return byUri.computeIfAbsent(client.jwksUri(), u -> remote(client.clientId(), u));
      }
    }
    return Keys.unusable("the client registered neither jwks nor jwks_uri");
  }

  private Keys remote(String clientId, String uri) {
    Optional<String> problem = uriProblem(uri);
    if (problem.isPresent()) {
      log.warn("Client {}: private_key_jwt is refused: {}", clientId, problem.get());
      return Keys.unusable(problem.get());
    }
    return Keys.of(fetching(remote.apply(URI.create(uri))));
  }

  private static Keys parse(String clientId, String json) {
    Keys keys = parse(json);
    if (keys.problem() != null) {
      log.warn("Client {}: private_key_jwt is refused: {}", clientId, keys.problem());
    }
    return keys;
  }

  private static Keys parse(String json) {
    Jwks jwks;
    try {
      jwks = Jwks.parse(json);
    } catch (IllegalArgumentException e) {
      return Keys.unusable("the client's registered jwks is not a JWK Set: " + e.getMessage());
    }
    if (jwks.keys().isEmpty()) {
      return Keys.unusable(
          "the client's registered jwks holds no usable signing key (skipped: "
              + jwks.skipped()
              + ")");
    }
    return Keys.of(
        new KeySource() {
          @Override
          public Optional<JwtKey> find(String keyId) {
            return jwks.find(keyId);
          }

          @Override
          public List<String> keyIds() {
            return jwks.keys().stream().map(JwtKey::keyId).toList();
          }
        });
  }

  /**
   * A remote source whose {@link KeySource#keyIds()} fetches first when nothing was fetched yet (an
   * assertion without {@code kid} needs the whole set); {@code find} of an id no key can have (ids
   * are never blank) makes the source fetch, or throw when it cannot.
   */
  private static KeySource fetching(KeySource source) {
    return new KeySource() {
      @Override
      public Optional<JwtKey> find(String keyId) {
        return source.find(keyId);
      }

      @Override
      public List<String> keyIds() {
        List<String> ids = source.keyIds();
        if (ids.isEmpty()) {
          source.find("");
          ids = source.keyIds();
        }
        return ids;
      }
    };
  }

  /** Why {@code jwksUri} cannot be used, if it cannot. */
  static Optional<String> uriProblem(String jwksUri) {
    URI uri;
    try {
      uri = new URI(jwksUri);
    } catch (URISyntaxException e) {
      return Optional.of("the client's jwks_uri is not a URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.isEmpty()) {
      return Optional.of("the client's jwks_uri has no host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("the client's jwks_uri carries user information");
    }
    if (scheme.equals("https") || (scheme.equals("http") && LOOPBACK.contains(host))) {
      return Optional.empty();
    }
    return Optional.of(
        "the client's jwks_uri must be an https URL (http only for localhost), is " + scheme);
  }
}
