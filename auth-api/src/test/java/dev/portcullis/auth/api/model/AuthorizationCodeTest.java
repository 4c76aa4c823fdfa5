package dev.portcullis.auth.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class AuthorizationCodeTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final String HASH = "a".repeat(64);
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  private static AuthorizationCode code(String hash, String challenge, Set<String> scope) {
    return new AuthorizationCode(
        hash,
        "client-1",
        "https://app.example.com/cb",
        challenge,
        scope,
        "nonce-secret",
        "u1",
        "s1",
        T0,
        0,
        T0,
        T0.plusSeconds(60));
  }

  @Test
  void acceptsOnlyASha256HexHash_andDoesNotEchoIt() {
    assertThatThrownBy(() -> code("plaintext-code", CHALLENGE, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("plaintext-code");
    assertThatThrownBy(() -> code(HASH.toUpperCase(), CHALLENGE, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsOnlyAnS256Challenge() {
    assertThat(code(HASH, CHALLENGE, Set.of()).codeChallenge()).isEqualTo(CHALLENGE);
    assertThatThrownBy(() -> code(HASH, "plain-verifier", Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> code(HASH, CHALLENGE + "=", Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scope_isCopiedAndEachTokenIsAnRfc6749ScopeToken() {
    Set<String> scope = new HashSet<>(Set.of("openid"));
    AuthorizationCode code = code(HASH, CHALLENGE, scope);
    scope.add("admin");
    assertThat(code.scope()).containsExactly("openid");

    assertThatThrownBy(() -> code(HASH, CHALLENGE, Set.of("two words")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> code(HASH, CHALLENGE, Set.of("")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> code(HASH, CHALLENGE, Set.of("quo\"te")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void expiry_mustFollowCreation() {
    assertThatThrownBy(
            () ->
                new AuthorizationCode(
                    HASH, "c", "https://a/cb", CHALLENGE, Set.of(), null, "u", "s", T0, 0, T0, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_showsNeitherTheHashNorTheNonce() {
    String text = code(HASH, CHALLENGE, Set.of("openid")).toString();

    assertThat(text).doesNotContain(HASH).doesNotContain("nonce-secret").contains("client-1");
  }
}
