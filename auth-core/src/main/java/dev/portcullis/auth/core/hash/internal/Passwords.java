package dev.portcullis.auth.core.hash.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** Turns passwords into the bytes the algorithms take, and applies the pepper. */
final class Passwords {
  private static final byte[] PEPPER_ID_LABEL =
      "portcullis password pepper id v1".getBytes(StandardCharsets.US_ASCII);

  private Passwords() {}

  /**
   * UTF-8 for a new hash.
   *
   * @throws IllegalArgumentException if the text has an unpaired surrogate (no UTF-8 exists for
   *     it); the message does not quote the password
   */
  static byte[] utf8ForNewHash(CharSequence password) {
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(password));
      byte[] out = new byte[encoded.remaining()];
      encoded.get(out);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "The password is not valid Unicode text (it has an unpaired surrogate), so it has no"
              + " UTF-8 form to hash");
    }
  }

  /**
   * UTF-8 for verification, replacing what cannot be encoded by '?' as {@link String#getBytes}
   * does, which is how Java-based systems encoded such passwords in the hashes they wrote.
   */
  static byte[] utf8ForVerification(CharSequence password) {
    return password.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** HMAC-SHA-256 of the UTF-8 password under the pepper: what peppered hashes are made from. */
  static byte[] pepper(byte[] pepper, byte[] utf8Password) {
    return hmacSha256(pepper, utf8Password);
  }

  /**
   * Names a pepper without revealing it: the first 6 bytes of HMAC-SHA-256(pepper, a fixed label)
   * as 8 characters of base64.
   */
  static String pepperId(byte[] pepper) {
    return Codec.b64(Arrays.copyOf(hmacSha256(pepper, PEPPER_ID_LABEL), 6));
  }

  /** Overwrites a password buffer; best effort, as the JVM may have copied it. */
  static void wipe(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static byte[] hmacSha256(byte[] key, byte[] message) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(message, 0, message.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }
}
