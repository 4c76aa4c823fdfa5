package dev.portcullis.auth.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.PasswordHasher;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keycloak password credentials, rewritten by {@link KeycloakCredentials}, verify with the hasher.
 * The PBKDF2 values were computed independently with Python's {@code hashlib.pbkdf2_hmac(digest,
 * password, bytes(range(16)), iterations, 64)}, the key length Keycloak writes; the argon2 values
 * are the reference implementation's (vectors/phc-winner-argon2, "password"/"somesalt") in
 * Keycloak's base64 fields.
 */
final class KeycloakCredentialsTest {
  private static final String PASSWORD = "Zażółć gęślą jaźń";
  private static final String SALT = "AAECAwQFBgcICQoLDA0ODw==";

  private final PasswordHasher hasher = PasswordHashers.create(HashingSettings.defaults());

  @ParameterizedTest(name = "{0}, {1} iterations, {2}")
  @CsvSource({
    "pbkdf2-sha256, 27500, Wbf+fER7VCj7uktT5hvsyW4yWAHrC1QjICIT7Jhsnl+dbwjx+FRdRFRuZiGMSQTHHNM/OrB1nkusZxSXtXWuMg==",
    "pbkdf2-sha512, 30000, kowvozL1AwtyiwmSCQVVwll5q0JEwzqnZGK9+76BZvmVih9WUjNzg6+cK31EwGJUyIOQIGpuPfICzgXYW7JkYg==",
    "pbkdf2, 20000, YjefXW5EbVFLnpW6PZFV2JE0N/+ZoOks+2s+h3zkxjFdETQgMgnIVZaLgzDDPuZGFPSKSMv6ISehC3sD5NVlsQ==",
    // Keycloak versions before 24 derived 256 bits with pbkdf2-sha256.
    "pbkdf2-sha256, 27500, Wbf+fER7VCj7uktT5hvsyW4yWAHrC1QjICIT7Jhsnl8="
  })
  void pbkdf2Credential_verifiesWithItsPassword_only(
      String algorithm, int iterations, String value) {
    String stored = KeycloakCredentials.toStoredHash(algorithm, iterations, SALT, value, Map.of());

    assertThat(stored).startsWith("$keycloak-" + algorithm + "$i=" + iterations + "$");
    assertThat(hasher.supports(stored)).isTrue();
    assertThat(hasher.verify(PASSWORD, stored)).isTrue();
    assertThat(hasher.verify(PASSWORD + "x", stored)).isFalse();
    assertThat(hasher.needsRehash(stored)).isTrue();
  }

  @ParameterizedTest(name = "argon2{0} v{1} m={2} p={3}")
  @CsvSource({
    "i, 1.3, 256, 2, T/XOJ2mh1/TIpJHfCdQan76Q5esCFVoT5MAeIM1Oq2E=",
    "id, 1.3, 65536, 1, CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc="
  })
  void argon2Credential_verifiesWithItsPassword_only(
      String type, String version, String memory, String parallelism, String value) {
    String stored =
        KeycloakCredentials.toStoredHash(
            "argon2",
            2,
            "c29tZXNhbHQ=",
            value,
            Map.of(
                "type", type,
                "version", version,
                "memory", memory,
                "parallelism", parallelism,
                "hashLength", "32"));

    assertThat(stored).startsWith("$keycloak-argon2" + type + "$v=19$m=" + memory + ",t=2,");
    assertThat(hasher.verify("password", stored)).isTrue();
    assertThat(hasher.verify("passwore", stored)).isFalse();
    assertThat(hasher.needsRehash(stored)).isTrue();
  }

  @Test
  void unknownAlgorithm_isRefusedNamingTheField() {
    assertThatThrownBy(() -> KeycloakCredentials.toStoredHash("bcrypt", 10, SALT, SALT, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentialData.algorithm");
  }

  @Test
  void malformedValue_isRefusedWithoutQuotingIt() {
    assertThatThrownBy(
            () ->
                KeycloakCredentials.toStoredHash(
                    "pbkdf2-sha256", 27500, SALT, "not*base64", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secretData.value is not base64");
  }

  @Test
  void argon2HashLengthThatDiffersFromTheValue_isRefused() {
    assertThatThrownBy(
            () ->
                KeycloakCredentials.toStoredHash(
                    "argon2",
                    2,
                    "c29tZXNhbHQ=",
                    "T/XOJ2mh1/TIpJHfCdQan76Q5esCFVoT5MAeIM1Oq2E=",
                    Map.of("memory", "256", "parallelism", "2", "hashLength", "64")))
        .hasMessageContaining("hashLength");
  }

  @Test
  void tamperedIterations_areCappedLikeAnyStoredHash() {
    String stored =
        KeycloakCredentials.toStoredHash(
            "pbkdf2-sha256",
            2_000_000_000L,
            SALT,
            "AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8=",
            Map.of());
    assertThat(hasher.supports(stored)).isFalse();
  }
}
