package dev.portcullis.auth.jwt;

import dev.portcullis.auth.jwt.internal.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON Web Key Set (RFC 7517 section 5): the public keys that verify an issuer's tokens, as any
 * HTTP layer serves it at {@code /.well-known/jwks.json}. It never holds a shared secret or a
 * private key. Immutable and thread-safe.
 */
public final class Jwks {

  private final List<JwtKey> keys;
  private final List<String> skipped;
  private final String json;

  private Jwks(List<JwtKey> keys, List<String> skipped) {
    this.keys = List.copyOf(keys);
    this.skipped = List.copyOf(skipped);
    List<Map<String, Object>> jwks = new ArrayList<>();
    for (JwtKey k : this.keys) {
      jwks.add(k.publicJwk());
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("keys", jwks);
    this.json = Json.writeString(doc);
  }

  /**
   * The document publishing the public halves of {@code keys}.
   *
   * @throws IllegalArgumentException if a key is a shared secret
   */
  public static Jwks of(Collection<JwtKey> keys) {
    List<JwtKey> published = new ArrayList<>();
    for (JwtKey k : keys) {
      if (k.symmetric()) {
        throw new IllegalArgumentException(
            "the shared secret " + k.keyId() + " is never published");
      }
      published.add(
          JwtKey.verifyOnly(
              k.keyId(), k.algorithm(), (java.security.PublicKey) k.verificationKey()));
    }
    return new Jwks(published, List.of());
  }

  /**
   * Reads a JWKS document fetched from an issuer. Entries this service cannot use safely (shared
   * secrets, encryption keys, unsupported curves, repeated ids) are skipped and listed in {@link
   * #skipped()}; private parameters in an entry are ignored (only the public key is kept).
   *
   * @throws IllegalArgumentException if the text is not a JWKS document at all
   */
  public static Jwks parse(String json) {
    Map<String, Object> doc = Json.parseObject(json);
    if (!(doc.get("keys") instanceof List<?> entries)) {
      throw new IllegalArgumentException("the document has no 'keys' array");
    }
    List<JwtKey> keys = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int i = 0;
    for (Object e : entries) {
      String where = "keys[" + i++ + "]";
      if (!(e instanceof Map<?, ?> m)) {
        skipped.add(where + ": not a JSON object");
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> jwk = (Map<String, Object>) m;
      try {
        JwtKey k = JwtKey.fromJwk(jwk, false);
        JwtKey pub =
            JwtKey.verifyOnly(
                k.keyId(), k.algorithm(), (java.security.PublicKey) k.verificationKey());
        if (keys.stream().anyMatch(x -> x.keyId().equals(pub.keyId()))) {
          skipped.add(where + ": repeats the key id " + pub.keyId());
          continue;
        }
        keys.add(pub);
      } catch (IllegalArgumentException ex) {
        skipped.add(
            where
                + (jwk.get("kid") instanceof String s ? " (kid " + s + ")" : "")
                + ": "
                + ex.getMessage());
      }
    }
    return new Jwks(keys, skipped);
  }

  /** The document as JSON: {@code {"keys":[...]}}. */
  public String json() {
    return json;
  }

  /** The published keys (public halves only). */
  public List<JwtKey> keys() {
    return keys;
  }

  /** Entries of a parsed document that were skipped, each with the reason. */
  public List<String> skipped() {
    return skipped;
  }

  /** The key with this id, if published. */
  public Optional<JwtKey> find(String keyId) {
    return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
  }

  @Override
  public String toString() {
    return json;
  }
}
