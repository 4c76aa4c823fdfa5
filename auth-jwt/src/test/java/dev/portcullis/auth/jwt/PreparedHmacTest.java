package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.jwt.internal.PreparedKey;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HS* through {@link PreparedKey}'s HMAC over pre-keyed SHA-2 digests, against the JDK's {@link
 * Mac} for random secrets (shorter and longer than the hash's block, which RFC 2104 hashes first)
 * and random inputs.
 */
final class PreparedHmacTest {

  @ParameterizedTest
  @EnumSource(names = {"HS256", "HS384", "HS512"})
  void macsEqualTheJdksForEverySecretLengthAndInput(JwsAlgorithm alg) throws Exception {
    Random random = new Random(alg.ordinal());
    String jdkName = "HmacSHA" + alg.jwaName().substring(2);
    for (int i = 0; i < 200; i++) {
      byte[] secret = new byte[alg.size() + random.nextInt(200)];
      random.nextBytes(secret);
      byte[] input = new byte[random.nextInt(1000)];
      random.nextBytes(input);
      Mac mac = Mac.getInstance(jdkName);
      mac.init(new SecretKeySpec(secret, jdkName));
      byte[] expected = mac.doFinal(input);
      JwtKey key = JwtKey.hmac("k", alg, secret);

      assertThat(key.sign(input)).as("secret of %d bytes", secret.length).isEqualTo(expected);
      assertThat(key.sign(input)).as("the prototype is never consumed").isEqualTo(expected);
      assertThat(key.verifies(input, expected)).isTrue();
      byte[] wrong = expected.clone();
      wrong[random.nextInt(wrong.length)] ^= 1;
      assertThat(key.verifies(input, wrong)).isFalse();
      assertThat(key.verifies(input, Arrays.copyOf(expected, expected.length - 1))).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"HS256", "HS384", "HS512"})
  void hmacKeysRunOnTheirPreparedDigests(JwsAlgorithm alg) {
    JwtKey key = JwtKey.hmac("k", alg, new byte[alg.size()]);

    assertThat(PreparedKey.of(alg, key.verificationKey(), key.signingKey().get()).verifyPath())
        .isEqualTo(PreparedKey.Path.MAC);
  }
}
