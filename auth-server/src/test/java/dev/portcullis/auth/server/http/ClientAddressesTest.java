package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ClientAddressesTest {

  private final ClientAddresses trusting =
      new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.10", "fd00::/8"));

  @Test
  void untrustedPeer_isTheClient_whateverItForwards() {
    assertThat(trusting.resolve("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    assertThat(new ClientAddresses(List.of()).resolve("10.1.1.1", List.of("198.51.100.1")))
        .isEqualTo("10.1.1.1");
  }

  @Test
  void trustedPeer_theRightmostUntrustedHopIsTheClient() {
    // The client put 1.1.1.1 there itself; the proxy appended what it saw.
    assertThat(trusting.resolve("10.0.0.2", List.of("1.1.1.1, 198.51.100.7")))
        .isEqualTo("198.51.100.7");
    assertThat(trusting.resolve("10.0.0.2", List.of("198.51.100.7, 192.168.1.10", "10.0.0.3")))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void trustedPeer_withoutHeader_isItself() {
    assertThat(trusting.resolve("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
  }

  @Test
  void garbageHops_stopTheWalk_andNeverTriggerDnsLookups() {
    assertThat(trusting.resolve("10.0.0.2", List.of("evil.example.com"))).isEqualTo("10.0.0.2");
    assertThat(trusting.resolve("10.0.0.2", List.of("198.51.100.7, localhost, 10.0.0.9")))
        .isEqualTo("10.0.0.9");
  }

  @Test
  void ports_andIpv6_areUnderstood() {
    assertThat(trusting.resolve("10.0.0.2", List.of("198.51.100.7:4711")))
        .isEqualTo("198.51.100.7");
    assertThat(trusting.resolve("fd00::1", List.of("[2001:db8::1]:443")))
        .isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(trusting.trusts("fd12::5")).isTrue();
    assertThat(trusting.trusts("2001:db8::1")).isFalse();
  }

  @Test
  void invalidRanges_areRefused() {
    assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
