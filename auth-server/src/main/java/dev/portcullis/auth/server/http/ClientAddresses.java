package dev.portcullis.auth.server.http;

import dev.portcullis.auth.server.internal.IpRanges;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's address: the peer of the connection, unless the peer is a trusted proxy, in which
 * case the right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy (the
 * left part of the header is whatever the client sent, and cannot be believed). Thread-safe.
 */
public final class ClientAddresses {

  private final List<IpRanges.Range> trusted;

  /**
   * @param trustedProxies addresses and CIDR ranges, as in {@code auth.server.trusted-proxies}
   * @throws IllegalArgumentException for an entry that is not an address or range
   */
  public ClientAddresses(List<String> trustedProxies) {
    List<IpRanges.Range> ranges = new ArrayList<>();
    for (String p : trustedProxies) {
      ranges.add(IpRanges.parseRange(p));
    }
    this.trusted = List.copyOf(ranges);
  }

  /**
   * The client address of a request from {@code peer} carrying {@code forwardedFor} (the values of
   * every {@code X-Forwarded-For} header, in order; may be empty).
   */
  public String resolve(String peer, List<String> forwardedFor) {
    Optional<InetAddress> peerAddr = IpRanges.parseAddress(peer);
    if (peerAddr.isEmpty()) {
      return peer;
    }
    InetAddress current = peerAddr.get();
    if (trusted.isEmpty() || !IpRanges.anyContains(trusted, current)) {
      return current.getHostAddress();
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String part : header.split(",")) {
        if (!part.isBlank()) {
          hops.add(part.trim());
        }
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = IpRanges.parseAddress(stripPort(hops.get(i)));
      if (hop.isEmpty()) {
        // Garbage from the client side: stop at the last address we could trust.
        break;
      }
      current = hop.get();
      if (!IpRanges.anyContains(trusted, current)) {
        break;
      }
    }
    return current.getHostAddress();
  }

  /** Whether {@code peer} is a trusted proxy. */
  public boolean trusts(String peer) {
    return IpRanges.parseAddress(peer).map(a -> IpRanges.anyContains(trusted, a)).orElse(false);
  }

  private static String stripPort(String hop) {
    // "203.0.113.7:4711" (IPv4 with port) and "[2001:db8::1]:4711"
    if (hop.startsWith("[")) {
      int close = hop.indexOf(']');
      return close > 0 ? hop.substring(1, close) : hop;
    }
    int colon = hop.indexOf(':');
    return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
  }
}
