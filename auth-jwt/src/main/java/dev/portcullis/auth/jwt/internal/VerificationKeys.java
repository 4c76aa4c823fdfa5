package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.KeySource;
import dev.portcullis.auth.jwt.TrustedIssuer;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the key a token names, in the namespace its use allows, and says in plain words why there
 * is none. Three namespaces: the published keys (access tokens), the never-published refresh-token
 * keys ({@code <kid>~r}, refresh tokens only) and the trusted issuer's shared secret (a token
 * without {@code kid}, or with the configured one). A refresh-token key is never found for an
 * access token and a published key never for a refresh token: such a token is refused with {@code
 * token_type} before its signature is checked. Only the inspector looks in every namespace.
 * Thread-safe; each {@link Lookup} serves one examination.
 */
public final class VerificationKeys {

  /** Where a token's key was found. */
  public enum Namespace {
    /** The published keys: a key ring's or a remote issuer's. */
    PUBLISHED,
    /** The never-published refresh-token keys. */
    REFRESH,
    /** The trusted issuer's shared secret. */
    TRUSTED
  }

  private enum Mode {
    ACCESS,
    REFRESH,
    INSPECT
  }

  private final KeySource keys;
  private final KeySource refreshKeys;
  private final TrustedIssuer trusted;
  private final boolean acceptHighS;

