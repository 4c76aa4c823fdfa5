package dev.portcullis.auth.jwt;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.jwt.internal.JwtSettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated token settings ({@code auth.token.*}), read once at start-up by {@link
 * PortcullisSettings#load}. See {@code reference.conf} for every key, its default and its
 * environment variable. The signing keys are described, not loaded: {@link JwtModule} loads them
 * once, when the injector is built.
 *
 * @param issuer the {@code iss} of tokens issued here, and the one required when verifying
 * @param audiences the audience allow-list; the first is written into access tokens. Empty means no
 *     audience (development and test only)
 * @param signingKeys where the signing and verifying keys come from, or null when this service only
 *     verifies through {@code remoteJwks}
 * @param accessTokenTtl lifetime of access tokens
 * @param refreshTokenTtl lifetime of refresh tokens (and of an idle session)
 * @param leeway clock skew tolerated on exp, nbf and iat, at most {@link JwtVerifier#MAX_LEEWAY}
 * @param maxTokenSize longest accepted token, in characters
 * @param verifyCacheSize how many verified tokens to remember; 0 disables the cache
 * @param remoteJwks where keys come from when this service only verifies, or null
 * @param trustedIssuer a trusted external issuer, or null
 * @param warnings what development filled in, for the start-up log
 */
public record JwtSettings(
    String issuer,
    List<String> audiences,
    SigningKeys signingKeys,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Duration leeway,
    int maxTokenSize,
    int verifyCacheSize,
    RemoteJwksSettings remoteJwks,
    TrustedIssuer trustedIssuer,
    List<String> warnings) {

  /** The longest access-token lifetime staging and production accept. */
  public static final Duration MAX_STRICT_ACCESS_TOKEN_TTL = Duration.ofHours(1);

  /** The longest refresh-token lifetime (and idle session) staging and production accept. */
  public static final Duration MAX_STRICT_REFRESH_TOKEN_TTL = Duration.ofDays(90);

  /** The largest leeway accepted: {@link JwtVerifier#MAX_LEEWAY}. */
  public static final Duration MAX_LEEWAY = JwtVerifier.MAX_LEEWAY;

  /** The key id of the configured key when {@code auth.token.key-id} is not set (HS*). */
  public static final String DEFAULT_KEY_ID = "default";

  /** The key id of the previous key when {@code auth.token.previous-key.key-id} is not set. */
  public static final String DEFAULT_PREVIOUS_KEY_ID = "previous";

  /**
   * Where a verify-only service fetches the issuer's keys.
   *
   * @param url the JWKS URL
   * @param cacheTtl how long a fetched key set is used
   * @param refetchInterval the least time between two fetches
   * @param timeout connect and request timeout
   * @param acceptHighS whether the issuer's ECDSA signatures may be in their high-s form (an issuer
   *     that does not normalise s; Portcullis always does)
   */
  public record RemoteJwksSettings(
      URI url, Duration cacheTtl, Duration refetchInterval, Duration timeout, boolean acceptHighS) {
    public RemoteJwksSettings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(cacheTtl, "cacheTtl");
      Objects.requireNonNull(refetchInterval, "refetchInterval");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  public JwtSettings {
    Objects.requireNonNull(issuer, "issuer");
    audiences = List.copyOf(audiences);
    if ((signingKeys == null) == (remoteJwks == null)) {
      throw new IllegalArgumentException("either signing keys or a remote JWKS is needed");
    }
    Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
    Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
    JwtVerifier.checkLeeway(leeway);
    JwtVerifier.checkMaxTokenSize(maxTokenSize);
    JwtVerifier.checkCacheSize(verifyCacheSize);
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads {@code auth.token.*} (and {@code auth.environment}) from {@code config} once. With other
   * modules, read every area at once with {@link PortcullisSettings#load} instead.
   *
   * @throws ConfigurationException listing every problem
   */
  public static JwtSettings load(Config config) {
    SettingsReader reader = new SettingsReader(config);
    Optional<JwtSettings> settings = reader.read(JwtSettingsReader::read);
    reader.throwIfProblems();
    return settings.orElseThrow();
  }

  /** The signing keys, unless this service only verifies. */
  public Optional<SigningKeys> signing() {
    return Optional.ofNullable(signingKeys);
  }

  /** The remote key set, when this service only verifies. */
  public Optional<RemoteJwksSettings> remote() {
    return Optional.ofNullable(remoteJwks);
  }

  /** The trusted external issuer, if configured. */
  public Optional<TrustedIssuer> trusted() {
    return Optional.ofNullable(trustedIssuer);
  }

  /** Whether this service only verifies (keys from a remote JWKS, no issuing). */
  public boolean verifyOnly() {
    return signingKeys == null;
  }

  /** These settings with a key ring built in code (for rotation, or keys from elsewhere). */
  public JwtSettings withKeyRing(KeyRing ring) {
    return withSigningKeys(new SigningKeys.Ready(ring));
  }

  /** These settings with other signing keys (and no remote JWKS). */
  public JwtSettings withSigningKeys(SigningKeys keys) {
    return new JwtSettings(
        issuer,
        audiences,
        Objects.requireNonNull(keys, "keys"),
        accessTokenTtl,
        refreshTokenTtl,
        leeway,
        maxTokenSize,
        verifyCacheSize,
        null,
        trustedIssuer,
        warnings);
  }

  /** These settings with a trusted issuer profile (or none, with null). */
  public JwtSettings withTrustedIssuer(TrustedIssuer trusted) {
    return new JwtSettings(
        issuer,
        audiences,
        signingKeys,
        accessTokenTtl,
        refreshTokenTtl,
        leeway,
        maxTokenSize,
        verifyCacheSize,
        remoteJwks,
        trusted,
        warnings);
  }

  @Override
  public String toString() {
    return "JwtSettings[issuer="
        + issuer
        + ", audiences="
        + audiences
        + ", keys="
        + (signingKeys == null ? "remote" : signingKeys.getClass().getSimpleName())
        + ", accessTokenTtl="
        + accessTokenTtl
        + ", refreshTokenTtl="
        + refreshTokenTtl
        + ", leeway="
        + leeway
        + ", remoteJwks="
        + remoteJwks
        + ", trustedIssuer="
        + trustedIssuer
        + "]";
  }
}
