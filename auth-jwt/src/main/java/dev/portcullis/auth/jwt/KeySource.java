package dev.portcullis.auth.jwt;

import java.util.List;
import java.util.Optional;

/**
 * Where a verifier finds the key named by a token's {@code kid}: a local {@link KeyRing} or a
 * {@link RemoteJwks}. Implementations are thread-safe.
 */
public interface KeySource {

  /**
   * The key with this id, retired or not (the verifier refuses a retired key and says so).
   *
   * @throws dev.portcullis.auth.api.error.ServiceUnavailableException when no keys can be obtained
   *     at all (a remote key set that was never fetched and cannot be reached)
   */
  Optional<JwtKey> find(String keyId);

  /** The ids of the keys known now, for messages. */
  List<String> keyIds();
}
