package dev.portcullis.auth.core.hash;

import static dev.portcullis.auth.core.hash.Vectors.fastSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.PasswordHasher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class RoundTripTest {
  private static final String PASSWORD = "correct horse battery staple";

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void verifiesWhatItHashedAndNothingElse(HashAlgorithm algorithm) {
    PasswordHasher hasher = PasswordHashers.create(fastSettings(algorithm));

    String hash = hasher.hash(PASSWORD);

    assertThat(hasher.supports(hash)).isTrue();
    assertThat(hasher.verify(PASSWORD, hash)).isTrue();
    assertThat(hasher.verify("Correct horse battery staple", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void writesTheDocumentedFormat(HashAlgorithm algorithm) {
    String hash = PasswordHashers.create(fastSettings(algorithm)).hash(PASSWORD);

    String b64 = "[A-Za-z0-9+/]";
    String expected =
        switch (algorithm) {
          case ARGON2ID -> "\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$" + b64 + "{22}\\$" + b64 + "{43}";
          case BCRYPT -> "\\$2b\\$04\\$[./A-Za-z0-9]{53}";
          case SCRYPT -> "\\$scrypt\\$ln=4,r=8,p=1\\$" + b64 + "{22}\\$" + b64 + "{43}";
          case PBKDF2_SHA256 ->
              "\\$pbkdf2-sha256\\$i=1000,l=32\\$" + b64 + "{22}\\$" + b64 + "{43}";
          case PBKDF2_SHA512 ->
              "\\$pbkdf2-sha512\\$i=1000,l=64\\$" + b64 + "{22}\\$" + b64 + "{86}";
        };
    assertThat(hash).matches(expected);
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void usesAFreshSaltEachTime(HashAlgorithm algorithm) {
    PasswordHasher hasher = PasswordHashers.create(fastSettings(algorithm));

    String first = hasher.hash(PASSWORD);
    String second = hasher.hash(PASSWORD);

    assertThat(first).isNotEqualTo(second);
    assertThat(hasher.verify(PASSWORD, second)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void hashesUnicodePasswordsAsUtf8(HashAlgorithm algorithm) {
    PasswordHasher hasher = PasswordHashers.create(fastSettings(algorithm));
    String password = "pässwörd \u6f22\u5b57 \uD83D\uDD11";

    String hash = hasher.hash(password);

    assertThat(hasher.verify(password, hash)).isTrue();
    assertThat(hasher.verify("passwörd \u6f22\u5b57 \uD83D\uDD11", hash)).isFalse();
  }

  @Test
  void writesLongerSaltsWhenAskedTo() {
    String hash =
        PasswordHashers.create(fastSettings(HashAlgorithm.ARGON2ID).withSaltLength(32))
            .hash(PASSWORD);

    assertThat(Base64.getDecoder().decode(hash.split("\\$")[4])).hasSize(32);
  }

  @Test
  void hashesWithTheOwaspDefaults() {
    PasswordHasher hasher = PasswordHashers.create(HashingSettings.defaults());

    String hash = hasher.hash(PASSWORD);

    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.verify(PASSWORD, hash)).isTrue();
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  void producesPbkdf2HashesTheJdkAgreesWith() throws Exception {
    for (HashAlgorithm algorithm :
        List.of(HashAlgorithm.PBKDF2_SHA256, HashAlgorithm.PBKDF2_SHA512)) {
      String hash = PasswordHashers.create(fastSettings(algorithm)).hash("pässword");
      String[] fields = hash.split("\\$");
      byte[] salt = Base64.getDecoder().decode(fields[3]);
      byte[] stored = Base64.getDecoder().decode(fields[4]);
      String jdkName =
          algorithm == HashAlgorithm.PBKDF2_SHA256
              ? "PBKDF2WithHmacSHA256"
              : "PBKDF2WithHmacSHA512";

      byte[] jdk =
          SecretKeyFactory.getInstance(jdkName)
              .generateSecret(
                  new PBEKeySpec("pässword".toCharArray(), salt, 1000, stored.length * 8))
              .getEncoded();

      assertThat(stored).as(algorithm.id()).isEqualTo(jdk);
    }
  }

  @Test
  void refusesToHashTextWithAnUnpairedSurrogateWithoutQuotingIt() {
    PasswordHasher hasher = PasswordHashers.create(fastSettings(HashAlgorithm.ARGON2ID));
    String password = "secret\uD800tail";

    assertThatThrownBy(() -> hasher.hash(password))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate")
        .message()
        .doesNotContain("secret")
        .doesNotContain("tail");
  }

  @Test
  void oneHasherServesManyThreads() throws Exception {
    PasswordHasher hasher = PasswordHashers.create(fastSettings(HashAlgorithm.ARGON2ID));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String password = "password " + i;
        results.add(
            pool.submit(
                () -> {
                  String hash = hasher.hash(password);
                  return hasher.verify(password, hash) && !hasher.verify(password + "!", hash);
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void toStringNeverShowsThePepper() {
    PasswordHasher hasher =
        PasswordHashers.create(
            HashingSettings.defaults()
                .withPepper(Pepper.of("pepper-that-must-not-leak".getBytes())));

    assertThat(hasher.toString()).contains("Pepper[redacted]").doesNotContain("must-not-leak");
  }
}
