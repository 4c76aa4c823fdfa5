package dev.portcullis.auth.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.auth.server.http.ClientAddresses;
import java.net.InetAddress;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Address literals and ranges: literals only, never a DNS lookup, unions computed properly. */
final class IpRangesTest {

  /** Texts that are no address literal; several of them the JDK would look up as host names. */
  private static final List<String> NOT_LITERALS =
      List.of(
          ".::",
          "localhost",
          "example.com",
          "1.2.3",
          "1.2.3.4.5",
          "01.2.3.4",
          "256.1.1.1",
          "1.2.3.-4",
          "::1::",
          ":::",
          ":1::",
          "1::2:",
          "1:2:3:4:5:6:7:8:9",
          "1:2:3:4:5:6:7",
          "1:2:3:4::5:6:7:8",
          "12345::",
          "g::1",
          "fe80::1%eth0",
          "fe80::1%1",
          "1.2.3.4::",
          "::1.2.3",
          "::ffff:1.2.3.4.5",
          "[1.2.3.4]",
          "[::1",
          "::1]",
          "[[::1]]",
          "1.2.3.4:80",
          "[::1]:80",
          "١.٢.٣.٤", // Arabic-Indic digits
          "::ｆ", // fullwidth f
          "",
          " ",
          "unknown",
          "_",
          "::1 ::2");

  @Test
  void literals_areParsedToTheirAddress() throws Exception {
    assertThat(literal("192.0.2.1")).isEqualTo(bytes(192, 0, 2, 1));
    assertThat(literal(" 10.0.0.255 ")).isEqualTo(bytes(10, 0, 0, 255));
    assertThat(literal("0.0.0.0")).isEqualTo(bytes(0, 0, 0, 0));
    assertThat(IpRanges.parseAddress("::").orElseThrow().getHostAddress())
        .isEqualTo("0:0:0:0:0:0:0:0");
    assertThat(IpRanges.parseAddress("::1").orElseThrow().isLoopbackAddress()).isTrue();
    assertThat(IpRanges.parseAddress("[::1]").orElseThrow().isLoopbackAddress()).isTrue();
    assertThat(IpRanges.parseAddress("2001:DB8::1").orElseThrow().getHostAddress())
        .isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(IpRanges.parseAddress("1:2:3:4:5:6:7:8").orElseThrow().getHostAddress())
        .isEqualTo("1:2:3:4:5:6:7:8");
    assertThat(IpRanges.parseAddress("1::").orElseThrow().getHostAddress())
        .isEqualTo("1:0:0:0:0:0:0:0");
    assertThat(IpRanges.parseAddress("1:2:3:4:5:6:7::").orElseThrow().getHostAddress())
        .isEqualTo("1:2:3:4:5:6:7:0");
    assertThat(IpRanges.parseAddress("64:ff9b::192.0.2.33").orElseThrow().getHostAddress())
        .isEqualTo("64:ff9b:0:0:0:0:c000:221");
    assertThat(IpRanges.parseAddress("1:2:3:4:5:6:1.2.3.4").orElseThrow().getHostAddress())
        .isEqualTo("1:2:3:4:5:6:102:304");
    // IPv4-mapped addresses are the IPv4 address, as the JDK reports such peers.
    assertThat(IpRanges.parseAddress("::ffff:192.0.2.1").orElseThrow())
        .isEqualTo(InetAddress.getByAddress(bytes(192, 0, 2, 1)));
    assertThat(IpRanges.parseAddress("::ffff:c000:201").orElseThrow())
        .isEqualTo(InetAddress.getByAddress(bytes(192, 0, 2, 1)));
  }

