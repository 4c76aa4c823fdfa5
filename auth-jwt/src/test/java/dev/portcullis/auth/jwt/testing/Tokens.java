package dev.portcullis.auth.jwt.testing;

import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.internal.Base64Url;
import dev.portcullis.auth.jwt.internal.Crypto;
import dev.portcullis.auth.jwt.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-made tokens, for attacks and edge cases. */
public final class Tokens {
  private Tokens() {}

  public static String b64(String text) {
    return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String decode(String part) {
    return new String(Base64Url.decode(part), StandardCharsets.UTF_8);
  }

  /** Signs exactly these header and payload texts with {@code key}'s algorithm. */
  public static String signRaw(JwtKey key, String headerJson, String payloadJson) {
    String input = b64(headerJson) + "." + b64(payloadJson);
    byte[] sig =
        Crypto.sign(
            key.algorithm(),
            key.signingKey().orElseThrow(),
            input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64Url.encode(sig);
  }

  /** Signs this header and these claims with {@code key}. */
  public static String sign(JwtKey key, Map<String, Object> header, Map<String, Object> claims) {
    return signRaw(key, Json.writeString(header), Json.writeString(claims));
  }

  /** The header Portcullis writes: alg, typ, kid. */
  public static Map<String, Object> header(JwtKey key, String typ) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", key.algorithm().jwaName());
    if (typ != null) {
      h.put("typ", typ);
    }
    h.put("kid", key.keyId());
    return h;
  }

  /** The claims of a valid access token at {@code now}. */
  public static Map<String, Object> claims(Instant now) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", Fixture.ISSUER);
    c.put("sub", "alice");
    c.put("aud", "api");
    c.put("exp", now.plusSeconds(900).getEpochSecond());
    c.put("nbf", now.getEpochSecond());
    c.put("iat", now.getEpochSecond());
    c.put("jti", "jti-1");
    c.put("sid", "sid-1");
    return c;
  }

  /** Replaces or adds a claim. */
  public static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
    Map<String, Object> c = new LinkedHashMap<>(claims);
    if (value == null) {
      c.remove(name);
    } else {
      c.put(name, value);
    }
    return c;
  }
}
