package dev.portcullis.auth.jwt;

import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.jwt.internal.KeyLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * This service's signing keys as the settings describe them: what {@link JwtModule} turns into a
 * {@link KeyRing} once, when the injector is built, reading key files through {@link KeyFiles}.
 * Reading the settings never touches a key file.
 */
public sealed interface SigningKeys {

  /**
   * The key ring these keys describe, reading each key file once through {@code files} ({@link
   * JwtModule} does this once per injector; tools such as a health check may do it once more).
   * Development keys are generated anew at each call.
   *
   * @throws ConfigurationException naming each key file that cannot be read or used
   */
  default KeyRing load(KeyFiles files) {
    return KeyLoader.load(this, files);
  }

  /** Keys built in code ({@link JwtSettings#withKeyRing}). */
  record Ready(KeyRing ring) implements SigningKeys {
    public Ready {
      Objects.requireNonNull(ring, "ring");
    }
  }

  /**
   * The keys of {@code auth.token.*}: the active key and, during a rotation, the previous one and
   * the next one.
   *
   * @param active the key that signs
   * @param previous the key that verifies until it retires, if any ({@code previous-key.*})
   * @param next the key published and verifying ahead of signing, if any ({@code next-key.*})
   */
  record Configured(Key active, Optional<Key> previous, Optional<Key> next) implements SigningKeys {
    public Configured {
      Objects.requireNonNull(active, "active");
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(next, "next");
    }

    /** The active key and, during a rotation, the previous one; no next key. */
    public Configured(Key active, Optional<Key> previous) {
      this(active, previous, Optional.empty());
    }
  }

  /** One configured key. */
  sealed interface Key {}

  /** A key complete in the settings: a shared secret. */
  record Secret(JwtKey key) implements Key {
    public Secret {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * A key in a PEM or JWK file.
   *
   * @param setting the key naming the file ({@code auth.token.private-key-file}), for problems
   * @param path the file
   * @param algorithm the algorithm the key must have
   * @param keyId the configured key id, or null for the file's (a JWK's kid, else the thumbprint)
   * @param signs whether the file must hold the private key (the active and the next key)
   * @param retireAt when the key stops verifying, or null
   */
  record File(
      String setting,
      Path path,
      JwsAlgorithm algorithm,
      String keyId,
      boolean signs,
      Instant retireAt)
      implements Key {
    public File {
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(algorithm, "algorithm");
    }
  }

  /**
   * Development only: a key generated for this process, which does not survive a restart.
   *
   * @param algorithm its algorithm
   * @param keyId the configured key id, or null for the default ({@value
   *     JwtSettings#DEFAULT_KEY_ID} for a secret, the thumbprint for a key pair)
   * @param algorithmSet whether {@code auth.token.algorithm} was set, rather than left at its
   *     default (RS256)
   */
  record Generated(JwsAlgorithm algorithm, String keyId, boolean algorithmSet) implements Key {
    public Generated {
      Objects.requireNonNull(algorithm, "algorithm");
    }
  }
}
