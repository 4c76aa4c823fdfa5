package dev.portcullis.auth.core.mfa;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.SecondFactor;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Enrolment;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.core.mfa.internal.Base32;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TOTP as a {@link SecondFactor}: 20-byte seeds from {@link SecureRandom}, encrypted at rest by a
 * {@link SeedCipher}; codes per {@link Totp}; each step accepted at most once per credential
 * through {@link FactorStore#useStep}, so a replayed code is refused (ASVS 5.0 6.5.1); wrong codes
 * counted by {@link MfaAttempts}. Thread-safe.
 */
public final class TotpFactor implements SecondFactor {
  private static final Logger log = LoggerFactory.getLogger(TotpFactor.class);

  /** The factor type. */
  public static final String TYPE = "totp";

  private final FactorStore factors;
  private final SeedCipher cipher;
  private final MfaAttempts attempts;
  private final String issuer;
  private final Clock clock;
  private final SecureRandom random;
  private final int window;

  /** TOTP with the default window of one step either side ({@link Totp#WINDOW}). */
  public TotpFactor(
      FactorStore factors,
      SeedCipher cipher,
      MfaAttempts attempts,
      String issuer,
      Clock clock,
      SecureRandom random) {
    this(factors, cipher, attempts, issuer, clock, random, Totp.WINDOW);
  }

  /** TOTP accepting codes {@code window} (0 or 1) steps either side of the current one. */
  public TotpFactor(
      FactorStore factors,
      SeedCipher cipher,
      MfaAttempts attempts,
      String issuer,
      Clock clock,
      SecureRandom random,
      int window) {
    if (window < 0 || window > 1) {
      throw new IllegalArgumentException("window must be 0 or 1");
    }
    this.window = window;
    this.factors = Objects.requireNonNull(factors, "factors");
    this.cipher = Objects.requireNonNull(cipher, "cipher");
    this.attempts = Objects.requireNonNull(attempts, "attempts");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String amr() {
    return "otp";
  }

  /**
   * A new pending seed: details {@code secret} (base32), {@code otpauth_uri} and {@code qr_svg}.
   */
  @Override
  public Result<Enrolment> enrol(User user) {
    Objects.requireNonNull(user, "user");
    byte[] seed = new byte[Totp.SEED_BYTES];
    random.nextBytes(seed);
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    FactorCredential pending =
        FactorCredential.pending(
            HexFormat.of().formatHex(idBytes),
            user.id(),
            TYPE,
            cipher.encrypt(user.id(), seed),
            clock.instant());
    if (!factors.savePending(pending)) {
      if (!active(user.id())) {
        // A concurrent first enrolment stored its seed first: this one's seed is nowhere.
        return Result.err(AuthError.of(ErrorKind.MFA_ENROLMENT_CONFLICT));
      }
      return Result.err(
          new AuthError.InvalidRequest(
              "totp", "is already active for this account; remove it before enrolling again"));
    }
    String secret = Base32.encode(seed);
    Arrays.fill(seed, (byte) 0);
    String uri = otpauthUri(issuer, label(user), secret);
    return Result.ok(
        new Enrolment(
            TYPE, Map.of("secret", secret, "otpauth_uri", uri, "qr_svg", QrCodes.svg(uri))));
  }

  /**
   * The Key Uri Format of authenticator apps: {@code otpauth://totp/Issuer:account?secret=..&
   * issuer=..&algorithm=SHA1&digits=6&period=30}.
   */
  public static String otpauthUri(String issuer, String account, String secret) {
    return "otpauth://totp/"
        + encode(issuer)
        + ":"
        + encode(account)
        + "?secret="
        + secret
        + "&issuer="
        + encode(issuer)
        + "&algorithm=SHA1&digits="
        + Totp.DIGITS
        + "&period="
        + Totp.STEP_SECONDS;
  }

  private static String label(User user) {
    return user.email() != null && !user.email().isBlank() ? user.email() : user.identifier();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Activates the pending seed with its first code; the code's step counts as used. */
  @Override
  public Result<FactorCredential> confirm(String userId, String response) {
    Optional<FactorCredential> found = factors.find(userId, TYPE).filter(c -> !c.active());
    if (found.isEmpty()) {
      return Result.err(AuthError.of(ErrorKind.MFA_NOT_ENROLLED));
    }
    FactorCredential c = found.get();
    Optional<byte[]> seed = seed(c);
    if (seed.isEmpty()) {
      return Result.err(AuthError.of(ErrorKind.MFA_SEED_UNREADABLE));
    }
    Instant now = clock.instant();
    Result<Void> checked =
        attempts.check(
            userId,
            () -> {
              long step = match(seed.get(), response, now);
              return step >= 0 && factors.activate(c.id(), step, now);
            });
    Arrays.fill(seed.get(), (byte) 0);
    return checked.map(ignored -> factors.find(userId, TYPE).orElseThrow());
  }

  @Override
  public Result<Map<String, Object>> challenge(String userId) {
    // The authenticator app holds all it needs; nothing to send.
    return Result.ok(Map.of());
  }

  /**
   * Checks a code of the active seed: right, within one step of now, and of a step later than the
   * last accepted one (compare-and-set in the store, so of two logins with one code, one wins).
   */
  @Override
  public Result<Void> verify(String userId, String response) {
    Optional<FactorCredential> found = factors.find(userId, TYPE).filter(FactorCredential::active);
    if (found.isEmpty()) {
      return Result.err(AuthError.of(ErrorKind.MFA_NOT_ENROLLED));
    }
    FactorCredential c = found.get();
    Optional<byte[]> seed = seed(c);
    if (seed.isEmpty()) {
      return Result.err(AuthError.of(ErrorKind.MFA_SEED_UNREADABLE));
    }
    Instant now = clock.instant();
    Result<Void> checked =
        attempts.check(
            userId,
            () -> {
              long step = match(seed.get(), response, now);
              return step >= 0 && factors.useStep(c.id(), step);
            });
    if (checked.isOk() && cipher.needsReencryption(c.secret())) {
      factors.replaceSecret(c.id(), c.secret(), cipher.encrypt(c.userId(), seed.get()));
    }
    Arrays.fill(seed.get(), (byte) 0);
    return checked;
  }

  /** Whether the user has an active TOTP credential. */
  public boolean active(String userId) {
    return factors.find(userId, TYPE).map(FactorCredential::active).orElse(false);
  }

  /**
   * The credential's seed, or empty (logged, without the secret) when no configured key decrypts
   * it: {@code mfa_seed_unreadable}, an operator's problem, not a wrong code.
   */
  private Optional<byte[]> seed(FactorCredential c) {
    Optional<byte[]> seed = cipher.decrypt(c.userId(), c.secret());
    if (seed.isEmpty()) {
      log.error(
          "the TOTP seed of credential {} (user {}) does not decrypt under {} or {} ({}, {}):"
              + " restore the key it was made under, or reset the user's MFA ('user mfa-reset')",
          c.id(),
          c.userId(),
          MfaSettings.KEY,
          MfaSettings.PREVIOUS_KEY,
          "AUTH_MFA_ENCRYPTION_KEY",
          "AUTH_MFA_PREVIOUS_ENCRYPTION_KEY");
    }
    return seed;
  }

  private long match(byte[] seed, String response, Instant now) {
    String code = response == null ? null : response.replace(" ", "").strip();
    return Totp.match(seed, code, now, window);
  }

  @Override
  public Result<Boolean> revoke(String userId) {
    return Result.ok(factors.delete(userId, TYPE));
  }

  @Override
  public List<FactorCredential> list(String userId) {
    return factors.list(userId).stream().filter(c -> c.type().equals(TYPE)).toList();
  }
}
