package dev.portcullis.auth.core.hash;

import static dev.portcullis.auth.core.hash.Vectors.fastSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rehash truth table: lower cost, equal, higher, other algorithm, pepper change. */
final class NeedsRehashTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final Pepper PEPPER =
      Pepper.of("the first pepper, 32 bytes long!".getBytes(StandardCharsets.US_ASCII));
  private static final Pepper OTHER_PEPPER =
      Pepper.of("the other pepper, 32 bytes long!".getBytes(StandardCharsets.US_ASCII));

  /** Costs above {@link Vectors#fastSettings} for every algorithm (bcrypt cost 5). */
  private static HashingSettings higher(HashAlgorithm algorithm) {
    return new HashingSettings(
        algorithm,
        new Argon2Params(128, 2, 2),
        new BcryptParams(5),
        new ScryptParams(32, 8, 2),
        new Pbkdf2Params(2000, 2000),
        HashingSettings.DEFAULT_SALT_LENGTH,
        Optional.empty());
  }

  private static HashingSettings withScrypt(HashingSettings settings, int n, int r, int p) {
    return new HashingSettings(
        settings.algorithm(),
        settings.argon2(),
        settings.bcrypt(),
        new ScryptParams(n, r, p),
        settings.pbkdf2(),
        settings.saltLength(),
        settings.pepper());
  }

  private static String hashWith(HashingSettings settings) {
    return PasswordHashers.create(settings).hash(PASSWORD);
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void aHashWithLowerCostsNeedsRehash(HashAlgorithm algorithm) {
    String hash = hashWith(fastSettings(algorithm));

    assertThat(PasswordHashers.create(higher(algorithm)).needsRehash(hash)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void aHashWithEqualCostsDoesNotNeedRehash(HashAlgorithm algorithm) {
    String hash = hashWith(fastSettings(algorithm));

    assertThat(PasswordHashers.create(fastSettings(algorithm)).needsRehash(hash)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void aHashWithHigherCostsDoesNotNeedRehash(HashAlgorithm algorithm) {
    String hash = hashWith(higher(algorithm));

    assertThat(PasswordHashers.create(fastSettings(algorithm)).needsRehash(hash)).isFalse();
  }

  static Stream<Arguments> algorithmPairs() {
    Stream.Builder<Arguments> pairs = Stream.builder();
    for (HashAlgorithm from : HashAlgorithm.values()) {
      for (HashAlgorithm to : HashAlgorithm.values()) {
        if (from != to) {
          pairs.add(Arguments.of(from, to));
        }
      }
    }
    return pairs.build();
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("algorithmPairs")
  void aHashOfAnotherAlgorithmNeedsRehash(HashAlgorithm made, HashAlgorithm current) {
    String hash = hashWith(higher(made));

    assertThat(PasswordHashers.create(fastSettings(current)).needsRehash(hash)).isTrue();
  }

  static Stream<Arguments> singleLowerCost() {
    HashingSettings base = higher(HashAlgorithm.ARGON2ID);
    HashingSettings scrypt = higher(HashAlgorithm.SCRYPT);
    return Stream.of(
        Arguments.of("argon2 memory", base.withArgon2(64, 2, 2), base),
        Arguments.of("argon2 passes", base.withArgon2(128, 1, 2), base),
        Arguments.of("argon2 lanes", base.withArgon2(128, 2, 1), base),
        Arguments.of("scrypt N", withScrypt(scrypt, 16, 8, 2), scrypt),
        Arguments.of("scrypt r", withScrypt(scrypt, 32, 4, 2), scrypt),
        Arguments.of("scrypt p", withScrypt(scrypt, 32, 8, 1), scrypt));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleLowerCost")
  void anyOneLowerCostIsEnoughForARehash(
      String which, HashingSettings made, HashingSettings current) {
    assertThat(PasswordHashers.create(current).needsRehash(hashWith(made))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = HashAlgorithm.class, names = "BCRYPT", mode = EnumSource.Mode.EXCLUDE)
  void aSaltShorterThanNewHashesGetAsksForARehash(HashAlgorithm algorithm) {
    String hash = hashWith(fastSettings(algorithm).withSaltLength(16));

    assertThat(PasswordHashers.create(fastSettings(algorithm).withSaltLength(32)).needsRehash(hash))
        .isTrue();
    assertThat(PasswordHashers.create(fastSettings(algorithm).withSaltLength(16)).needsRehash(hash))
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void addingAPepperAsksForARehash(HashAlgorithm algorithm) {
    String plain = hashWith(fastSettings(algorithm));

    PasswordHasher peppered = PasswordHashers.create(fastSettings(algorithm).withPepper(PEPPER));

    assertThat(peppered.needsRehash(plain)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void removingOrChangingThePepperAsksForARehash(HashAlgorithm algorithm) {
    String hash = hashWith(fastSettings(algorithm).withPepper(PEPPER));

    assertThat(PasswordHashers.create(fastSettings(algorithm)).needsRehash(hash)).isTrue();
    assertThat(
            PasswordHashers.create(fastSettings(algorithm).withPepper(OTHER_PEPPER))
                .needsRehash(hash))
        .isTrue();
    assertThat(PasswordHashers.create(fastSettings(algorithm).withPepper(PEPPER)).needsRehash(hash))
        .isFalse();
  }

  @Test
  void bcryptVersionLettersDoNotMatterButTheCostDoes() {
    PasswordHasher cost5 = PasswordHashers.create(higher(HashAlgorithm.BCRYPT));

    assertThat(cost5.needsRehash("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
        .isFalse();
    assertThat(cost5.needsRehash("$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm"))
        .isTrue();
  }

  @Test
  void aForeignPrefixAsksForARehashEvenWhenTheCostsAreEnough() {
    String argon2id =
        "$argon2id$v=19$m=4096,t=3,p=1$QUFBQUFBQUFBQUFBQUFBQQ$hmmTNyJlwbb6HAvFoHFWF+u03fdb0F2qA+39oPlcAqo";
    PasswordHasher hasher =
        PasswordHashers.create(fastSettings(HashAlgorithm.ARGON2ID).withArgon2(4096, 3, 1));

    assertThat(hasher.needsRehash(argon2id)).isFalse();
    assertThat(hasher.needsRehash("{argon2}" + argon2id)).isTrue();
  }
}
