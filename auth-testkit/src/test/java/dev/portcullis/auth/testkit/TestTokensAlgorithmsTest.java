package dev.portcullis.auth.testkit;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;

import dev.portcullis.auth.api.model.User;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Minted tokens verify (or fail for their own reason) whatever algorithm the service signs with.
 */
final class TestTokensAlgorithmsTest {

  @ParameterizedTest
  @ValueSource(strings = {"HS384", "HS512", "RS256", "PS384", "ES256", "ES384", "ES512", "EdDSA"})
  void mintedTokens_matchTheServicesOwnSignatures(String algorithm) {
    String secret = "auth.token.secret-key = \"" + "s".repeat(64) + "\"\n";
    AuthTestKit kit =
        StrictInjector.of(
                new StubAuthModule(
                    "auth.token.algorithm = "
                        + algorithm
                        + "\n"
                        + (algorithm.startsWith("HS") ? secret : "auth.token.secret-key = \"\"\n")))
            .getInstance(AuthTestKit.class);
    User alice = kit.createUser("alice@example.com", "reader");

    assertThat(kit.verify(kit.tokens().forUser(alice).sign())).isOk();
    assertThat(kit.verify(kit.tokens().expired(alice))).isErr("token_expired");
    assertThat(kit.verify(kit.tokens().foreignSigned(alice))).isErr("token_signature");
    assertThat(kit.inspect(kit.tokens().valid(alice))).hasHeader("alg", algorithm);
  }

  /** Portcullis accepts only low-s ECDSA signatures; the testkit signs like Portcullis. */
  @ParameterizedTest
  @ValueSource(strings = {"ES256", "ES384", "ES512"})
  void mintedEcdsaTokens_alwaysHaveTheLowS_soEachOneVerifies(String algorithm) {
    AuthTestKit kit =
        StrictInjector.of(
                new StubAuthModule(
                    "auth.token.algorithm = " + algorithm + "\nauth.token.secret-key = \"\"\n"))
            .getInstance(AuthTestKit.class);
    User alice = kit.createUser("alice@example.com", "reader");

    for (int i = 0; i < 100; i++) {
      assertThat(kit.verify(kit.tokens().forUser(alice).claim("n", i).sign())).isOk();
    }
  }
}
