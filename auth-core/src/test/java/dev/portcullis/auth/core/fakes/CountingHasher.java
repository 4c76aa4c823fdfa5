package dev.portcullis.auth.core.fakes;

import dev.portcullis.auth.api.PasswordHasher;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transparent hasher ({@code $plain$v<version>$<password>}) that counts verifications, so tests
 * can see exactly when the authenticator hashes. Hashes of an older version need a rehash.
 */
public final class CountingHasher implements PasswordHasher {
  public final AtomicInteger verifications = new AtomicInteger();
  public final AtomicInteger hashes = new AtomicInteger();
  public volatile int version = 2;
  public volatile boolean failHashing;

  @Override
  public String hash(CharSequence password) {
    if (failHashing) {
      throw new IllegalStateException("hashing switched off by the test");
    }
    hashes.incrementAndGet();
    return "$plain$v" + version + "$" + password;
  }

  @Override
  public boolean verify(CharSequence password, String encodedHash) {
    if (!supports(encodedHash)) {
      throw new IllegalArgumentException("unsupported");
    }
    verifications.incrementAndGet();
    return encodedHash.substring(encodedHash.indexOf('$', 7) + 1).equals(password.toString());
  }

  @Override
  public boolean needsRehash(String encodedHash) {
    return !encodedHash.startsWith("$plain$v" + version + "$");
  }

  @Override
  public boolean supports(String encodedHash) {
    return encodedHash.startsWith("$plain$v");
  }
}
