package dev.portcullis.auth.oauth.client;

/**
 * What a request to the token, revocation or introspection endpoint presents to authenticate its
 * client, exactly as received (RFC 6749 section 2.3, RFC 7523 section 2.2). Any value may be null
 * when the request did not carry it. {@link #toString()} shows no secret or assertion.
 *
 * @param authorizationHeader the {@code Authorization} header ({@code Basic ...} for {@code
 *     client_secret_basic})
 * @param clientId the {@code client_id} form parameter
 * @param clientSecret the {@code client_secret} form parameter ({@code client_secret_post})
 * @param clientAssertionType the {@code client_assertion_type} form parameter
 * @param clientAssertion the {@code client_assertion} form parameter ({@code private_key_jwt})
 */
public record ClientCredentials(
    String authorizationHeader,
    String clientId,
    String clientSecret,
    String clientAssertionType,
    String clientAssertion) {

  /** RFC 7523 section 2.2. */
  public static final String JWT_BEARER_ASSERTION =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  /** Whether the request carried an {@code Authorization} header. */
  public boolean usedAuthorizationHeader() {
    return authorizationHeader != null;
  }

  @Override
  public String toString() {
    return "ClientCredentials[header="
        + (authorizationHeader == null ? "none" : "present")
        + ", clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "present")
        + ", clientAssertionType="
        + clientAssertionType
        + ", clientAssertion="
        + (clientAssertion == null ? "none" : "present")
        + "]";
  }
}
