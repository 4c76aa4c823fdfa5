package dev.portcullis.auth.testkit;

import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import javax.crypto.Mac;

/**
 * Compact JWS signing with the JDK alone, so the testkit can mint tokens that Portcullis itself
 * would never issue (expired, for another audience, signed with a stranger's key). Stateless and
 * thread-safe.
 */
final class Jws {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Jws() {}

  /** Signs {@code header} and {@code claims} with {@code key}'s algorithm and signing key. */
  static String sign(JwtKey key, Map<String, ?> header, Map<String, ?> claims) {
    Key signing =
        key.signingKey()
            .orElseThrow(
                () -> new IllegalArgumentException("key '" + key.keyId() + "' cannot sign"));
    String input = base64Url(json(header)) + "." + base64Url(json(claims));
    byte[] signature =
        signature(key.algorithm(), signing, input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  /** A new key of {@code algorithm} with the id {@code keyId} that nobody else holds. */
  static JwtKey strangerKey(String keyId, JwsAlgorithm algorithm) {
    try {
      return switch (algorithm.family()) {
        case HMAC -> {
          byte[] secret = new byte[algorithm.size()];
          RANDOM.nextBytes(secret);
          yield JwtKey.hmac(keyId, algorithm, secret);
        }
        case RSA, RSA_PSS -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
          g.initialize(JwsAlgorithm.MIN_RSA_BITS);
          yield JwtKey.signing(keyId, algorithm, g.generateKeyPair());
        }
        case EC -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec(ecCurve(algorithm)));
          yield JwtKey.signing(keyId, algorithm, g.generateKeyPair());
        }
        case EDDSA -> {
          KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
          yield JwtKey.signing(keyId, algorithm, pair);
        }
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + algorithm.jwaName() + " key", e);
    }
  }

  private static String ecCurve(JwsAlgorithm algorithm) {
    return switch (algorithm) {
      case ES256 -> "secp256r1";
      case ES384 -> "secp384r1";
      default -> "secp521r1";
    };
  }

  private static byte[] signature(JwsAlgorithm algorithm, Key key, byte[] input) {
    int bits = algorithm == JwsAlgorithm.ES512 ? 512 : algorithm.size() * 8;
    try {
      if (algorithm.family() == JwsAlgorithm.Family.HMAC) {
        Mac mac = Mac.getInstance("HmacSHA" + bits);
        mac.init(key);
        return mac.doFinal(input);
      }
      Signature s =
          switch (algorithm.family()) {
            case RSA -> Signature.getInstance("SHA" + bits + "withRSA");
            case RSA_PSS -> {
              Signature pss = Signature.getInstance("RSASSA-PSS");
              String hash = "SHA-" + bits;
              pss.setParameter(
                  new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), bits / 8, 1));
              yield pss;
            }
            // JWS wants R || S, not DER (RFC 7518 section 3.4): the JDK's P1363 format is exactly
            // that.
            case EC -> Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            case EDDSA -> Signature.getInstance("Ed25519");
            case HMAC -> throw new AssertionError("handled above");
          };
      s.initSign((PrivateKey) key);
      s.update(input);
      byte[] sig = s.sign();
      if (algorithm.family() == JwsAlgorithm.Family.EC) {
        lowS(((ECKey) key).getParams().getOrder(), sig);
      }
      return sig;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + algorithm.jwaName(), e);
    }
  }

  /**
   * Replaces s by n - s when s > n/2, in place: Portcullis emits and accepts only the low-s form of
   * an ECDSA signature, so that a token has exactly one valid string.
   */
  private static void lowS(BigInteger n, byte[] sig) {
    int half = sig.length / 2;
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length));
    if (s.compareTo(n.shiftRight(1)) > 0) {
      byte[] raw = n.subtract(s).toByteArray();
      Arrays.fill(sig, half, sig.length, (byte) 0);
      int copy = Math.min(raw.length, half);
      System.arraycopy(raw, raw.length - copy, sig, sig.length - copy, copy);
    }
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** JSON for maps, collections, strings, numbers, booleans and null. */
  static String json(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof BigInteger) {
      sb.append(value);
    } else if (value instanceof BigDecimal d) {
      sb.append(d.toPlainString());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      sb.append(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof Collection<?> list) {
      sb.append('[');
      boolean first = true;
      for (Object o : list) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, o);
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException(
          "a claim must be a JSON value (string, number, boolean, list, map), not a "
              + value.getClass().getName());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
