package dev.portcullis.auth.jwt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of an issuer: one active key that signs every new token, and passive keys that only
 * verify until their retire date (rotation with a grace period). Every token carries the id of the
 * key that signed it.
 *
 * <p>To rotate: {@code ring.rotate(newKey, now.plus(refreshTtl))} makes {@code newKey} active and
 * keeps the previous active key verifying until the given instant, by which time every token it
 * signed has expired. Immutable and thread-safe.
 *
 * <p>Each key that holds its private material also has a refresh-token key ({@link
 * JwtKey#refreshKey()}), never published: {@link #refreshKeys()} finds them for the refresh
 * endpoint, and a retiring key's refresh key keeps verifying until the same retire date.
 */
public final class KeyRing implements KeySource {

  private final JwtKey active;
  private final List<JwtKey> passive;

  private KeyRing(JwtKey active, List<JwtKey> passive) {
    this.active = Objects.requireNonNull(active, "active");
    this.passive = List.copyOf(passive);
    if (!active.canSign()) {
      throw new IllegalArgumentException("the active key " + active.keyId() + " cannot sign");
    }
    if (active.retireAt().isPresent()) {
      throw new IllegalArgumentException("the active key " + active.keyId() + " must not retire");
    }
    Set<String> ids = new HashSet<>();
    ids.add(active.keyId());
    for (JwtKey k : this.passive) {
      if (!ids.add(k.keyId())) {
        throw new IllegalArgumentException("two keys share the id " + k.keyId());
      }
    }
  }

  /** A ring with {@code active} signing and {@code passive} keys verifying. */
  public static KeyRing of(JwtKey active, JwtKey... passive) {
    return new KeyRing(active, List.of(passive));
  }

  /** A ring with {@code active} signing and {@code passive} keys verifying. */
  public static KeyRing of(JwtKey active, List<JwtKey> passive) {
    return new KeyRing(active, passive);
  }

  /**
   * A new ring where {@code next} signs, and the current active key verifies until {@code
   * retireCurrentAt} (it no longer signs). Passive keys are kept.
   */
  public KeyRing rotate(JwtKey next, Instant retireCurrentAt) {
    List<JwtKey> keep = new ArrayList<>(passive);
    keep.add(active.retiringAt(retireCurrentAt));
    return new KeyRing(next, keep);
  }

  /** The key that signs new tokens. */
  public JwtKey active() {
    return active;
  }

  /** The verify-only keys, retired or not. */
  public List<JwtKey> passive() {
    return passive;
  }

  /** Every key, active first. */
  public List<JwtKey> keys() {
    List<JwtKey> all = new ArrayList<>(passive.size() + 1);
    all.add(active);
    all.addAll(passive);
    return all;
  }

  @Override
  public Optional<JwtKey> find(String keyId) {
    if (active.keyId().equals(keyId)) {
      return Optional.of(active);
    }
    for (JwtKey k : passive) {
      if (k.keyId().equals(keyId)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> keyIds() {
    return keys().stream().map(JwtKey::keyId).toList();
  }

  /**
   * The JWKS document to publish at {@code now}: the public keys that still verify. Shared secrets
   * are never included.
   */
  public Jwks jwks(Instant now) {
    return Jwks.of(keys().stream().filter(k -> !k.symmetric() && !k.retiredAt(now)).toList());
  }

  /**
   * The refresh-token keys of this ring's keys, by their own ids ({@code <kid>~r}): the only keys
   * that verify refresh tokens, and never keys that verify access tokens.
   */
  public KeySource refreshKeys() {
    List<JwtKey> refresh = new ArrayList<>();
    for (JwtKey k : keys()) {
      k.refreshKey().ifPresent(refresh::add);
    }
    List<JwtKey> all = List.copyOf(refresh);
    return new KeySource() {
      @Override
      public Optional<JwtKey> find(String keyId) {
        return all.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
      }

      @Override
      public List<String> keyIds() {
        return all.stream().map(JwtKey::keyId).toList();
      }
    };
  }

  @Override
  public String toString() {
    return "KeyRing[active=" + active + ", passive=" + passive + "]";
  }
}
