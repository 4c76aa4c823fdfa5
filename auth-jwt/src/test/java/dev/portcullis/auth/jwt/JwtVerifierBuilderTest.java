package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier's builder checks its own limits, the same ones the settings name. */
final class JwtVerifierBuilderTest {

  @Test
  void leeway_anHourIsRefusedByTheBuilder() {
    assertThatThrownBy(() -> JwtVerifier.builder().leeway(Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leeway");
  }

  @Test
  void leeway_theSettingsRefuseWhatTheBuilderRefuses() {
    Duration tooLong = JwtVerifier.MAX_LEEWAY.plusSeconds(1);

    assertThatThrownBy(() -> JwtVerifier.builder().leeway(tooLong))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                JwtSettings.load(
                    Fixture.rawConfig(
                        "auth.token.leeway = " + tooLong.toSeconds() + "s\n", Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.token.leeway")
        .hasMessageContaining("AUTH_TOKEN_LEEWAY");
    assertThat(JwtVerifier.builder().leeway(JwtVerifier.MAX_LEEWAY)).isNotNull();
  }

  @Test
  void maxTokenSizeAndCacheSize_outsideTheirRangesAreRefused() {
    assertThatThrownBy(() -> JwtVerifier.builder().maxTokenSize(JwtVerifier.MIN_TOKEN_SIZE - 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().maxTokenSize(JwtVerifier.MAX_TOKEN_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().cacheSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_withoutLeewayOrTokenSize_isRefused_theDefaultsLiveInReferenceConf() {
    JwtVerifier.Builder b =
        JwtVerifier.builder()
            .keys(Fixture.ring(Fixture.settings("")))
            .issuer(Fixture.ISSUER)
            .blacklist(TokenBlacklist.none())
            .clock(MutableClock.atDefault());

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    assertThat(b.leeway(Duration.ZERO).maxTokenSize(8192).build()).isNotNull();
  }
}
