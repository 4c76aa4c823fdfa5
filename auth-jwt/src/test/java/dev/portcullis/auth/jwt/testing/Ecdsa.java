package dev.portcullis.auth.jwt.testing;

import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.internal.Base64Url;
import java.math.BigInteger;
import java.security.interfaces.ECKey;
import java.util.Arrays;

/** The malleability of ECDSA: every signature (r, s) has a twin (r, n - s) over the same input. */
public final class Ecdsa {
  private Ecdsa() {}

  /** s of a compact JWS signed with an ES* key. */
  public static BigInteger s(String compact, JwsAlgorithm alg) {
    byte[] sig = Base64Url.decode(compact.split("\\.")[2]);
    return new BigInteger(1, Arrays.copyOfRange(sig, alg.size(), 2 * alg.size()));
  }

  /** Whether the compact JWS's s is above n/2. */
  public static boolean highS(String compact, JwtKey key) {
    BigInteger n = ((ECKey) key.verificationKey()).getParams().getOrder();
    return s(compact, key.algorithm()).compareTo(n.shiftRight(1)) > 0;
  }

  /** The same token with s replaced by n - s: another string, the same signed content. */
  public static String flipS(String compact, JwtKey key) {
    JwsAlgorithm alg = key.algorithm();
    int half = alg.size();
    String[] p = compact.split("\\.");
    byte[] sig = Base64Url.decode(p[2]);
    BigInteger n = ((ECKey) key.verificationKey()).getParams().getOrder();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, 2 * half));
    byte[] raw = n.subtract(s).toByteArray();
    byte[] fixed = new byte[half];
    int copy = Math.min(raw.length, half);
    System.arraycopy(raw, raw.length - copy, fixed, half - copy, copy);
    System.arraycopy(fixed, 0, sig, half, half);
    return p[0] + "." + p[1] + "." + Base64Url.encode(sig);
  }
}
