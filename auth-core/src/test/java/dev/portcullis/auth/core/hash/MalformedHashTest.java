package dev.portcullis.auth.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.PasswordHasher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unknown, malformed and over-cap hashes: not supported, and the exceptions name the scheme prefix
 * but never repeat the hash, its salt or the password.
 */
final class MalformedHashTest {
  private static final String PASSWORD = "hunter2-secret";
  private static final String SALT = "c29tZXNhbHQ";
  private static final String DIGEST = "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  private final PasswordHasher hasher = PasswordHashers.create(HashingSettings.defaults());

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of("$md5$rasmusle$ZmeQaO8XjeB2P6cQ2PS2ue", "$md5$"),
        Arguments.of("$1$saltsalt$qjXMvbEw8oaL.CzflDugX/", "$1$"),
        Arguments.of(
            "$6$rounds=5000$usesomesillystri$D4IrlXatmP7rx3P3InaxBeoomnAihCKRVQP22JZ6EY4", "$6$"),
        Arguments.of(
            "{sha256}97cde38028ad898ebc02e690819fa220e88c62e0699403e94fff291cfffaf84108",
            "{sha256}"),
        Arguments.of("{noop}" + PASSWORD, "{noop}"),
        Arguments.of("md5$seasalt$3f86d0d3d465b7b458c231bf3555c0e3", "md5$"),
        Arguments.of("$argon2x$v=19$m=65536,t=2,p=1$" + SALT + "$" + DIGEST, "$argon2x$"),
        Arguments.of(PASSWORD, "(no recognised scheme prefix)"),
        Arguments.of("pa$$w0rd-" + PASSWORD, "(no recognised scheme prefix)"),
        Arguments.of("", "(empty string)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("unsupported")
  void anUnknownSchemeIsNotSupportedAndIsNamedInTheError(String hash, String scheme) {
    assertThat(hasher.supports(hash)).isFalse();
    assertThatThrownBy(() -> hasher.verify(PASSWORD, hash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unsupported password hash scheme " + scheme)
        .message()
        .satisfies(message -> assertRevealsNothing(message, hash));
    assertThatThrownBy(() -> hasher.needsRehash(hash))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .satisfies(message -> assertRevealsNothing(message, hash));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("salt not base64", "$argon2id$v=19$m=65536,t=2,p=1$c29t!ZXNhbHQ$" + DIGEST),
        Arguments.of("hash not base64", "$argon2id$v=19$m=65536,t=2,p=1$" + SALT + "$C.Fh"),
        Arguments.of("argon2 version 20", "$argon2id$v=20$m=65536,t=2,p=1$" + SALT + "$" + DIGEST),
        Arguments.of(
            "argon2 keyid", "$argon2id$v=19$m=65536,t=2,p=1,keyid=AAAA$" + SALT + "$" + DIGEST),
        Arguments.of(
            "argon2 unknown parameter",
            "$argon2id$v=19$m=65536,t=2,p=1,x=1$" + SALT + "$" + DIGEST),
        Arguments.of(
            "argon2 repeated parameter",
            "$argon2id$v=19$m=65536,t=2,t=2,p=1$" + SALT + "$" + DIGEST),
        Arguments.of(
            "argon2 leading zero", "$argon2id$v=19$m=065536,t=2,p=1$" + SALT + "$" + DIGEST),
        Arguments.of("argon2 missing lanes", "$argon2id$v=19$m=65536,t=2$" + SALT + "$" + DIGEST),
        Arguments.of("argon2 4-byte tag", "$argon2id$v=19$m=65536,t=2,p=1$" + SALT + "$CTFhFQ"),
        Arguments.of(
            "argon2 memory below 8 x lanes", "$argon2id$v=19$m=16,t=2,p=4$" + SALT + "$" + DIGEST),
        Arguments.of(
            "argon2 trailing field", "$argon2id$v=19$m=65536,t=2,p=1$" + SALT + "$" + DIGEST + "$"),
        Arguments.of("bcrypt too short", "$2b$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy"),
        Arguments.of(
            "bcrypt bad character", "$2b$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/B!"),
        Arguments.of(
            "bcrypt one-digit cost", "$2b$4$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG"),
        Arguments.of(
            "pepper marker not an id",
            "$bcrypt-pepper$pepper=x$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm"),
        Arguments.of("pbkdf2 l disagrees", "$pbkdf2-sha256$i=1000,l=64$" + SALT + "$" + DIGEST),
        Arguments.of("spring pbkdf2 wrong length", "{pbkdf2}5d923b44a6d129f3"),
        Arguments.of(
            "spring pbkdf2 not hex",
            "{pbkdf2}5d923b44a6d129f3ddf3e3c8d29412723dcbde72445"
                + "e8ef6bf3b508fbf17fa4ed4d6b99ca763d8zz"),
        Arguments.of("django without salt", "pbkdf2_sha256$390000$$" + DIGEST + "="),
        Arguments.of(
            "django scrypt N not a power of two", "scrypt$16385$seasalt$8$1$" + DIGEST + "="));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedHashIsNotSupportedAndTheErrorRevealsNothing(String what, String hash) {
    assertThat(hasher.supports(hash)).isFalse();
    assertThatThrownBy(() -> hasher.verify(PASSWORD, hash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed ")
        .message()
        .satisfies(message -> assertRevealsNothing(message, hash));
    assertThatThrownBy(() -> hasher.needsRehash(hash))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .satisfies(message -> assertRevealsNothing(message, hash));
  }

  static Stream<Arguments> overCap() {
    return Stream.of(
        Arguments.of(
            "argon2 with 4 GiB of memory",
            "$argon2id$v=19$m=4194304,t=1,p=1$" + SALT + "$" + DIGEST),
        Arguments.of(
            "argon2 with 1 GiB and 5 passes",
            "$argon2id$v=19$m=1048576,t=5,p=1$" + SALT + "$" + DIGEST),
        Arguments.of(
            "argon2 with 2^32 passes",
            "$argon2id$v=19$m=65536,t=4294967296,p=1$" + SALT + "$" + DIGEST),
        Arguments.of(
            "pbkdf2 with 2^31 iterations",
            "$pbkdf2-sha256$i=2147483648,l=32$" + SALT + "$" + DIGEST),
        Arguments.of(
            "passlib pbkdf2 with 2^31 rounds",
            "$pbkdf2-sha256$2147483648$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ"),
        Arguments.of(
            "django pbkdf2 with 20 million iterations",
            "pbkdf2_sha256$20000000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c="),
        Arguments.of(
            "bcrypt cost 31", "$2b$31$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG"),
        Arguments.of(
            "bcrypt cost 19", "$2b$19$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG"),
        Arguments.of("scrypt N of 2^30", "$scrypt$ln=30,r=8,p=1$" + SALT + "$" + DIGEST),
        Arguments.of("scrypt of 2 GiB", "$scrypt$ln=20,r=16,p=1$" + SALT + "$" + DIGEST),
        Arguments.of(
            "spring scrypt N of 2^31",
            "{scrypt}$1f0801$8bWJaSu2IKSn9Z9kM+TPXfOc$OAOec05+bXxvuu/1qZ6NUR+xQYvYv7BeL1QxwRpY5Pc="),
        Arguments.of(
            "a hash of 5000 characters",
            "$argon2id$v=19$m=65536,t=2,p=1$" + "A".repeat(5000) + "$" + DIGEST));
  }

  // The timeout only turns a regression into a failure instead of a hang: without the caps
  // some of these would run for hours.
  @ParameterizedTest(name = "{0}")
  @MethodSource("overCap")
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aHashWhoseCostsExceedTheCapsIsRefusedBeforeAnyWork(String what, String hash) {
    assertThat(hasher.supports(hash)).isFalse();
    assertThatThrownBy(() -> hasher.verify(PASSWORD, hash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed ")
        .message()
        .satisfies(message -> assertRevealsNothing(message, hash));
  }

  @Test
  void theCapsAreNamedInTheError() {
    assertThatThrownBy(
            () ->
                hasher.verify(PASSWORD, "$argon2id$v=19$m=4194304,t=1,p=1$" + SALT + "$" + DIGEST))
        .hasMessageContaining("$argon2id$")
        .hasMessageContaining("1048576 KiB");
    assertThatThrownBy(
            () ->
                hasher.verify(
                    PASSWORD, "$2b$31$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG"))
        .hasMessageContaining("$2b$")
        .hasMessageContaining("4 to 18");
  }

  @Test
  void aMissingHashIsNotSupported() {
    assertThat(hasher.supports(null)).isFalse();
    assertThatThrownBy(() -> hasher.verify(PASSWORD, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hasher.needsRehash(null)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertRevealsNothing(String message, String hash) {
    assertThat(message).doesNotContain(PASSWORD);
    if (!hash.isEmpty()) {
      assertThat(message).doesNotContain(hash);
    }
    if (hash.startsWith("{") && hash.indexOf('}') > 0) {
      String value = hash.substring(hash.indexOf('}') + 1);
      if (value.length() >= 8) {
        assertThat(message).doesNotContain(value);
      }
    }
    String[] fields = hash.split("\\$");
    // the first two fields hold the scheme id (which the message names); the later ones hold
    // parameters, salts and digests, none of which may appear
    for (int i = 2; i < fields.length; i++) {
      if (fields[i].length() >= 8) {
        assertThat(message).doesNotContain(fields[i]);
      }
    }
  }
}
