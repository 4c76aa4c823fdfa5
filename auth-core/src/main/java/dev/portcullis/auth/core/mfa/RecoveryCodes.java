package dev.portcullis.auth.core.mfa;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.model.RecoveryCode;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Recovery codes (ASVS 5.0 lookup secrets): each {@code xxxx-xxxx-xxxx-xxxx}, 16 characters of
 * base32 (80 bits) from {@link SecureRandom}, shown once. The first 4 characters are a lookup id,
 * unique per user and stored in clear; the whole code is stored as a hash of the configured {@link
 * PasswordHasher} (ASVS 6.5.2, fewer than 112 bits). So one attempt costs one hash, and an unknown
 * lookup id costs the same hash against a dummy. Each code works once: {@link
 * RecoveryCodeStore#consume} is atomic. Thread-safe.
 */
public final class RecoveryCodes {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final int LENGTH = 16;
  private static final int LOOKUP = 4;

  private final RecoveryCodeStore store;
  private final PasswordHasher hasher;
  private final SecureRandom random;
  private final int count;
  private final String dummyHash;

  public RecoveryCodes(
      RecoveryCodeStore store, PasswordHasher hasher, SecureRandom random, int count) {
    this.store = Objects.requireNonNull(store, "store");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.random = Objects.requireNonNull(random, "random");
    this.count = count;
    this.dummyHash = hasher.hash(randomCode(random));
  }

  /** New codes for the user, replacing any old ones; the only time they are seen in clear. */
  public List<String> regenerate(String userId) {
    List<String> codes = new ArrayList<>();
    List<RecoveryCode> stored = new ArrayList<>();
    Set<String> lookups = new HashSet<>();
    while (codes.size() < count) {
      String code = randomCode(random);
      if (!lookups.add(code.substring(0, LOOKUP))) {
        continue;
      }
      stored.add(new RecoveryCode(userId, code.substring(0, LOOKUP), hasher.hash(code)));
      codes.add(format(code));
    }
    store.replaceAll(userId, stored);
    return List.copyOf(codes);
  }

  /**
   * Whether {@code input} is one of the user's unused codes, which is then used up. Case, spaces
   * and hyphens do not matter. Exactly one hash is computed, whatever the input.
   */
  public boolean use(String userId, String input) {
    Optional<String> code = normalise(input);
    Optional<RecoveryCode> found = code.flatMap(c -> store.find(userId, c.substring(0, LOOKUP)));
    if (found.isEmpty()) {
      hasher.verify(code.orElse("-"), dummyHash);
      return false;
    }
    return hasher.verify(code.get(), found.get().hash())
        && store.consume(userId, found.get().lookupId());
  }

  /** How many unused codes the user has. */
  public int remaining(String userId) {
    return store.remaining(userId);
  }

  /** Removes every code of the user. */
  public int deleteAll(String userId) {
    return store.deleteAll(userId);
  }

  /** Whether {@code input} has the shape of a recovery code (not of a TOTP code). */
  public static boolean looksLikeRecoveryCode(String input) {
    return normalise(input).isPresent();
  }

  static Optional<String> normalise(String input) {
    if (input == null || input.length() > 64) {
      return Optional.empty();
    }
    String c = input.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    if (c.length() != LENGTH || !c.chars().allMatch(ch -> ALPHABET.indexOf(ch) >= 0)) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  private static String randomCode(SecureRandom random) {
    StringBuilder b = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  private static String format(String code) {
    return code.substring(0, 4)
        + "-"
        + code.substring(4, 8)
        + "-"
        + code.substring(8, 12)
        + "-"
        + code.substring(12);
  }
}
