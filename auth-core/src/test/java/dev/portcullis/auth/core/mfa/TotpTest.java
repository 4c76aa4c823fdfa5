package dev.portcullis.auth.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.core.mfa.internal.Base32;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

final class TotpTest {

  static Stream<String[]> vectors() throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = TotpTest.class.getResourceAsStream("/mfa/otp-vectors.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.trim().split("\\s+"));
        }
      }
    }
    assertThat(rows).hasSize(28);
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1} {3}")
  @MethodSource("vectors")
  void rfc4226AppendixD_and_rfc6238AppendixB(
      String kind, String algorithm, String secret, String at, String digits, String expected) {
    byte[] key = secret.getBytes(StandardCharsets.US_ASCII);
    long counter =
        kind.equals("hotp")
            ? Long.parseLong(at)
            : Totp.step(Instant.ofEpochSecond(Long.parseLong(at)));

    assertThat(Totp.hotp(algorithm, key, counter, Integer.parseInt(digits))).isEqualTo(expected);
  }

  @Test
  void code_isTheLastSixDigitsOfTheEightDigitVector() {
    byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    assertThat(Totp.code(key, Totp.step(Instant.ofEpochSecond(1111111109L)))).isEqualTo("081804");
  }

  @Test
  void match_acceptsOneStepEitherSideAndNoMore() {
    byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    long step = 40_000_000L;
    String code = Totp.code(key, step);
    Instant start = Instant.ofEpochSecond(step * 30);

    assertThat(Totp.match(key, code, start.minusSeconds(30))).isEqualTo(step);
    assertThat(Totp.match(key, code, start.minusSeconds(31))).isEqualTo(-1);
    assertThat(Totp.match(key, code, start.plusSeconds(59))).isEqualTo(step);
    assertThat(Totp.match(key, code, start.plusSeconds(60))).isEqualTo(-1);
  }

  @Test
  void match_withWindowZero_acceptsACodeOnlyDuringItsOwnThirtySeconds() {
    byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    long step = 40_000_000L;
    String code = Totp.code(key, step);
    Instant start = Instant.ofEpochSecond(step * 30);

    assertThat(Totp.match(key, code, start, 0)).isEqualTo(step);
    assertThat(Totp.match(key, code, start.plusSeconds(29), 0)).isEqualTo(step);
    assertThat(Totp.match(key, code, start.minusSeconds(1), 0)).isEqualTo(-1);
    assertThat(Totp.match(key, code, start.plusSeconds(30), 0)).isEqualTo(-1);
  }

  @Test
  void match_refusesMalformedCodes() {
    byte[] key = new byte[20];
    Instant now = Instant.ofEpochSecond(1_700_000_000L);

    assertThat(Totp.match(key, null, now)).isEqualTo(-1);
    assertThat(Totp.match(key, "12345", now)).isEqualTo(-1);
    assertThat(Totp.match(key, "12345a", now)).isEqualTo(-1);
    assertThat(Totp.match(key, "1234567", now)).isEqualTo(-1);
  }

  /**
   * Debian's oathtool (an independent implementation) computes the same codes for random seeds. CI
   * installs it ({@code .ci/run}); a machine without it fails this test, saying how to install it.
   */
  @Test
  void oathtool_agreesOnRandomSeedsAndTimes() throws Exception {
    boolean present =
        Stream.of(System.getenv("PATH").split(File.pathSeparator))
            .anyMatch(dir -> new File(dir, "oathtool").canExecute());
    // Never skipped: a machine without it fails here, saying how to install it.
    assertThat(present)
        .as("oathtool on the PATH: apt-get install oathtool (.ci/run installs it)")
        .isTrue();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 5; i++) {
      byte[] seed = new byte[Totp.SEED_BYTES];
      random.nextBytes(seed);
      long epoch = 1_500_000_000L + random.nextInt(500_000_000);
      Process p =
          new ProcessBuilder(
                  "oathtool", "--totp", "--base32", Base32.encode(seed), "--now", "@" + epoch)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();

      assertThat(Totp.code(seed, Totp.step(Instant.ofEpochSecond(epoch)))).isEqualTo(out);
    }
  }

  @Test
  void base32_roundTripsAndMatchesRfc4648() {
    assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    assertThat(Base32.decode("mzxw6ytboi======"))
        .isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
  }
}
