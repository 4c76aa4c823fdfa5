package dev.portcullis.auth.oauth.token;

import dev.portcullis.auth.oauth.client.ClientCredentials;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A request to the token endpoint as received: the client's credentials and the form parameters
 * (RFC 6749 section 3.2: each at most once; a parameter sent without a value counts as omitted, so
 * the HTTP layer leaves it out). {@link #toString()} names the parameters, never their values.
 *
 * @param credentials what the request presents to authenticate its client
 * @param parameters every form parameter by name, client authentication ones included
 */
public record TokenRequest(ClientCredentials credentials, Map<String, String> parameters) {

  public TokenRequest {
    Objects.requireNonNull(credentials, "credentials");
    parameters = Map.copyOf(parameters);
  }

  /** The parameter {@code name}, if it was sent with a value. */
  public Optional<String> parameter(String name) {
    String value = parameters.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** {@code grant_type}. */
  public Optional<String> grantType() {
    return parameter("grant_type");
  }

  /** {@code scope}. */
  public Optional<String> scope() {
    return parameter("scope");
  }

  /** {@code refresh_token}. */
  public Optional<String> refreshToken() {
    return parameter("refresh_token");
  }

  @Override
  public String toString() {
    return "TokenRequest[credentials="
        + credentials
        + ", grantType="
        + grantType().map(TokenRequest::printable).orElse("none")
        + ", parameters="
        + new TreeSet<>(parameters.keySet())
        + "]";
  }

  private static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) : s;
    return cut.replaceAll("[^\\x21-\\x7E]", "?");
  }
}
