package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stored OAuth authorization code and what it was issued for. Only the SHA-256 of the code is
 * stored; the code itself exists only in the redirect to the client.
 *
 * @param codeHash lower-case hex SHA-256 of the code
 * @param clientId the client it was issued to
 * @param redirectUri the redirect URI of the authorization request, compared exactly at redemption
 * @param codeChallenge the PKCE {@code S256} challenge: unpadded base64url of a SHA-256, 43
 *     characters
 * @param scope the granted scope tokens (RFC 6749 section 3.3), possibly empty
 * @param nonce the OpenID Connect nonce of the request, or null
 * @param userId the user who authorized it
 * @param sessionId the session it belongs to, which a replay revokes, or {@link
 *     #SESSION_AT_REDEMPTION} while the session is started only when the code is redeemed
 * @param authTime when the user last authenticated
 * @param credentialsVersion the user's {@link StoredUser#credentialsVersion()} when it was issued
 * @param createdAt when it was issued
 * @param expiresAt when it stops working
 * @param amr how the user authenticated (RFC 8176), in order, for example {@code ["pwd"]} or {@code
 *     ["pwd", "otp"]}: the {@code amr} of the tokens the code is redeemed for
 */
public record AuthorizationCode(
    String codeHash,
    String clientId,
    String redirectUri,
    String codeChallenge,
    Set<String> scope,
    String nonce,
    String userId,
    String sessionId,
    Instant authTime,
    long credentialsVersion,
    Instant createdAt,
    Instant expiresAt,
    List<String> amr) {

  /** The {@link #amr} of a password login (RFC 8176). */
  public static final List<String> PASSWORD_AMR = List.of("pwd");

  private static final Pattern AMR_VALUE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /**
   * The {@link #sessionId} of a code whose session starts at its redemption; {@code
   * AuthorizationCodeStore.attachSession} then records the real one.
   */
  public static final String SESSION_AT_REDEMPTION = "-";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  public AuthorizationCode {
    Objects.requireNonNull(codeHash, "codeHash");
    if (!SHA256_HEX.matcher(codeHash).matches()) {
      throw new IllegalArgumentException("codeHash must be 64 lower-case hex digits (SHA-256)");
    }
    notBlank(clientId, "clientId");
    notBlank(redirectUri, "redirectUri");
    Objects.requireNonNull(codeChallenge, "codeChallenge");
    if (!S256_CHALLENGE.matcher(codeChallenge).matches()) {
      throw new IllegalArgumentException(
          "codeChallenge must be an S256 challenge: 43 base64url characters");
    }
    scope = Set.copyOf(Objects.requireNonNull(scope, "scope"));
    for (String token : scope) {
      if (!SCOPE_TOKEN.matcher(token).matches()) {
        throw new IllegalArgumentException("scope tokens must be printable ASCII without space");
      }
    }
    if (nonce != null) {
      notBlank(nonce, "nonce");
    }
    notBlank(userId, "userId");
    notBlank(sessionId, "sessionId");
    Objects.requireNonNull(authTime, "authTime");
    if (credentialsVersion < 0) {
      throw new IllegalArgumentException("credentialsVersion must be at least 0");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expiresAt must be after createdAt");
    }
    amr = List.copyOf(Objects.requireNonNull(amr, "amr"));
    if (amr.isEmpty() || !amr.stream().allMatch(a -> AMR_VALUE.matcher(a).matches())) {
      throw new IllegalArgumentException("amr must hold 1 or more RFC 8176 values such as pwd");
    }
  }

  /** A code of a password login ({@link #PASSWORD_AMR}). */
  public AuthorizationCode(
      String codeHash,
      String clientId,
      String redirectUri,
      String codeChallenge,
      Set<String> scope,
      String nonce,
      String userId,
      String sessionId,
      Instant authTime,
      long credentialsVersion,
      Instant createdAt,
      Instant expiresAt) {
    this(
        codeHash,
        clientId,
        redirectUri,
        codeChallenge,
        scope,
        nonce,
        userId,
        sessionId,
        authTime,
        credentialsVersion,
        createdAt,
        expiresAt,
        PASSWORD_AMR);
  }

  /** Whether the session of this code is known (not {@link #SESSION_AT_REDEMPTION}). */
  public boolean hasSession() {
    return !SESSION_AT_REDEMPTION.equals(sessionId);
  }

  /** This code with {@code sessionId} as its session. */
  public AuthorizationCode withSession(String sessionId) {
    return new AuthorizationCode(
        codeHash,
        clientId,
        redirectUri,
        codeChallenge,
        scope,
        nonce,
        userId,
        sessionId,
        authTime,
        credentialsVersion,
        createdAt,
        expiresAt,
        amr);
  }

  private static void notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** The code's fields without its nonce, which a log line must not carry. */
  @Override
  public String toString() {
    return "AuthorizationCode[codeHash=<redacted>, clientId="
        + clientId
        + ", redirectUri="
        + redirectUri
        + ", scope="
        + scope
        + ", userId="
        + userId
        + ", sessionId="
        + sessionId
        + ", credentialsVersion="
        + credentialsVersion
        + ", amr="
        + amr
        + ", createdAt="
        + createdAt
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
