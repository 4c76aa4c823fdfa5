package dev.portcullis.auth.client.internal;

import dev.portcullis.auth.client.ClientError;
import dev.portcullis.auth.client.ClientResult;
import dev.portcullis.auth.client.ServerMetadata;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Metadata discovery: RFC 8414 {@code /.well-known/oauth-authorization-server} (inserted before the
 * issuer's path, §3.1), then OpenID Connect Discovery's {@code /.well-known/openid-configuration}
 * (appended to the issuer). The document's {@code issuer} must equal the configured issuer exactly
 * (RFC 8414 §3.3), else the document is refused: a server that answers for another issuer could be
 * a mix-up attacker.
 */
public final class Discovery {
  private Discovery() {}

  /** The two metadata locations of {@code issuer}, in the order they are tried. */
  public static List<URI> locations(URI issuer) {
    String base = issuer.getScheme() + "://" + issuer.getRawAuthority();
    String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return List.of(
        URI.create(base + "/.well-known/oauth-authorization-server" + trimmed),
        URI.create(base + trimmed + "/.well-known/openid-configuration"));
  }

  /** Fetches and checks the metadata of {@code issuer}. */
  public static ClientResult<ServerMetadata> discover(Transport transport, URI issuer) {
    String tried = "";
    for (URI location : locations(issuer)) {
      ClientResult<Transport.JsonResponse> fetched = transport.getJson(location);
      if (!fetched.isSuccess()) {
        // A document that is not JSON is refused like one that names another issuer.
        return ClientResult.failure(
            fetched.error() instanceof ClientError.InvalidResponse invalid
                ? new ClientError.MetadataRejected(invalid.reason())
                : fetched.error());
      }
      Transport.JsonResponse response = fetched.value();
      if (response.status() == 200) {
        return parse(issuer, location, response.body());
      }
      tried += (tried.isEmpty() ? "" : ", ") + location + " (HTTP " + response.status() + ")";
    }
    return ClientResult.failure(
        new ClientError.MetadataRejected("no metadata document at " + tried));
  }

  /** Checks and reads a metadata document fetched from {@code location}. */
  public static ClientResult<ServerMetadata> parse(
      URI issuer, URI location, Map<String, Object> document) {
    Optional<String> documentIssuer = Json.string(document, "issuer");
    if (documentIssuer.isEmpty()) {
      return rejected(location + " has no \"issuer\"");
    }
    if (!documentIssuer.get().equals(issuer.toString())) {
      return rejected(
          location
              + " names the issuer \""
              + Transport.safe(documentIssuer.get())
              + "\", not the configured \""
              + issuer
              + "\"");
    }
    Optional<URI> token = endpoint(document, "token_endpoint");
    if (token.isEmpty()) {
      return rejected(location + " has no valid \"token_endpoint\"");
    }
    if (issuer.getScheme().equals("https")) {
      for (String name :
          new String[] {
            "token_endpoint", "authorization_endpoint", "device_authorization_endpoint"
          }) {
        Optional<URI> endpoint = endpoint(document, name);
        if (endpoint.isPresent() && !endpoint.get().getScheme().equals("https")) {
          // Secrets and codes would cross the network in clear.
          return rejected(location + " names a " + name + " that is not https");
        }
      }
    }
    return ClientResult.success(
        new ServerMetadata(
            issuer,
            token.get(),
            endpoint(document, "authorization_endpoint").orElse(null),
            endpoint(document, "device_authorization_endpoint").orElse(null),
            endpoint(document, "revocation_endpoint").orElse(null),
            endpoint(document, "jwks_uri").orElse(null),
            new HashSet<>(Json.strings(document, "grant_types_supported")),
            new HashSet<>(Json.strings(document, "code_challenge_methods_supported")),
            new HashSet<>(Json.strings(document, "token_endpoint_auth_methods_supported")),
            Json.isTrue(document, "authorization_response_iss_parameter_supported")));
  }

  private static Optional<URI> endpoint(Map<String, Object> document, String name) {
    return Json.string(document, name)
        .flatMap(
            value -> {
              try {
                URI uri = new URI(value);
                return uri.isAbsolute() && uri.getHost() != null
                    ? Optional.of(uri)
                    : Optional.empty();
              } catch (java.net.URISyntaxException e) {
                return Optional.empty();
              }
            });
  }

  private static ClientResult<ServerMetadata> rejected(String reason) {
    return ClientResult.failure(new ClientError.MetadataRejected(reason));
  }
}
