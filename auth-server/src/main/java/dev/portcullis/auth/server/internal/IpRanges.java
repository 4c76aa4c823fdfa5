package dev.portcullis.auth.server.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals and CIDR ranges, parsed without ever asking DNS (a header value such as
 * {@code X-Forwarded-For} must never trigger a lookup). Stateless and thread-safe.
 */
public final class IpRanges {

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpRanges() {}

  /**
   * An address and a prefix length.
   *
   * @param address the network address
   * @param prefixLength how many leading bits must match
   */
  public record Range(InetAddress address, int prefixLength) {
    public Range {
      Objects.requireNonNull(address, "address");
    }

    /** Whether {@code candidate} lies in this range (IPv4-mapped IPv6 counts as IPv4). */
    public boolean contains(InetAddress candidate) {
      byte[] a = address.getAddress();
      byte[] c = candidate.getAddress();
      if (a.length != c.length) {
        return false;
      }
      int bits = prefixLength;
      for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((a[i] & mask) != (c[i] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * An IP address literal: dotted IPv4 or IPv6 (optionally in brackets). Never does a DNS lookup.
   *
   * @return empty for anything else (host names, garbage, ports)
   */
  public static Optional<InetAddress> parseAddress(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = IPV4.matcher(t).matches();
    boolean v6 = !v4 && t.indexOf(':') >= 0 && IPV6.matcher(t).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // A literal never triggers a lookup: the patterns above admit nothing else.
      return Optional.of(InetAddress.getByName(t));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * An address ({@code 10.0.0.1}) or CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Range parseRange(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    InetAddress a =
        parseAddress(addr)
            .orElseThrow(() -> new IllegalArgumentException("is not an IP address or CIDR range"));
    int max = a.getAddress().length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("has a prefix length that is not a number");
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("has a prefix length outside 0.." + max);
      }
    }
    return new Range(a, prefix);
  }

  /** Whether any of {@code ranges} contains {@code address}. */
  public static boolean anyContains(List<Range> ranges, InetAddress address) {
    for (Range r : ranges) {
      if (r.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
