package dev.portcullis.auth.api.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A registered OAuth 2.x client. The constructor refuses an inconsistent client, so every stored
 * one is usable as it stands: a {@link Type#PUBLIC public} client authenticates only with {@link
 * AuthMethod#NONE} and has no secret; a {@link Type#CONFIDENTIAL confidential} one never uses
 * {@code none}; a secret method needs {@code secretHash}; {@code private_key_jwt} needs {@code
 * jwks} or {@code jwksUri}; {@code authorization_code} needs a redirect URI; {@code
 * client_credentials} is for confidential clients only (RFC 6749 section 4.4). {@link #toString()}
 * never shows the secret hash.
 *
 * @param clientId 1 to 255 printable ASCII characters, no whitespace
 * @param displayName what the consent screen shows, not blank
 * @param type public or confidential
 * @param authMethods how the client authenticates at the token endpoint, at least one
 * @param secretHash the client secret's self-describing hash ({@code $argon2id$...} or {@code
 *     sha256:<hex>}), never the secret; null when no secret method is registered
 * @param jwksUri where the client publishes its public keys (for {@code private_key_jwt}), or null
 * @param jwks the client's public keys as a JWK Set JSON document, or null; not both with {@code
 *     jwksUri}
 * @param redirectUris absolute redirect URIs without fragment, compared exactly, no duplicates
 * @param grantTypes the grants the client may use, from {@link #GRANT_TYPES}
 * @param scopes the scopes the client may request (RFC 6749 section 3.3 scope tokens)
 * @param requireConsent whether a user must approve the client's scopes
 * @param accessTokenAudience the {@code aud} of the client's access tokens, or null for the
 *     server's default resource
 * @param enabled whether the client may obtain tokens
 * @param createdAt when it was registered
 */
public record OAuthClient(
    String clientId,
    String displayName,
    Type type,
    Set<AuthMethod> authMethods,
    String secretHash,
    String jwksUri,
    String jwks,
    List<String> redirectUris,
    Set<String> grantTypes,
    Set<String> scopes,
    boolean requireConsent,
    String accessTokenAudience,
    boolean enabled,
    Instant createdAt) {

  /** RFC 6749 section 4.1. */
  public static final String AUTHORIZATION_CODE = "authorization_code";

  /** RFC 6749 section 6. */
  public static final String REFRESH_TOKEN = "refresh_token";

  /** RFC 6749 section 4.4. */
  public static final String CLIENT_CREDENTIALS = "client_credentials";

  /** RFC 8628 section 3.4. */
  public static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";

  /** Every grant type a client may register. */
  public static final Set<String> GRANT_TYPES =
      Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS, DEVICE_CODE);

  private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");
  // RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
  private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,255}");
  private static final Pattern SECRET_HASH =
      Pattern.compile("(\\$[a-z0-9-]+\\$|[a-z0-9-]+:)[\\x21-\\x7E]+");

  /**
   * Whether {@code id} can be a client id: 1 to 255 printable ASCII characters without whitespace.
   * Never throws.
   */
  public static boolean isClientId(String id) {
    return id != null && CLIENT_ID.matcher(id).matches();
  }

  /** Whether a client can keep a secret (RFC 6749 section 2.1). */
  public enum Type {
    PUBLIC,
    CONFIDENTIAL
  }

  /** Token-endpoint authentication methods (RFC 7591 section 2, RFC 7523). */
  public enum AuthMethod {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    PRIVATE_KEY_JWT("private_key_jwt"),
    NONE("none");

    private final String rfcName;

    AuthMethod(String rfcName) {
      this.rfcName = rfcName;
    }

    /** The registered name, as in {@code token_endpoint_auth_methods_supported}. */
    public String rfcName() {
      return rfcName;
    }

    /** Whether the method proves a shared secret. */
    public boolean usesSecret() {
      return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_POST;
    }

    /**
     * The method with this registered name.
     *
     * @throws IllegalArgumentException if no method has it
     */
    public static AuthMethod fromRfcName(String name) {
      for (AuthMethod m : values()) {
        if (m.rfcName.equals(name)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown client authentication method: " + name);
    }
  }

  /**
   * Checks every invariant and copies the collections (unmodifiable, sets sorted).
   *
   * @throws NullPointerException if a required value is null
   * @throws IllegalArgumentException naming the first broken invariant
   */
  public OAuthClient {
    Objects.requireNonNull(clientId, "clientId");
    if (!isClientId(clientId)) {
      throw new IllegalArgumentException(
          "clientId must be 1 to 255 printable ASCII characters without whitespace");
    }
    Objects.requireNonNull(displayName, "displayName");
    if (displayName.isBlank() || displayName.length() > 255) {
      throw new IllegalArgumentException("displayName must be 1 to 255 characters, not blank");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(authMethods, "authMethods");
    if (authMethods.isEmpty()) {
      throw new IllegalArgumentException("authMethods must name at least one method");
    }
    authMethods = Collections.unmodifiableSet(EnumSet.copyOf(authMethods));
    boolean usesSecret = authMethods.stream().anyMatch(AuthMethod::usesSecret);
    if (type == Type.PUBLIC && !authMethods.equals(EnumSet.of(AuthMethod.NONE))) {
      throw new IllegalArgumentException("a public client authenticates only with 'none'");
    }
    if (type == Type.PUBLIC && secretHash != null) {
      throw new IllegalArgumentException("a public client has no secret");
    }
    if (type == Type.CONFIDENTIAL && authMethods.contains(AuthMethod.NONE)) {
      throw new IllegalArgumentException("a confidential client cannot use 'none'");
    }
    if (secretHash != null && !SECRET_HASH.matcher(secretHash).matches()) {
      // Says nothing of the value: it might be a secret pasted by mistake.
      throw new IllegalArgumentException(
          "secretHash must be a self-describing hash such as $argon2id$... or sha256:<hex>");
    }
    if (usesSecret && secretHash == null) {
      throw new IllegalArgumentException(
          "client_secret_basic and client_secret_post need a secretHash");
    }
    if (jwksUri != null) {
      absoluteUri(jwksUri, "jwksUri");
    }
    if (jwks != null && jwks.isBlank()) {
      throw new IllegalArgumentException("jwks must not be blank");
    }
    if (jwks != null && jwksUri != null) {
      throw new IllegalArgumentException("give jwks or jwksUri, not both");
    }
    if (authMethods.contains(AuthMethod.PRIVATE_KEY_JWT) && jwks == null && jwksUri == null) {
      throw new IllegalArgumentException("private_key_jwt needs jwks or jwksUri");
    }
    Objects.requireNonNull(redirectUris, "redirectUris");
    List<String> uris = new ArrayList<>(redirectUris.size());
    for (String uri : redirectUris) {
      URI parsed = absoluteUri(uri, "redirect URI");
      if (parsed.getRawFragment() != null) {
        throw new IllegalArgumentException("a redirect URI has no fragment: " + uri);
      }
      if (uris.contains(uri)) {
        throw new IllegalArgumentException("duplicate redirect URI: " + uri);
      }
      uris.add(uri);
    }
    redirectUris = List.copyOf(uris);
    Objects.requireNonNull(grantTypes, "grantTypes");
    for (String grant : grantTypes) {
      if (!GRANT_TYPES.contains(Objects.requireNonNull(grant, "grant type"))) {
        throw new IllegalArgumentException("unknown grant type: " + grant);
      }
    }
    grantTypes = Collections.unmodifiableSet(new TreeSet<>(grantTypes));
    if (grantTypes.contains(AUTHORIZATION_CODE) && redirectUris.isEmpty()) {
      throw new IllegalArgumentException("authorization_code needs at least one redirect URI");
    }
    if (grantTypes.contains(CLIENT_CREDENTIALS) && type != Type.CONFIDENTIAL) {
      throw new IllegalArgumentException("client_credentials is for confidential clients only");
    }
    Objects.requireNonNull(scopes, "scopes");
    scopes = scopeSet(scopes);
    if (accessTokenAudience != null && accessTokenAudience.isBlank()) {
      throw new IllegalArgumentException("accessTokenAudience must not be blank");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * {@code scopes} checked as RFC 6749 scope tokens of at most 255 characters, sorted and
   * unmodifiable.
   *
   * @throws IllegalArgumentException naming the first invalid scope
   */
  public static Set<String> scopeSet(Set<String> scopes) {
    Set<String> sorted = new TreeSet<>();
    for (String scope : scopes) {
      Objects.requireNonNull(scope, "scope");
      if (!SCOPE.matcher(scope).matches()) {
        throw new IllegalArgumentException(
            "a scope is 1 to 255 printable ASCII characters without space, '\"' or '\\': " + scope);
      }
      sorted.add(scope);
    }
    return Collections.unmodifiableSet(sorted);
  }

  /** The client's auth methods by their registered names, in declaration order. */
  public Set<String> authMethodNames() {
    Set<String> names = new LinkedHashSet<>();
    authMethods.forEach(m -> names.add(m.rfcName()));
    return Collections.unmodifiableSet(names);
  }

  /** This client with another secret hash. */
  public OAuthClient withSecretHash(String newHash) {
    return new OAuthClient(
        clientId,
        displayName,
        type,
        authMethods,
        newHash,
        jwksUri,
        jwks,
        redirectUris,
        grantTypes,
        scopes,
        requireConsent,
        accessTokenAudience,
        enabled,
        createdAt);
  }

  /** This client enabled or disabled. */
  public OAuthClient withEnabled(boolean enabled) {
    return new OAuthClient(
        clientId,
        displayName,
        type,
        authMethods,
        secretHash,
        jwksUri,
        jwks,
        redirectUris,
        grantTypes,
        scopes,
        requireConsent,
        accessTokenAudience,
        enabled,
        createdAt);
  }

  /** Every component except the secret hash, which shows only whether there is one. */
  @Override
  public String toString() {
    return "OAuthClient[clientId="
        + clientId
        + ", displayName="
        + displayName
        + ", type="
        + type
        + ", authMethods="
        + authMethodNames()
        + ", secretHash="
        + (secretHash == null ? "null" : "<redacted>")
        + ", jwksUri="
        + jwksUri
        + ", jwks="
        + (jwks == null ? "null" : "<" + jwks.length() + " chars>")
        + ", redirectUris="
        + redirectUris
        + ", grantTypes="
        + grantTypes
        + ", scopes="
        + scopes
        + ", requireConsent="
        + requireConsent
        + ", accessTokenAudience="
        + accessTokenAudience
        + ", enabled="
        + enabled
        + ", createdAt="
        + createdAt
        + "]";
  }

  private static URI absoluteUri(String value, String name) {
    Objects.requireNonNull(value, name);
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute() || value.length() > 2048) {
        throw new IllegalArgumentException(
            name + " must be an absolute URI of at most 2048 characters: " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a URI: " + value, e);
    }
  }
}