  /**
   * @param keys the published keys, which verify access tokens
   * @param refreshKeys the refresh-token keys, or null where refresh tokens cannot be verified
   * @param trusted the trusted external issuer, or null
   * @param acceptHighS whether ECDSA signatures under keys that are not a {@link KeyRing}'s may be
   *     in their high-s form
   */
  public VerificationKeys(
      KeySource keys, KeySource refreshKeys, TrustedIssuer trusted, boolean acceptHighS) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.refreshKeys = refreshKeys;
    this.trusted = trusted;
    this.acceptHighS = acceptHighS;
  }

  /** A lookup for an access token: published keys and the trusted issuer's. */
  public Lookup forAccess(Instant now) {
    return new Lookup(Mode.ACCESS, now);
  }

  /** A lookup for the refresh endpoint: refresh-token keys only. */
  public Lookup forRefresh(Instant now) {
    return new Lookup(Mode.REFRESH, now);
  }

  /** A lookup for the inspector: every namespace. */
  public Lookup forInspection(Instant now) {
    return new Lookup(Mode.INSPECT, now);
  }

  /** One examination's key lookup; remembers the namespace the key came from. */
  public final class Lookup implements JwsVerifier.KeyResolver {
    private final Mode mode;
    private final Instant now;
    private Namespace namespace;

    private Lookup(Mode mode, Instant now) {
      this.mode = mode;
      this.now = now;
    }

    /** Where the token's key was found, or null when it was not. */
    public Namespace namespace() {
      return namespace;
    }

    @Override
    public JwsVerifier.Resolved resolve(String kid) {
      return resolve(kid, Map.of());
    }

    @Override
    public JwsVerifier.Resolved resolve(String kid, Map<String, Object> header) {
      return mode == Mode.REFRESH ? refresh(kid, header) : access(kid, mode == Mode.INSPECT);
    }

    private JwsVerifier.Resolved refresh(String kid, Map<String, Object> header) {
      if (kid == null) {
        return JwsVerifier.Resolved.failed(
            TokenFailure.UNKNOWN_KEY,
            "The token names no key (no 'kid' header); refresh tokens issued here name their"
                + " refresh-token key.");
      }
      Optional<JwtKey> key = refreshKeys == null ? Optional.empty() : refreshKeys.find(kid);
      if (key.isPresent()) {
        namespace = Namespace.REFRESH;
        return retiredOr(key.get(), kid, now);
      }
      if (keys.find(kid).isPresent()) {
        return JwsVerifier.Resolved.failed(
            TokenFailure.TYPE,
            TokenTypes.REFRESH.equals(TokenTypes.normal(header.get("typ")))
                ? publishedKeyRefresh(kid)
                : "This is an access token (signed with the published key '"
                    + JwsVerifier.printable(kid)
                    + "'); only a refresh token can be exchanged for new tokens.");
      }
      String base = baseKeyId(kid);
      if (!base.equals(kid) && keys.find(base).isPresent()) {
        return JwsVerifier.Resolved.failed(
            TokenFailure.UNKNOWN_KEY,
            "The refresh token was MACed with the refresh-token key of '"
                + JwsVerifier.printable(base)
                + "', which this service cannot derive: it holds only the public half of '"
                + JwsVerifier.printable(base)
                + "' (auth.token.previous-key.public-key-file). Sign in again; to keep refresh"
                + " tokens across a rotation, give that setting the previous private key file.");
      }
      return JwsVerifier.Resolved.failed(
          TokenFailure.UNKNOWN_KEY,
          "The refresh token names kid '"
              + JwsVerifier.printable(kid)
              + "', which this service does not know (its refresh-token keys: "
              + (refreshKeys == null ? "none" : String.join(", ", refreshKeys.keyIds()))
              + ").");
    }

    private JwsVerifier.Resolved access(String kid, boolean inspecting) {
      if (kid == null) {
        if (trusted != null) {
          namespace = Namespace.TRUSTED;
          return JwsVerifier.Resolved.of(trusted.key());
        }
        return JwsVerifier.Resolved.failed(
            TokenFailure.UNKNOWN_KEY,
            "The token names no key (no 'kid' header); this service only accepts tokens signed"
                + " with a key it knows ("
                + String.join(", ", keys.keyIds())
                + ").");
      }
      Optional<JwtKey> key = keys.find(kid);
      if (key.isPresent()) {
        namespace = Namespace.PUBLISHED;
        JwsVerifier.Resolved r = retiredOr(key.get(), kid, now);
        return r.key() != null && acceptHighS && !(keys instanceof KeyRing)
            ? JwsVerifier.Resolved.acceptingHighS(r.key())
            : r;
      }
      if (trusted != null && trusted.key().keyId().equals(kid)) {
        namespace = Namespace.TRUSTED;
        return JwsVerifier.Resolved.of(trusted.key());
      }
      Optional<JwtKey> refresh = refreshKeys == null ? Optional.empty() : refreshKeys.find(kid);
      if (refresh.isPresent() && inspecting) {
        namespace = Namespace.REFRESH;
        return retiredOr(refresh.get(), kid, now);
      }
      if (refresh.isPresent() || kid.endsWith(JwtKey.REFRESH_KEY_SUFFIX)) {
        return inspecting
            ? JwsVerifier.Resolved.failed(
                TokenFailure.UNKNOWN_KEY,
                "The token names kid '"
                    + JwsVerifier.printable(kid)
                    + "', a refresh-token key: refresh tokens are MACed with a key the issuer never"
                    + " publishes, so only the issuer can verify them.")
            : JwsVerifier.Resolved.failed(
                TokenFailure.TYPE,
                "This is a refresh token (kid '"
                    + JwsVerifier.printable(kid)
                    + "' names a refresh-token key, which is never published); send the access"
                    + " token to APIs (a refresh token only goes to the refresh endpoint).");
      }
      return JwsVerifier.Resolved.failed(
          TokenFailure.UNKNOWN_KEY,
          "The token was signed with kid '"
              + JwsVerifier.printable(kid)
              + "', which this service does not know (it knows: "
              + String.join(", ", keys.keyIds())
              + (trusted != null ? ", and the trusted issuer's secret" : "")
              + ").");
    }
  }

  /** The id of the key a refresh-token key derives from. */
  static String baseKeyId(String refreshKeyId) {
    return refreshKeyId.endsWith(JwtKey.REFRESH_KEY_SUFFIX)
        ? refreshKeyId.substring(0, refreshKeyId.length() - JwtKey.REFRESH_KEY_SUFFIX.length())
        : refreshKeyId;
  }

  /** Why a refresh token signed with a published key (the format before the refresh keys) fails. */
  static String publishedKeyRefresh(String kid) {
    return "This refresh token is signed with key '"
        + JwsVerifier.printable(kid)
        + "', whose public half is published for access tokens (refresh tokens from before"
        + " they had a key of their own); it is refused, so that no refresh token can pass for"
        + " an access token anywhere. Sign in again to get a refresh token MACed with the"
        + " never-published refresh-token key '"
        + JwsVerifier.printable(kid)
        + JwtKey.REFRESH_KEY_SUFFIX
        + "'.";
  }

  private static JwsVerifier.Resolved retiredOr(JwtKey key, String kid, Instant now) {
    if (key.retiredAt(now)) {
      return JwsVerifier.Resolved.failed(
          TokenFailure.UNKNOWN_KEY,
          "The token was signed with key '"
              + JwsVerifier.printable(kid)
              + "', which retired at "
              + key.retireAt().orElseThrow()
              + "; tokens it signed are no longer accepted.");
    }
    return JwsVerifier.Resolved.of(key);
  }
}
