package dev.portcullis.auth.client;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * The parts of an authorization server's metadata (RFC 8414 / OpenID Connect Discovery) that the
 * client uses. Optional endpoints are {@code null} when the server does not publish them.
 */
public record ServerMetadata(
    URI issuer,
    URI tokenEndpoint,
    URI authorizationEndpoint,
    URI deviceAuthorizationEndpoint,
    URI revocationEndpoint,
    URI jwksUri,
    Set<String> grantTypesSupported,
    Set<String> codeChallengeMethodsSupported,
    Set<String> tokenEndpointAuthMethodsSupported,
    boolean authorizationResponseIssParameterSupported) {

  public ServerMetadata {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    grantTypesSupported = Set.copyOf(grantTypesSupported);
    codeChallengeMethodsSupported = Set.copyOf(codeChallengeMethodsSupported);
    tokenEndpointAuthMethodsSupported = Set.copyOf(tokenEndpointAuthMethodsSupported);
  }
}
