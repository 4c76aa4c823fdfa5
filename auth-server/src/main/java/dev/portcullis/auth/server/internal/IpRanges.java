package dev.portcullis.auth.server.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * IP address literals and CIDR ranges, parsed without ever asking DNS (a header value such as
 * {@code X-Forwarded-For} must never trigger a lookup). The text is parsed here into the address
 * bytes, and only bytes are handed to {@link InetAddress#getByAddress(byte[])}, which never
 * resolves; nothing in this class passes text to {@code InetAddress}. Stateless and thread-safe.
 */
public final class IpRanges {

  private static final int IPV4_BYTES = 4;
  private static final int IPV6_BYTES = 16;
  private static final int IPV6_GROUPS = 8;
  // The longest IPv6 text: 6 groups of 4 hex digits, their colons, and a dotted quad.
  private static final int MAX_IPV6_TEXT = 45;

  private IpRanges() {}

  /** An address family. */
  public enum Family {
    IPV4("IPv4", IPV4_BYTES),
    IPV6("IPv6", IPV6_BYTES);

    private final String label;
    private final int bytes;

    Family(String label, int bytes) {
      this.label = label;
      this.bytes = bytes;
    }

    /** {@code IPv4} or {@code IPv6}. */
    public String label() {
      return label;
    }

    int bits() {
      return bytes * 8;
    }
  }

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

    /** The family of this range. */
    public Family family() {
      return address.getAddress().length == IPV4_BYTES ? Family.IPV4 : Family.IPV6;
    }
  }

  /**
   * An IP address literal: a dotted quad ({@code 192.0.2.1}, no leading zeros) or an IPv6 address
   * ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1}), optionally in brackets ({@code [::1]}; IPv6
   * only). Zone ids ({@code fe80::1%eth0}), ports, host names and anything else are refused. Never
   * does a DNS lookup. An IPv4-mapped IPv6 address comes back as the IPv4 address, as from the JDK.
   *
   * @return empty for anything that is not such a literal
   */
  public static Optional<InetAddress> parseAddress(String text) {
    return literal(text).map(IpRanges::toAddress);
  }

  /**
   * The bytes of the address literal {@code text} (4 for IPv4, 16 for IPv6), as {@link
   * #parseAddress} accepts it; a pure function of the text.
   */
  static Optional<byte[]> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      return ipv6(t.substring(1, t.length() - 1));
    }
    return t.indexOf(':') >= 0 ? ipv6(t) : ipv4(t);
  }

  private static InetAddress toAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  private static Optional<byte[]> ipv4(String t) {
    String[] parts = t.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] out = new byte[IPV4_BYTES];
    for (int i = 0; i < 4; i++) {
      int v = octet(parts[i]);
      if (v < 0) {
        return Optional.empty();
      }
      out[i] = (byte) v;
    }
    return Optional.of(out);
  }

  /** 0..255 written in ASCII decimal without leading zeros, or -1. */
  private static int octet(String s) {
    if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= 255 ? v : -1;
  }

  private static Optional<byte[]> ipv6(String t) {
    if (t.length() < 2 || t.length() > MAX_IPV6_TEXT) {
      return Optional.empty();
    }
    int gap = t.indexOf("::");
    if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
      return Optional.empty(); // at most one "::" (":::" is refused here too)
    }
    List<Integer> head = new ArrayList<>();
    List<Integer> tail = new ArrayList<>();
    if (gap < 0) {
      if (!groups(t, head)) {
        return Optional.empty();
      }
      if (head.size() != IPV6_GROUPS) {
        return Optional.empty();
      }
    } else {
      String before = t.substring(0, gap);
      String after = t.substring(gap + 2);
      if (!before.isEmpty() && (before.indexOf('.') >= 0 || !groups(before, head))) {
        return Optional.empty(); // a dotted quad may only end the address
      }
      if (!after.isEmpty() && !groups(after, tail)) {
        return Optional.empty();
      }
      if (head.size() + tail.size() > IPV6_GROUPS - 1) {
        return Optional.empty(); // "::" stands for at least one group of zeros
      }
    }
    byte[] out = new byte[IPV6_BYTES];
    int i = 0;
    for (int g : head) {
      out[i++] = (byte) (g >>> 8);
      out[i++] = (byte) g;
    }
    i = IPV6_BYTES - 2 * tail.size();
    for (int g : tail) {
      out[i++] = (byte) (g >>> 8);
      out[i++] = (byte) g;
    }
    return Optional.of(out);
  }

  /**
   * Appends the 16-bit groups of {@code s} ({@code a:b:c}, the last one may be a dotted quad, which
   * counts as two groups) to {@code out}; false when {@code s} is not such a list.
   */
  private static boolean groups(String s, List<Integer> out) {
    String[] parts = s.split(":", -1);
    for (int p = 0; p < parts.length; p++) {
      String part = parts[p];
      if (p == parts.length - 1 && part.indexOf('.') >= 0) {
        Optional<byte[]> v4 = ipv4(part);
        if (v4.isEmpty()) {
          return false;
        }
        byte[] b = v4.get();
        out.add(((b[0] & 0xff) << 8) | (b[1] & 0xff));
        out.add(((b[2] & 0xff) << 8) | (b[3] & 0xff));
        return true;
      }
      int v = hexGroup(part);
      if (v < 0) {
        return false;
      }
      out.add(v);
    }
    return true;
  }

  /** 1 to 4 ASCII hex digits as a number, or -1. */
  private static int hexGroup(String s) {
    if (s.isEmpty() || s.length() > 4) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /**
   * An address ({@code 10.0.0.1}) or CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}). An
   * IPv4-mapped range ({@code ::ffff:10.0.0.0/104}) is the IPv4 range it maps (here {@code
   * 10.0.0.0/8}), since such peers are seen as IPv4 addresses.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Range parseRange(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    byte[] bytes =
        literal(addr)
            .orElseThrow(() -> new IllegalArgumentException("is not an IP address or CIDR range"));
    InetAddress a = toAddress(bytes);
    int max = bytes.length * 8;
    int offset = bytes.length == IPV6_BYTES && a.getAddress().length == IPV4_BYTES ? 96 : 0;
    if (slash < 0) {
      return new Range(a, a.getAddress().length * 8);
    }
    String digits = t.substring(slash + 1);
    if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(IpRanges::asciiDigit)) {
      throw new IllegalArgumentException("has a prefix length that is not a number");
    }
    int prefix = Integer.parseInt(digits);
    if (prefix < offset || prefix > max) {
      throw new IllegalArgumentException("has a prefix length outside " + offset + ".." + max);
    }
    return new Range(a, prefix - offset);
  }

  private static boolean asciiDigit(int c) {
    return c >= '0' && c <= '9';
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

  /**
   * The families whose every address lies in the union of {@code ranges}: {@code 0.0.0.0/0}, but
   * also {@code 0.0.0.0/1} with {@code 128.0.0.0/1}, or any other set of ranges without a gap.
   */
  public static Set<Family> coveredFamilies(List<Range> ranges) {
    Set<Family> out = EnumSet.noneOf(Family.class);
    for (Family f : Family.values()) {
      if (coversAll(ranges, f)) {
        out.add(f);
      }
    }
    return out;
  }

  private static boolean coversAll(List<Range> ranges, Family family) {
    BigInteger total = BigInteger.ONE.shiftLeft(family.bits());
    List<BigInteger[]> intervals = new ArrayList<>();
    for (Range r : ranges) {
      if (r.family() != family) {
        continue;
      }
      int hostBits = family.bits() - r.prefixLength();
      BigInteger start = new BigInteger(1, r.address().getAddress()).shiftRight(hostBits);
      start = start.shiftLeft(hostBits);
      intervals.add(new BigInteger[] {start, start.add(BigInteger.ONE.shiftLeft(hostBits))});
    }
    intervals.sort(Comparator.comparing((BigInteger[] iv) -> iv[0]));
    // Sweep from the lowest address: a range that starts past everything covered so far is a gap.
    BigInteger covered = BigInteger.ZERO;
    for (BigInteger[] iv : intervals) {
      if (iv[0].compareTo(covered) > 0) {
        return false;
      }
      covered = covered.max(iv[1]);
    }
    return covered.equals(total);
  }
}
