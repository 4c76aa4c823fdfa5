package dev.portcullis.auth.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ClientAddressesTest {

  @ParameterizedTest
  @CsvSource({
    "203.0.113.7, 64, 203.0.113.7",
    "' 203.0.113.7 ', 64, 203.0.113.7",
    "2001:db8:1:2:a:b:c:d, 64, 2001:db8:1:2::/64",
    "2001:DB8:1:2::FFFF, 64, 2001:db8:1:2::/64",
    "[2001:db8:1:2::1], 64, 2001:db8:1:2::/64",
    "fe80::1%eth0, 64, fe80::/64",
    "2001:db8:1:2:a:b:c:d, 48, 2001:db8:1::/48",
    "2001:db8:1:2:a:b:c:d, 56, 2001:db8:1::/56",
    "2001:db8:1:2ff:a:b:c:d, 56, 2001:db8:1:200::/56",
    "2001:db8:1:2:a:b:c:d, 128, 2001:db8:1:2:a:b:c:d",
    "2001:0db8:0000:0000:0000:0000:0000:0001, 128, 2001:db8::1",
    "::1, 64, ::/64",
    "::1, 128, ::1",
    "::ffff:203.0.113.7, 64, 203.0.113.7",
    "::ffff:cb00:7107, 64, 203.0.113.7",
    "0:0:0:0:0:ffff:203.0.113.7, 128, 203.0.113.7",
    "64:ff9b::203.0.113.7, 96, 64:ff9b::/96",
    "1:0:0:2:0:0:0:3, 128, 1:0:0:2::3",
  })
  void key_groupsIpv6ByPrefixAndKeepsIpv4(String address, int prefix, String key) {
    assertThat(ClientAddresses.key(address, prefix)).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".::",
        "::.",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::1",
        "g::1",
        "256.1.1.1",
        "1.2.3",
        "localhost",
        "example.com",
        "::ffff:1.2.3.256"
      })
  void key_keepsWhatIsNoAddressLiteralAsWritten_withoutResolvingIt(String notALiteral) {
    // Nothing here resolves names: a host name or garbage is a key of its own.
    assertThat(ClientAddresses.key(notALiteral, 64)).isEqualTo(notALiteral);
  }

  @Test
  void key_ofAMissingAddressIsUnknown_andLongGarbageIsCut() {
    assertThat(ClientAddresses.key(null, 64)).isEqualTo("unknown");
    assertThat(ClientAddresses.key("  ", 64)).isEqualTo("unknown");
    assertThat(ClientAddresses.key("x".repeat(500), 64)).hasSize(64);
  }

  @Test
  void key_refusesAPrefixOutside1To128() {
    assertThatThrownBy(() -> ClientAddresses.key("::1", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientAddresses.key("::1", 129))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
