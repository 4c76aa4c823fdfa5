package dev.portcullis.auth.oauth.device;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Device codes: 256 random bits, unpadded base64url (43 characters). The store keeps the SHA-256 of
 * the code bound to its client ({@code code ":" client_id}; a code has no colon, so the pair is
 * unambiguous): a code presented by another client finds no grant at all, so that client's poll
 * neither answers its status nor records a poll, and cannot consume the grant.
 */
final class DeviceCodes {
  private DeviceCodes() {}

  static String generate(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored hash of {@code deviceCode} for {@code clientId}. */
  static String hash(String deviceCode, String clientId) {
    return UserCodes.sha256(deviceCode + ":" + clientId);
  }
}