  @Test
  void anythingElse_isRefused() {
    for (String text : NOT_LITERALS) {
      assertThat(IpRanges.literal(text)).as("'%s'", text).isEmpty();
      assertThat(IpRanges.parseAddress(text)).as("'%s'", text).isEmpty();
      assertThatThrownBy(() -> IpRanges.parseRange(text + "/8"))
          .as("'%s/8'", text)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(IpRanges.parseAddress(null)).isEmpty();
  }

  @Test
  void noTextEverReachesTheResolver_notEvenFromATrustedProxysForwardedFor() {
    ClientAddresses behindProxy = new ClientAddresses(List.of("127.0.0.1", "::1"));
    List<String> lookups =
        lookupsDuring(
            () -> {
              for (String text : NOT_LITERALS) {
                IpRanges.parseAddress(text);
                IpRanges.literal(text);
                try {
                  IpRanges.parseRange(text);
                } catch (IllegalArgumentException expected) {
                  // refused, as it should be
                }
                behindProxy.resolve("127.0.0.1", List.of(text));
                behindProxy.resolve(text, List.of());
              }
              assertThat(behindProxy.resolve("127.0.0.1", List.of("203.0.113.9, .::")))
                  .isEqualTo("127.0.0.1");
            });
    assertThat(lookups).isEmpty();
  }

  @Test
  void ranges_ofBothFamilies_andIpv4MappedRanges() throws Exception {
    IpRanges.Range v4 = IpRanges.parseRange("10.0.0.0/8");
    assertThat(v4.contains(InetAddress.getByAddress(bytes(10, 1, 2, 3)))).isTrue();
    assertThat(v4.contains(InetAddress.getByAddress(bytes(11, 0, 0, 0)))).isFalse();
    IpRanges.Range mapped = IpRanges.parseRange("::ffff:10.0.0.0/104");
    assertThat(mapped.prefixLength()).isEqualTo(8);
    assertThat(mapped.family()).isEqualTo(IpRanges.Family.IPV4);
    assertThat(IpRanges.parseRange("fd00::/8").family()).isEqualTo(IpRanges.Family.IPV6);
    assertThat(IpRanges.parseRange("192.0.2.1").prefixLength()).isEqualTo(32);
    assertThatThrownBy(() -> IpRanges.parseRange("::ffff:10.0.0.0/64"))
        .hasMessageContaining("96..128");
    assertThatThrownBy(() -> IpRanges.parseRange("10.0.0.0/33")).hasMessageContaining("0..32");
    assertThatThrownBy(() -> IpRanges.parseRange("10.0.0.0/+8")).hasMessageContaining("number");
    assertThatThrownBy(() -> IpRanges.parseRange("10.0.0.0/")).hasMessageContaining("number");
  }

  @Test
  void coveredFamilies_isTheUnion_notAnyOneEntry() {
    assertThat(covered("0.0.0.0/0")).containsExactly(IpRanges.Family.IPV4);
    assertThat(covered("0.0.0.0/1", "128.0.0.0/1")).containsExactly(IpRanges.Family.IPV4);
    assertThat(covered("::/1", "8000::/1")).containsExactly(IpRanges.Family.IPV6);
    assertThat(covered("::/0", "0.0.0.0/0"))
        .containsExactlyInAnyOrder(IpRanges.Family.IPV4, IpRanges.Family.IPV6);
    assertThat(covered("0.0.0.0/2", "128.0.0.0/1", "64.0.0.0/3", "96.0.0.0/3"))
        .containsExactly(IpRanges.Family.IPV4);
    assertThat(covered("0.0.0.0/1", "0.0.0.0/2", "128.0.0.0/1"))
        .containsExactly(IpRanges.Family.IPV4);
    assertThat(covered()).isEmpty();
    assertThat(covered("0.0.0.0/1", "128.0.0.0/2")).isEmpty();
    assertThat(covered("0.0.0.0/1", "192.0.0.0/2")).isEmpty();
    assertThat(covered("0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2", "255.255.255.255"))
        .containsExactly(IpRanges.Family.IPV4);
    assertThat(covered("0.0.0.0/1", "128.0.0.1/32")).isEmpty();
    assertThat(covered("0.0.0.0/1", "8000::/1")).isEmpty();
    assertThat(covered("::/1", "8000::/2", "c000::/2", "::1"))
        .containsExactly(IpRanges.Family.IPV6);
  }

  private static java.util.Set<IpRanges.Family> covered(String... ranges) {
    return IpRanges.coveredFamilies(
        java.util.Arrays.stream(ranges).map(IpRanges::parseRange).toList());
  }

  private static byte[] literal(String text) {
    return IpRanges.literal(text).orElseThrow();
  }

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  /**
   * The host names this thread asked the resolver about while {@code action} ran. The JDK asks the
   * security manager for leave ({@code checkConnect(host, -1)}) before it resolves a name, and
   * never for a literal, so a watching security manager sees every lookup.
   */
  @SuppressWarnings("removal")
  private static List<String> lookupsDuring(Runnable action) {
    List<String> hosts = new CopyOnWriteArrayList<>();
    Thread self = Thread.currentThread();
    SecurityManager watcher =
        new SecurityManager() {
          @Override
          public void checkPermission(Permission perm) {}

          @Override
          public void checkPermission(Permission perm, Object context) {}

          @Override
          public void checkConnect(String host, int port) {
            if (port == -1 && Thread.currentThread() == self) {
              hosts.add(host);
            }
          }

          @Override
          public void checkConnect(String host, int port, Object context) {
            checkConnect(host, port);
          }
        };
    SecurityManager previous = System.getSecurityManager();
    try {
      System.setSecurityManager(watcher);
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "this JDK has no security manager to watch lookups with");
    }
    try {
      action.run();
    } finally {
      System.setSecurityManager(previous);
    }
    return hosts;
  }
}
