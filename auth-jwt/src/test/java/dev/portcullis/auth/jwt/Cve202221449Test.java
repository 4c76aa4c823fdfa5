package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.jwt.internal.Base64Url;
import dev.portcullis.auth.jwt.internal.Crypto;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CVE-2022-21449 ("psychic signatures"): an all-zero ECDSA signature verified on some JDKs. */
final class Cve202221449Test {

  private final JwtKey key = TestKeys.key("ec", JwsAlgorithm.ES256);
  private final Fixture f = Fixture.create().withRing(KeyRing.of(key));

  private String withSignature(String token, byte[] sig) {
    return token.substring(0, token.lastIndexOf('.') + 1) + Base64Url.encode(sig);
  }

  @Test
  void anAllZeroSignatureIsRefused() {
    String token = f.login("alice").accessToken();

    assertThat(code(f.service.verify(withSignature(token, new byte[64]))))
        .isEqualTo("token_signature");
  }

  @Test
  void rAndSEqualToTheGroupOrderAreRefused() {
    String token = f.login("alice").accessToken();
    BigInteger n = ((ECPublicKey) key.verificationKey()).getParams().getOrder();
    byte[] nBytes = n.toByteArray();
    byte[] half = Arrays.copyOfRange(nBytes, nBytes.length - 32, nBytes.length);
    byte[] sig = new byte[64];
    System.arraycopy(half, 0, sig, 0, 32);
    System.arraycopy(half, 0, sig, 32, 32);

    assertThat(code(f.service.verify(withSignature(token, sig)))).isEqualTo("token_signature");
    assertThat(
            Crypto.verify(
                JwsAlgorithm.ES256,
                key.verificationKey(),
                "x.y".getBytes(StandardCharsets.US_ASCII),
                sig))
        .isFalse();
  }
}
