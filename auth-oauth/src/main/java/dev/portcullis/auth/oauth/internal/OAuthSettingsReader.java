package dev.portcullis.auth.oauth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.oauth.client.ClientSecrets;
import dev.portcullis.auth.oauth.client.DeclaredClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code auth.oauth.*} through a {@link SettingsReader} into {@link
 * OAuthSettings}: every problem is recorded naming its key ({@code auth.oauth.clients[1].scopes})
 * and the fix, never quoting a secret. A secret named by {@code client-secret-env} is read through
 * {@link SettingsReader#environmentValue} and hashed at once; only its hash is kept.
 */
public final class OAuthSettingsReader {

  static final String P = "auth.oauth.";

  /** The longest client assertion lifetime accepted. */
  public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);

  /** The longest refresh retry grace accepted. */
  public static final Duration MAX_RETRY_GRACE = Duration.ofSeconds(60);

  /** The fewest characters of a secret read from the environment (staging, production). */
  public static final int MIN_SECRET_LENGTH = 32;

  private static final Set<String> CLIENT_KEYS =
      Set.of(
          "client-id",
          "display-name",
          "type",
          "auth-methods",
          "client-secret-env",
          "client-secret-hash",
          "jwks-uri",
          "jwks",
          "redirect-uris",
          "grant-types",
          "scopes",
          "require-consent",
          "access-token-audience",
          "enabled");

  private static final Pattern SHA256_HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SettingsReader reader;
  private final Config config;

  private OAuthSettingsReader(SettingsReader reader) {
    this.reader = reader;
    this.config = reader.config();
  }

  /** Reads {@code auth.oauth.*}, recording every problem and warning in {@code reader}. */
  public static OAuthSettings read(SettingsReader reader) {
    return new OAuthSettingsReader(reader).read();
  }

  private OAuthSettings read() {
    boolean enabled = reader.bool(P + "enabled");
    String audience = reader.optionalString(P + "default-audience").map(String::strip).orElse(null);
    Duration assertion = reader.positiveDuration(P + "client-assertion.max-lifetime");
    if (assertion.compareTo(MAX_ASSERTION_LIFETIME) > 0) {
      reader.problem(
          P + "client-assertion.max-lifetime",
          "is "
              + assertion.toSeconds()
              + " s; at most 1h is accepted, since a client assertion is meant to be short-lived"
              + " (RFC 7523 section 3).",
          "use 5m (the default) or less");
    }
    boolean endpointAudience = reader.bool(P + "client-assertion.accept-token-endpoint-audience");
    Duration grace = reader.nonNegativeDuration(P + "refresh.retry-grace");
    if (grace.compareTo(MAX_RETRY_GRACE) > 0) {
      reader.problem(
          P + "refresh.retry-grace",
          "is "
              + grace.toSeconds()
              + " s; at most 60s is accepted, since a stolen refresh token replayed within the"
              + " grace is not detected as reuse.",
          "use 0s (off, the default) or a few seconds, enough for a client to retry");
    }
    Duration publicLifetime =
        reader.positiveDuration(P + "refresh.public-client-absolute-lifetime");
    Duration clientCacheTtl = reader.nonNegativeDuration(P + "client-cache-ttl");
    if (clientCacheTtl.compareTo(OAuthSettings.MAX_CLIENT_CACHE_TTL) > 0) {
      reader.problem(
          P + "client-cache-ttl",
          "is "
              + clientCacheTtl.toSeconds()
              + " s; at most 1m is accepted, since a client disabled or given a new secret on"
              + " another instance keeps working here for that long.",
          "use 2s (the default), or 0s to read the client on every request");
      clientCacheTtl = OAuthSettings.MAX_CLIENT_CACHE_TTL;
    }
    Map<String, String> scopes = scopes();
    List<DeclaredClient> clients = clients(scopes.keySet());
    return new OAuthSettings(
        enabled,
        clients,
        scopes,
        audience,
        assertion,
        endpointAudience,
        grace,
        publicLifetime,
        DeviceSettingsReader.read(reader),
        clientCacheTtl);
  }

  // ---------------------------------------------------------------- scopes

  private Map<String, String> scopes() {
    String key = P + "scopes";
    Map<String, String> scopes = new LinkedHashMap<>();
    List<Config> items = objects(key, "[{name = \"orders:read\", description = \"Read orders\"}]");
    for (int i = 0; i < items.size(); i++) {
      String at = key + "[" + i + "]";
      Config item = items.get(i);
      for (String k : item.root().keySet()) {
        if (!k.equals("name") && !k.equals("description")) {
          reader.problem(
              at + "." + k, "is not a scope key.", "a scope has only name and description");
        }
      }
      Optional<String> name = text(item, at, "name", true);
      String description = text(item, at, "description", false).orElse("");
      if (name.isEmpty()) {
        continue;
      }
      try {
        OAuthClient.scopeSet(Set.of(name.get()));
      } catch (IllegalArgumentException e) {
        reader.problem(
            at + ".name",
            "is not a scope token: " + e.getMessage() + ".",
            "use letters, digits and punctuation without spaces, for example \"orders:read\"");
        continue;
      }
      if (scopes.putIfAbsent(name.get(), description) != null) {
        reader.problem(
            at + ".name", "repeats the scope " + name.get() + ".", "declare each scope once");
      }
    }
    return scopes;
  }

  // ---------------------------------------------------------------- clients

  private List<DeclaredClient> clients(Set<String> knownScopes) {
    String key = P + "clients";
    List<DeclaredClient> clients = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    List<Config> items =
        objects(key, "[{client-id = \"billing\", client-secret-env = \"BILLING_SECRET\"}]");
    for (int i = 0; i < items.size(); i++) {
      String at = key + "[" + i + "]";
      Optional<OAuthClient> client = client(items.get(i), at, knownScopes);
      if (client.isEmpty()) {
        continue;
      }
      if (!ids.add(client.get().clientId())) {
        reader.problem(
            at + ".client-id",
            "repeats the client id " + client.get().clientId() + " of an earlier client.",
            "give every declared client its own client-id");
        continue;
      }
      clients.add(new DeclaredClient(client.get(), at));
    }
    return clients;
  }

  private Optional<OAuthClient> client(Config c, String at, Set<String> knownScopes) {
    int problemsBefore = reader.problems().size();
    for (String k : c.root().keySet()) {
      if (k.equals("client-secret")) {
        // Never quote it: it is a secret written where only a variable name or a hash belongs.
        reader.problem(
            at + ".client-secret",
            "holds a secret in plain text; secrets are never kept in the settings.",
            "put the secret in an environment variable and name it with client-secret-env, or"
                + " give its hash with client-secret-hash (sha256:<hex> or $argon2id$...)");
      } else if (!CLIENT_KEYS.contains(k)) {
        reader.problem(
            at + "." + k,
            "is not a client key.",
            "use only " + String.join(", ", new java.util.TreeSet<>(CLIENT_KEYS)));
      }
    }
    Optional<String> id = text(c, at, "client-id", true).map(String::strip);
    id.flatMap(ClientIds::problem)
        .ifPresent(p -> reader.problem(at + ".client-id", p + ".", ClientIds.fix()));
    String displayName = text(c, at, "display-name", false).orElse(id.orElse("client"));
    OAuthClient.Type type = type(c, at);
    Set<OAuthClient.AuthMethod> methods = methods(c, at, type);
    Optional<String> secretHash = secretHash(c, at, methods);
    Optional<String> jwksUri = text(c, at, "jwks-uri", false).map(String::strip);
    Optional<String> jwks = jwks(c, at);
    List<String> redirectUris = strings(c, at, "redirect-uris", List.of());
    Set<String> grants =
        new LinkedHashSet<>(
            strings(
                c,
                at,
                "grant-types",
                type == OAuthClient.Type.PUBLIC
                    ? List.of(OAuthClient.AUTHORIZATION_CODE, OAuthClient.REFRESH_TOKEN)
                    : List.of(OAuthClient.CLIENT_CREDENTIALS)));
    for (String g : grants) {
      if (!OAuthClient.GRANT_TYPES.contains(g)) {
        reader.problem(
            at + ".grant-types",
            "names an unknown grant type " + g + ".",
            "use " + String.join(", ", new java.util.TreeSet<>(OAuthClient.GRANT_TYPES)));
      }
    }
    List<String> scopes = strings(c, at, "scopes", List.of());
    if (!knownScopes.isEmpty()) {
      for (String s : scopes) {
        if (!knownScopes.contains(s)) {
          reader.problem(
              at + ".scopes",
              "names the scope " + s + ", which auth.oauth.scopes does not declare.",
              "declare it in auth.oauth.scopes, or remove it from the client");
        }
      }
    }
    boolean consent = bool(c, at, "require-consent", true);
    Optional<String> audience = text(c, at, "access-token-audience", false).map(String::strip);
    boolean enabled = bool(c, at, "enabled", true);
    if (id.isEmpty() || reader.problems().size() > problemsBefore) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new OAuthClient(
              id.get(),
              displayName,
              type,
              methods,
              secretHash.orElse(null),
              jwksUri.orElse(null),
              jwks.orElse(null),
              redirectUris,
              grants,
              new LinkedHashSet<>(scopes),
              consent,
              audience.orElse(null),
              enabled,
              Instant.EPOCH));
    } catch (IllegalArgumentException | NullPointerException e) {
      // OAuthClient's messages name the rule and never a secret.
      reader.problem(at, "is not a valid client: " + e.getMessage() + ".", fixFor(e.getMessage()));
      return Optional.empty();
    }
  }

  private static String fixFor(String message) {
    String m = message == null ? "" : message;
    if (m.contains("public client")) {
      return "a public client uses auth-methods = [none] and has no secret; make it type ="
          + " confidential to authenticate";
    }
    if (m.contains("redirect URI")) {
      return "list its exact redirect URIs in redirect-uris";
    }
    if (m.contains("client_credentials")) {
      return "make the client confidential, or remove client_credentials from grant-types";
    }
    if (m.contains("jwks")) {
      return "give either jwks-uri or jwks (the client's public keys)";
    }
    return "correct the client's declaration";
  }

  private OAuthClient.Type type(Config c, String at) {
    Optional<String> raw = text(c, at, "type", false);
    if (raw.isEmpty()) {
      return OAuthClient.Type.CONFIDENTIAL;
    }
    switch (raw.get().strip().toLowerCase(Locale.ROOT)) {
      case "public":
        return OAuthClient.Type.PUBLIC;
      case "confidential":
        return OAuthClient.Type.CONFIDENTIAL;
      default:
        reader.problem(
            at + ".type", "is not public or confidential.", "use public or confidential");
        return OAuthClient.Type.CONFIDENTIAL;
    }
  }

  private Set<OAuthClient.AuthMethod> methods(Config c, String at, OAuthClient.Type type) {
    List<String> names =
        strings(
            c,
            at,
            "auth-methods",
            List.of(
                type == OAuthClient.Type.PUBLIC
                    ? OAuthClient.AuthMethod.NONE.rfcName()
                    : OAuthClient.AuthMethod.CLIENT_SECRET_BASIC.rfcName()));
    Set<OAuthClient.AuthMethod> methods = EnumSet.noneOf(OAuthClient.AuthMethod.class);
    for (String name : names) {
      try {
        methods.add(OAuthClient.AuthMethod.fromRfcName(name));
      } catch (IllegalArgumentException e) {
        reader.problem(
            at + ".auth-methods",
            "names an unknown method " + name + ".",
            "use client_secret_basic, client_secret_post, private_key_jwt or none");
      }
    }
    if (names.isEmpty()) {
      reader.problem(at + ".auth-methods", "is empty.", "name at least one method");
    }
    return methods;
  }

  private Optional<String> secretHash(Config c, String at, Set<OAuthClient.AuthMethod> methods) {
    Optional<String> env = text(c, at, "client-secret-env", false).map(String::strip);
    Optional<String> hash = text(c, at, "client-secret-hash", false).map(String::strip);
    boolean needsSecret = methods.stream().anyMatch(OAuthClient.AuthMethod::usesSecret);
    if (env.isPresent() && hash.isPresent()) {
      reader.problem(
          at + ".client-secret-env",
          "and client-secret-hash are both set.",
          "keep one: the variable holding the secret, or the secret's hash");
      return Optional.empty();
    }
    if (!needsSecret) {
      if (env.isPresent() || hash.isPresent()) {
        reader.problem(
            at + (env.isPresent() ? ".client-secret-env" : ".client-secret-hash"),
            "is set, but no auth method of the client uses a secret.",
            "add client_secret_basic or client_secret_post to auth-methods, or remove the secret");
      }
      return Optional.empty();
    }
    if (env.isEmpty() && hash.isEmpty()) {
      reader.problem(
          at + ".client-secret-env",
          "is missing: client_secret_basic and client_secret_post need a secret.",
          "name an environment variable holding the secret (generate one with openssl rand"
              + " -base64 32), or give its hash with client-secret-hash");
      return Optional.empty();
    }
    if (hash.isPresent()) {
      String h = hash.get();
      if (!SHA256_HASH.matcher(h).matches() && !h.startsWith("$argon2id$")) {
        // Never quoted: a secret pasted here by mistake must not reach a log.
        reader.problem(
            at + ".client-secret-hash",
            "is not a sha256:<64 hex> or $argon2id$... hash.",
            "hash the secret (printf %s \"$SECRET\" | sha256sum, prefixed with sha256:), or put"
                + " the secret in a variable and name it with client-secret-env");
        return Optional.empty();
      }
      return hash;
    }
    String name = env.get();
    if (!ENV_NAME.matcher(name).matches()) {
      reader.problem(
          at + ".client-secret-env",
          "is not an environment variable name.",
          "name the variable that holds the secret, for example BILLING_CLIENT_SECRET");
      return Optional.empty();
    }
    Optional<String> secret = reader.environmentValue(name).filter(s -> !s.isEmpty());
    if (secret.isEmpty()) {
      reader.problem(
          at + ".client-secret-env",
          "names the variable " + name + ", which is not set.",
          "set " + name + " to the client's secret (openssl rand -hex 32)");
      return Optional.empty();
    }
    String s = secret.get();
    if (s.length() < MIN_SECRET_LENGTH) {
      reader.insecure(
          at + ".client-secret-env",
          "the secret in "
              + name
              + " is "
              + s.length()
              + " characters; at least "
              + MIN_SECRET_LENGTH
              + " are required.",
          "generate a longer one: openssl rand -hex 32");
    } else if (SettingsReader.isPlaceholder(s)) {
      reader.insecure(
          at + ".client-secret-env",
          "the secret in " + name + " is a placeholder value.",
          "generate a real one: openssl rand -hex 32");
    }
    return Optional.of(ClientSecrets.hash(s));
  }

  private Optional<String> jwks(Config c, String at) {
    if (!c.hasPath("jwks")) {
      return Optional.empty();
    }
    ConfigValue v = c.getValue("jwks");
    String json =
        v.valueType() == ConfigValueType.OBJECT
            ? v.render(ConfigRenderOptions.concise())
            : v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : null;
    if (json == null) {
      reader.problem(
          at + ".jwks", "is not a JWK Set.", "give the client's JWK Set as JSON or as an object");
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject() || !node.path("keys").isArray()) {
        reader.problem(
            at + ".jwks",
            "is not a JWK Set (an object with a \"keys\" array).",
            "give the client's public keys as {\"keys\": [ ... ]}");
        return Optional.empty();
      }
      if (node.path("keys").findValue("d") != null) {
        reader.problem(
            at + ".jwks",
            "holds a private key (a \"d\" member).",
            "give only the client's public keys; the private key stays with the client");
        return Optional.empty();
      }
      return Optional.of(JSON.writeValueAsString(node));
    } catch (IOException e) {
      reader.problem(at + ".jwks", "is not valid JSON.", "give the client's JWK Set as JSON");
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- typed values of an object

  /** The objects of the list at {@code key}; a problem when it is not a list of objects. */
  private List<Config> objects(String key, String example) {
    if (!config.hasPath(key)) {
      return List.of();
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.LIST) {
      reader.problem(key, "is not a list.", "write it as a list of objects: " + example);
      return List.of();
    }
    List<Config> items = new ArrayList<>();
    ConfigList list = (ConfigList) value;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof ConfigObject object) {
        items.add(object.toConfig());
      } else {
        reader.problem(
            key + "[" + i + "]",
            "is not an object.",
            "write each element as an object: " + example);
      }
    }
    return items;
  }

  private Optional<String> text(Config c, String at, String k, boolean required) {
    if (!c.hasPath(k)) {
      if (required) {
        reader.problem(at + "." + k, "is missing.", "set it");
      }
      return Optional.empty();
    }
    try {
      String v = c.getString(k);
      if (v.isBlank()) {
        if (required) {
          reader.problem(at + "." + k, "is empty.", "set it");
        }
        return Optional.empty();
      }
      return Optional.of(v);
    } catch (ConfigException.WrongType e) {
      reader.problem(at + "." + k, "is not a text value.", "set it to a text value");
      return Optional.empty();
    }
  }

  private boolean bool(Config c, String at, String k, boolean fallback) {
    if (!c.hasPath(k)) {
      return fallback;
    }
    try {
      return c.getBoolean(k);
    } catch (ConfigException.WrongType e) {
      reader.problem(at + "." + k, "is not true or false.", "set it to true or false");
      return fallback;
    }
  }

  /** A list written as a list or as one comma-separated string; trimmed, without blanks. */
  private List<String> strings(Config c, String at, String k, List<String> fallback) {
    if (!c.hasPath(k)) {
      return fallback;
    }
    List<String> raw;
    try {
      raw =
          c.getValue(k).valueType() == ConfigValueType.LIST
              ? c.getStringList(k)
              : Arrays.asList(c.getString(k).split(","));
    } catch (ConfigException.WrongType e) {
      reader.problem(at + "." + k, "is not a list of text values.", "write it as [\"a\", \"b\"]");
      return fallback;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String s : raw) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return List.copyOf(out);
  }
}
