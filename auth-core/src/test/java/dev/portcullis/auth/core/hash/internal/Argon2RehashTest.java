package dev.portcullis.auth.core.hash.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.core.hash.HashAlgorithm;
import dev.portcullis.auth.core.hash.Vectors;
import dev.portcullis.auth.core.hash.internal.Kdf.Argon2Type;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Argon2 strings that only differ in type or version from what the hasher writes. */
final class Argon2RehashTest {
  private static final byte[] SALT = new byte[16];
  private final BouncyCastlePasswordHasher hasher =
      new BouncyCastlePasswordHasher(Vectors.fastSettings(HashAlgorithm.ARGON2ID));

  private static String phc(Argon2Type type, int version) {
    byte[] hash =
        Kdf.argon2(
            type,
            version,
            "password".getBytes(StandardCharsets.UTF_8),
            SALT,
            null,
            null,
            64,
            1,
            1,
            32);
    String v = version == Kdf.ARGON2_VERSION_13 ? "v=19$" : "";
    return "$" + type.phcId + "$" + v + "m=64,t=1,p=1$" + Codec.b64(SALT) + "$" + Codec.b64(hash);
  }

  @Test
  void argon2idVersion19AtTheCurrentCostsNeedsNoRehash() {
    String hash = phc(Argon2Type.ARGON2ID, Kdf.ARGON2_VERSION_13);

    assertThat(hasher.verify("password", hash)).isTrue();
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  void argon2iAndArgon2dNeedRehash() {
    String argon2i = phc(Argon2Type.ARGON2I, Kdf.ARGON2_VERSION_13);
    String argon2d = phc(Argon2Type.ARGON2D, Kdf.ARGON2_VERSION_13);

    assertThat(hasher.verify("password", argon2i)).isTrue();
    assertThat(hasher.verify("password", argon2d)).isTrue();
    assertThat(hasher.needsRehash(argon2i)).isTrue();
    assertThat(hasher.needsRehash(argon2d)).isTrue();
  }

  @Test
  void version16NeedsRehash() {
    String hash = phc(Argon2Type.ARGON2ID, Kdf.ARGON2_VERSION_10);

    assertThat(hash).doesNotContain("v=");
    assertThat(hasher.verify("password", hash)).isTrue();
    assertThat(hasher.needsRehash(hash)).isTrue();
  }
}
