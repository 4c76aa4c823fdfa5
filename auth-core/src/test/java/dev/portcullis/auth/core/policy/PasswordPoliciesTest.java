package dev.portcullis.auth.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.model.PasswordContext;
import dev.portcullis.auth.api.model.PasswordViolation;
import dev.portcullis.auth.core.hash.HashAlgorithm;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.Pepper;
import dev.portcullis.auth.core.settings.PasswordPolicySettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class PasswordPoliciesTest {
  private final PasswordPolicy nist = PasswordPolicies.nistDefaults();
  private final PasswordContext alice =
      new PasswordContext(
          "alice.liddell@example.com", "alice.liddell@example.com", "Alice Liddell");

  private static List<String> codes(List<PasswordViolation> v) {
    return v.stream().map(PasswordViolation::code).toList();
  }

  @Test
  void nist_acceptsALongPassphraseOfAnyCharacters() {
    assertThat(nist.check("correct horse battery staple", alice)).isEmpty();
    assertThat(nist.check("мой пароль очень длинный", alice)).isEmpty();
    assertThat(nist.check("🦊🦊🦊 fox in the snow 🦊", alice)).isEmpty();
  }

  @Test
  void nist_countsCodePointsNotUtf16Units() {
    // 11 emoji are 22 UTF-16 units but 11 characters: too short.
    assertThat(codes(nist.check("🦊".repeat(11), PasswordContext.none()))).contains("too_short");
    assertThat(nist.check("🦊".repeat(12), PasswordContext.none())).isEmpty();
    assertThat(codes(nist.check("🦊".repeat(129), PasswordContext.none())))
        .containsExactly("too_long");
  }

  @Test
  void nist_refusesTooLongWithoutTruncating() {
    assertThat(codes(nist.check("a long passphrase ".repeat(8), PasswordContext.none())))
        .containsExactly("too_long");
  }

  @ParameterizedTest
  @ValueSource(strings = {"123qweasdzxc", "QWERTY123456", "leavemealone", "1Qaz2wsx3edc"})
  void nist_refusesCommonPasswordsInAnyCase(String common) {
    // Each is at least 12 characters, so only the common-list rule can refuse it.
    assertThat(codes(nist.check(common, PasswordContext.none())))
        .containsExactly("common_password");
  }

  @Test
  void nist_refusesPasswordsContainingTheAccountsOwnWords() {
    assertThat(codes(nist.check("my name is liddell, ok?", alice)))
        .contains("contains_personal_info");
    assertThat(codes(nist.check("xx alice.liddell xx", alice))).contains("contains_personal_info");
    assertThat(codes(nist.check("ALICE in wonderland 1865", alice)))
        .contains("contains_personal_info");
  }

  @Test
  void everyViolation_comesBackAtOnceWithReadableMessages() {
    PasswordPolicy strict =
        PasswordPolicies.configured(
            new PasswordPolicySettings(
                12, 64, true, true, true, true, List.of("acme"), true, true));

    List<PasswordViolation> v = strict.check("acme", alice);

    assertThat(codes(v))
        .containsExactly(
            "too_short", "missing_uppercase", "missing_digit", "missing_special", "banned_pattern");
    assertThat(v).allSatisfy(x -> assertThat(x.message()).endsWith(".").doesNotContain("acme"));
  }

  @Test
  void compositionRules_passWhenMet() {
    PasswordPolicy strict =
        PasswordPolicies.configured(
            new PasswordPolicySettings(12, 64, true, true, true, true, List.of(), true, true));

    assertThat(strict.check("Tr0ub4dor & 3 more", PasswordContext.none())).isEmpty();
  }

  @Test
  void violations_neverQuoteThePassword() {
    String secret = "alice-secret";
    assertThat(nist.check(secret, alice))
        .allSatisfy(x -> assertThat(x.message()).doesNotContain(secret));
  }

  @Test
  void forHasher_bcryptRefusesOver72Utf8BytesAndKeepsTheOtherViolations() {
    PasswordPolicy bcrypt =
        PasswordPolicies.forHasher(
            nist, HashingSettings.defaults().withAlgorithm(HashAlgorithm.BCRYPT));

    assertThat(bcrypt.check("x7!".repeat(24), PasswordContext.none())).isEmpty(); // 72 bytes
    assertThat(codes(bcrypt.check("x7!".repeat(24) + "y", PasswordContext.none())))
        .containsExactly("too_long_for_hasher");
    assertThat(codes(bcrypt.check("🦊".repeat(19), PasswordContext.none())))
        .as("19 characters, 76 bytes")
        .containsExactly("too_long_for_hasher");
    assertThat(codes(bcrypt.check("liddell-" + "z9".repeat(40), alice)))
        .containsExactly("contains_personal_info", "too_long_for_hasher");
  }

  @Test
  void forHasher_argon2AndPepperedBcryptHaveNoByteLimit() {
    String long86 = "a long passphrase, ".repeat(5).substring(0, 86);
    assertThat(PasswordPolicies.forHasher(nist, HashingSettings.defaults()).check(long86, alice))
        .isEmpty();
    HashingSettings pepperedBcrypt =
        HashingSettings.defaults()
            .withAlgorithm(HashAlgorithm.BCRYPT)
            .withPepper(
                Pepper.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    assertThat(PasswordPolicies.forHasher(nist, pepperedBcrypt).check(long86, alice)).isEmpty();
  }

  @Test
  void forHasher_refusesTextWithoutAUtf8Form() {
    PasswordPolicy any = PasswordPolicies.forHasher(nist, HashingSettings.defaults());

    assertThat(codes(any.check("correct horse \uDC00 staple", alice)))
        .containsExactly("invalid_characters");
  }
}
