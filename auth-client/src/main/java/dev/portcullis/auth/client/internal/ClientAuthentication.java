package dev.portcullis.auth.client.internal;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** How the client authenticates at the token and device endpoints (RFC 6749 §2.3). */
public sealed interface ClientAuthentication {

  /** Adds what this method needs to a request's form parameters and headers. */
  void apply(Map<String, String> form, HttpRequest.Builder request);

  /** Whether the client holds a credential (client credentials needs one). */
  boolean confidential();

  /** A public client: sends its client_id only. */
  record PublicClient(String clientId) implements ClientAuthentication {
    @Override
    public void apply(Map<String, String> form, HttpRequest.Builder request) {
      form.put("client_id", clientId);
    }

    @Override
    public boolean confidential() {
      return false;
    }
  }

  /** {@code client_secret_basic}: both halves form-encoded before Base64 (RFC 6749 §2.3.1). */
  final class SecretBasic implements ClientAuthentication {
    private final String header;

    public SecretBasic(String clientId, String secret) {
      String pair = Form.encode(clientId) + ":" + Form.encode(secret);
      this.header =
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void apply(Map<String, String> form, HttpRequest.Builder request) {
      request.setHeader("Authorization", header);
    }

    @Override
    public boolean confidential() {
      return true;
    }

    @Override
    public String toString() {
      return "client_secret_basic";
    }
  }

  /**
   * {@code private_key_jwt} (RFC 7523 §2.2, OpenID Connect Core §9): a fresh assertion per request,
   * {@code iss} = {@code sub} = client id, {@code aud} = the issuer (what RFC 7523bis asks for and
   * what servers accept), random {@code jti}, {@code exp} 60 s.
   */
  final class PrivateKeyJwt implements ClientAuthentication {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final String clientId;
    private final PrivateKey key;
    private final String keyId;
    private final String alg;
    private final String audience;
    private final Clock clock;

    /**
     * @throws IllegalArgumentException when {@code alg} is not RS256, ES256 or EdDSA or does not
     *     fit the key
     */
    public PrivateKeyJwt(
        String clientId, PrivateKey key, String keyId, String alg, String audience, Clock clock) {
      this.clientId = Objects.requireNonNull(clientId);
      this.key = Objects.requireNonNull(key);
      this.keyId = keyId;
      this.alg = Objects.requireNonNull(alg);
      this.audience = Objects.requireNonNull(audience);
      this.clock = Objects.requireNonNull(clock);
      boolean fits =
          switch (alg) {
            case "RS256" -> key instanceof RSAPrivateKey;
            case "ES256" ->
                key instanceof ECPrivateKey ec
                    && ec.getParams().getCurve().getField().getFieldSize() == 256;
            case "EdDSA" -> key instanceof EdECPrivateKey;
            default ->
                throw new IllegalArgumentException(
                    "privateKeyJwt: alg "
                        + alg
                        + " is not supported; use RS256 (RSA key), ES256 (P-256 key) or EdDSA"
                        + " (Ed25519 key)");
          };
      if (!fits) {
        throw new IllegalArgumentException(
            "privateKeyJwt: a " + key.getAlgorithm() + " key cannot sign " + alg + " assertions");
      }
    }

    @Override
    public void apply(Map<String, String> form, HttpRequest.Builder request) {
      form.put("client_id", clientId);
      form.put("client_assertion_type", ASSERTION_TYPE);
      form.put("client_assertion", assertion());
    }

    @Override
    public boolean confidential() {
      return true;
    }

    String assertion() {
      long now = clock.instant().getEpochSecond();
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("alg", alg);
      header.put("typ", "JWT");
      header.put("kid", keyId);
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("iss", clientId);
      claims.put("sub", clientId);
      claims.put("aud", audience);
      claims.put("jti", Randoms.value256());
      claims.put("iat", now);
      claims.put("exp", now + 60);
      Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
      String signingInput =
          url.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8))
              + "."
              + url.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
      try {
        Signature signature =
            Signature.getInstance(
                switch (alg) {
                  case "RS256" -> "SHA256withRSA";
                  case "ES256" -> "SHA256withECDSAinP1363Format";
                  default -> "EdDSA";
                });
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + url.encodeToString(signature.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("signing a client assertion with " + alg + " failed", e);
      }
    }

    @Override
    public String toString() {
      return "private_key_jwt(" + alg + ")";
    }
  }
}
