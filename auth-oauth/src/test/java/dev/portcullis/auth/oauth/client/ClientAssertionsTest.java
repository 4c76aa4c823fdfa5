package dev.portcullis.auth.oauth.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ClientAssertions}' single-use keys fit the store's limits (namespace 64, key 255). */
final class ClientAssertionsTest {

  @Test
  void aShortClientIdIsItsOwnNamespace() {
    assertThat(ClientAssertions.namespace("billing")).isEqualTo("client-assertion:billing");
  }

  @Test
  void aLongClientIdIsHashedIntoANamespaceNoLiteralIdCanHave() {
    String id = "x".repeat(48);

    String ns = ClientAssertions.namespace(id);

    assertThat(ns).startsWith("client-assertion#").hasSizeLessThanOrEqualTo(64);
    assertThat(ClientAssertions.namespace("x".repeat(47)))
        .hasSize(64)
        .startsWith("client-assertion:");
    assertThat(ClientAssertions.namespace("y".repeat(48))).isNotEqualTo(ns);
  }

  @Test
  void aLongOrHashLikeJtiIsHashed_soALiteralNeverMeetsAHash() {
    String longJti = "j".repeat(256);
    String hashed = ClientAssertions.key(longJti);

    assertThat(ClientAssertions.key("j".repeat(255))).isEqualTo("j".repeat(255));
    assertThat(hashed).startsWith("sha256:").hasSizeLessThanOrEqualTo(255);
    assertThat(ClientAssertions.key(hashed)).isNotEqualTo(hashed);
  }
}
