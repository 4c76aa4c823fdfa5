package dev.portcullis.auth.jwt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of an issuer: one active key that signs every new token, upcoming keys that are
 * published and verify but do not sign yet, and passive keys that only verify until their retire
 * date (rotation with a grace period). Every token carries the id of the key that signed it.
 *
 * <p>To rotate without a window in which a verifier's cached JWKS lacks the signing key: first
 * publish the next key, {@code KeyRing.of(active, passive, List.of(next))}; once every verifier's
 * JWKS cache has expired, {@code ring.rotate(next, now.plus(refreshTtl))} makes {@code next} active
 * (it leaves the upcoming keys) and keeps the previous active key verifying until the given
 * instant, by which time every token it signed has expired. Immutable and thread-safe.
 *
 * <p>Each key that holds its private material also has a refresh-token key ({@link
 * JwtKey#refreshKey()}), never published: {@link #refreshKeys()} finds them for the refresh
 * endpoint, and a retiring key's refresh key keeps verifying until the same retire date.
 */
public final class KeyRing implements KeySource {

  private final JwtKey active;
  private final List<JwtKey> passive;
  private final List<JwtKey> upcoming;

  private KeyRing(JwtKey active, List<JwtKey> passive, List<JwtKey> upcoming) {
    this.active = Objects.requireNonNull(active, "active");
    this.passive = List.copyOf(passive);
    List<JwtKey> next = new ArrayList<>();
    for (JwtKey k : upcoming) {
      if (k.retireAt().isPresent()) {
        throw new IllegalArgumentException(
            "the upcoming key " + k.keyId() + " must not retire before it ever signs");
      }
      if (k.verificationKey().equals(active.verificationKey())) {
        throw new IllegalArgumentException(
            "the upcoming key " + k.keyId() + " is the active key " + active.keyId());
      }
      next.add(k.verifyingOnly());
    }
    this.upcoming = List.copyOf(next);
    if (!active.canSign()) {
      throw new IllegalArgumentException("the active key " + active.keyId() + " cannot sign");
    }
    if (active.retireAt().isPresent()) {
      throw new IllegalArgumentException("the active key " + active.keyId() + " must not retire");
    }
    Set<String> ids = new HashSet<>();
    ids.add(active.keyId());
    for (JwtKey k : keys()) {
      if (k != active && !ids.add(k.keyId())) {
        throw new IllegalArgumentException("two keys share the id " + k.keyId());
      }
    }
  }

  /** A ring with {@code active} signing and {@code passive} keys verifying. */
  public static KeyRing of(JwtKey active, JwtKey... passive) {
    return new KeyRing(active, List.of(passive), List.of());
  }

  /** A ring with {@code active} signing and {@code passive} keys verifying. */
  public static KeyRing of(JwtKey active, List<JwtKey> passive) {
    return new KeyRing(active, passive, List.of());
  }

  /**
   * A ring with {@code active} signing, {@code passive} keys verifying until they retire, and
   * {@code upcoming} keys published and verifying but never signing, until {@link #rotate} makes
   * one of them active. An upcoming key may be given with its private material (it is needed to
   * promote it, and its refresh-token key verifies the refresh tokens of instances that promoted it
   * first); the ring keeps only what verifies.
   *
   * @throws IllegalArgumentException if the active key cannot sign or retires, two keys share an
   *     id, an upcoming key retires, or an upcoming key is the active key under another id
   */
  public static KeyRing of(JwtKey active, List<JwtKey> passive, List<JwtKey> upcoming) {
    return new KeyRing(active, passive, upcoming);
  }

  /**
   * A new ring where {@code next} signs, and the current active key verifies until {@code
   * retireCurrentAt} (it no longer signs). Passive keys are kept; an upcoming key with {@code
   * next}'s id leaves the upcoming keys (it is promoted), the others stay.
   */
  public KeyRing rotate(JwtKey next, Instant retireCurrentAt) {
    List<JwtKey> keep = new ArrayList<>(passive);
    keep.add(active.retiringAt(retireCurrentAt));
    List<JwtKey> stillUpcoming =
        upcoming.stream().filter(k -> !k.keyId().equals(next.keyId())).toList();
    return new KeyRing(next, keep, stillUpcoming);
  }

  /** The key that signs new tokens. */
  public JwtKey active() {
    return active;
  }

  /** The verify-only keys of former rotations, retired or not. */
  public List<JwtKey> passive() {
    return passive;
  }

  /**
   * The keys published ahead of signing: they verify, and never sign (the ring holds them without
   * their private key; their refresh-token keys verify refresh tokens).
   */
  public List<JwtKey> upcoming() {
    return upcoming;
  }

  /** Every key: the active one, then the upcoming ones, then the passive ones. */
  public List<JwtKey> keys() {
    List<JwtKey> all = new ArrayList<>(1 + upcoming.size() + passive.size());
    all.add(active);
    all.addAll(upcoming);
    all.addAll(passive);
    return all;
  }

  @Override
  public Optional<JwtKey> find(String keyId) {
    for (JwtKey k : keys()) {
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
    return "KeyRing[active=" + active + ", upcoming=" + upcoming + ", passive=" + passive + "]";
  }
}
