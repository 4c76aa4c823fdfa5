package dev.portcullis.auth.core.login;

import java.util.Locale;

/**
 * Turns a client address into the key that rate limits and failed-login budgets count under. Every
 * place that limits per address (login, registration, password reset requests) keys through {@link
 * #key}, so one client is one key everywhere.
 *
 * <ul>
 *   <li>IPv4 {@code 203.0.113.7} is its own key.
 *   <li>IPv6 is grouped by network: with prefix 64, {@code 2001:db8:1:2:a:b:c:d} and every other
 *       address of {@code 2001:db8:1:2::/64} share the key {@code 2001:db8:1:2::/64}, because one
 *       customer is handed a whole /64 and can pick a fresh address for every request. A prefix of
 *       128 keys every address alone ({@code 2001:db8::1}).
 *   <li>IPv4-mapped IPv6 ({@code ::ffff:203.0.113.7}) is the IPv4 address.
 *   <li>Brackets and a zone ({@code [fe80::1%eth0]}) are dropped.
 *   <li>Anything else (a missing address, a host name, garbage) is keyed as written, cut to 64
 *       characters, or {@code unknown} when missing.
 * </ul>
 *
 * <p>Only literals are parsed, by this class: nothing here resolves a name, so no input can cause a
 * DNS query. Stateless and thread-safe.
 */
public final class ClientAddresses {
  /** The key of a request whose address is not known. */
  public static final String UNKNOWN = "unknown";

  private static final int MAX_UNPARSED = 64;

  private ClientAddresses() {}

  /**
   * The rate-limit key of {@code address}.
   *
   * @param address the client address as the transport or a trusted proxy reported it, or null
   * @param ipv6Prefix the prefix length IPv6 addresses are grouped by, 1 to 128
   * @throws IllegalArgumentException if {@code ipv6Prefix} is outside 1..128
   */
  public static String key(String address, int ipv6Prefix) {
    if (ipv6Prefix < 1 || ipv6Prefix > 128) {
      throw new IllegalArgumentException("ipv6Prefix must be 1 to 128, is " + ipv6Prefix);
    }
    if (address == null || address.isBlank()) {
      return UNKNOWN;
    }
    String a = address.strip();
    if (a.length() > 2 && a.charAt(0) == '[' && a.charAt(a.length() - 1) == ']') {
      a = a.substring(1, a.length() - 1);
    }
    int[] v4 = parseIpv4(a);
    if (v4 != null) {
      return ipv4(v4);
    }
    int[] v6 = parseIpv6(a);
    if (v6 != null) {
      if (isIpv4Mapped(v6)) {
        return ipv4(new int[] {v6[6] >> 8, v6[6] & 0xff, v6[7] >> 8, v6[7] & 0xff});
      }
      return network(v6, ipv6Prefix);
    }
    return a.length() > MAX_UNPARSED ? a.substring(0, MAX_UNPARSED) : a;
  }

  /** Four octets, or null unless {@code s} is a dotted quad of decimal numbers 0..255. */
  private static int[] parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] out = new int[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      out[i] = Integer.parseInt(p);
      if (out[i] > 255) {
        return null;
      }
    }
    return out;
  }

  /** Eight 16-bit groups, or null unless {@code s} is an IPv6 literal (RFC 4291 section 2.2). */
  private static int[] parseIpv6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    if (s.indexOf(':') < 0) {
      return null;
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] left = groups(gap >= 0 ? s.substring(0, gap) : s, gap < 0);
    int[] right = gap >= 0 ? groups(s.substring(gap + 2), true) : new int[0];
    if (left == null || right == null) {
      return null;
    }
    int count = left.length + right.length;
    if (gap >= 0 ? count > 7 : count != 8) {
      return null;
    }
    int[] out = new int[8];
    System.arraycopy(left, 0, out, 0, left.length);
    System.arraycopy(right, 0, out, 8 - right.length, right.length);
    return out;
  }

  /** The groups of one side of "::", the last of which may be a dotted IPv4 address. */
  private static int[] groups(String part, boolean ipv4Tail) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int last = pieces.length - 1;
    boolean dotted = ipv4Tail && pieces[last].indexOf('.') >= 0;
    int[] out = new int[pieces.length + (dotted ? 1 : 0)];
    for (int i = 0; i < pieces.length; i++) {
      String p = pieces[i];
      if (i == last && dotted) {
        int[] v4 = parseIpv4(p);
        if (v4 == null) {
          return null;
        }
        out[i] = v4[0] << 8 | v4[1];
        out[i + 1] = v4[2] << 8 | v4[3];
      } else {
        if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(ClientAddresses::isHex)) {
          return null;
        }
        out[i] = Integer.parseInt(p, 16);
      }
    }
    return out;
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isIpv4Mapped(int[] g) {
    return g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
  }

  private static String ipv4(int[] o) {
    return o[0] + "." + o[1] + "." + o[2] + "." + o[3];
  }

  /** The network of {@code g} under {@code prefix}, in RFC 5952 text, with "/prefix" below 128. */
  private static String network(int[] g, int prefix) {
    int[] n = new int[8];
    for (int i = 0; i < 8; i++) {
      int bits = Math.max(0, Math.min(16, prefix - 16 * i));
      int mask = bits == 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
      n[i] = g[i] & mask;
    }
    String text = rfc5952(n);
    return prefix == 128 ? text : text + "/" + prefix;
  }

  /** Lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
  private static String rfc5952(int[] g) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]).toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }
}
