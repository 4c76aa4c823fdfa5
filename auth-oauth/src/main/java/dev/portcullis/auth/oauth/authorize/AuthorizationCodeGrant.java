package dev.portcullis.auth.oauth.authorize;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.AuthorizationCode;
import dev.portcullis.auth.api.model.CodeRedemption;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.jwt.IdTokens;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code authorization_code} grant at the token endpoint (RFC 6749 section 4.1.3, RFC 7636
 * section 4.6), for an already authenticated client. In order: {@code code}, {@code redirect_uri}
 * and {@code code_verifier} are required ({@code invalid_request}; a verifier is 43 to 128
 * unreserved characters); the code is consumed atomically; an unknown or expired code is {@code
 * invalid_grant}; a replayed code is {@code invalid_grant} and revokes the session its first
 * redemption started, with its refresh tokens and access tokens (RFC 6749 section 4.1.2, ASVS 5.0
 * 10.4.2); a code of another client, another redirect URI or whose challenge the verifier does not
 * meet is {@code invalid_grant} (and spent). Then the session starts ({@link OAuthTokens#forUser},
 * with the code's {@code amr} ({@code ["pwd"]}, or {@code ["pwd","otp"]} after a second factor), in
 * the tokens and the ID token, a public client's session limited to {@code
 * auth.oauth.public-client-absolute-lifetime}), its id is recorded with the code ({@link
 * AuthorizationCodeStore#attachSession}), and an ID token is added for the {@code openid} scope.
 *
 * <p>If a replay arrives between the redemption and the recording of the session, the replay cannot
 * revoke it; the recording then fails and this redemption ends the session itself: its caller gets
 * tokens that no longer work. Thread-safe.
 */
public final class AuthorizationCodeGrant {
  private static final Logger log = LoggerFactory.getLogger(AuthorizationCodeGrant.class);

  /** RFC 7636 section 4.1: 43 to 128 of ALPHA / DIGIT / "-" / "." / "_" / "~". */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** The authentication methods of a password login (RFC 8176). */
  public static final List<String> AMR = List.of("pwd");

  private final AuthorizationCodeStore codes;
  private final UserStore users;
  private final OAuthTokens tokens;
  private final TokenService sessions;
  private final IdTokens idTokens;
  private final OAuthSettings settings;
  private final Clock clock;

  public AuthorizationCodeGrant(
      AuthorizationCodeStore codes,
      UserStore users,
      OAuthTokens tokens,
      TokenService sessions,
      IdTokens idTokens,
      OAuthSettings settings,
      Clock clock) {
    this.codes = Objects.requireNonNull(codes, "codes");
    this.users = Objects.requireNonNull(users, "users");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.idTokens = Objects.requireNonNull(idTokens, "idTokens");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What the grant produced: the tokens and, for {@code openid}, the ID token. */
  public record Granted(OAuthTokens.GrantedTokens tokens, String idToken) {
    @Override
    public String toString() {
      return "Granted[" + tokens + ", idToken=" + (idToken == null ? "none" : "present") + "]";
    }
  }

  /**
   * Redeems {@code code} for {@code client}.
   *
   * @param audience the {@code aud} of the access token
   */
  public Result<Granted> redeem(
      AuthenticatedClient client,
      Optional<String> code,
      Optional<String> redirectUri,
      Optional<String> codeVerifier,
      List<String> audience) {
    if (code.isEmpty()) {
      return Result.err(new AuthError.InvalidRequest("code", "is missing"));
    }
    if (redirectUri.isEmpty()) {
      return Result.err(
          new AuthError.InvalidRequest(
              "redirect_uri", "is missing; send the redirect_uri of the authorization request"));
    }
    if (codeVerifier.isEmpty()) {
      return Result.err(
          new AuthError.InvalidRequest("code_verifier", "is missing; PKCE is required"));
    }
    if (!VERIFIER.matcher(codeVerifier.get()).matches()) {
      return Result.err(
          new AuthError.InvalidRequest(
              "code_verifier",
              "must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 section 4.1)"));
    }
    if (!CODE.matcher(code.get()).matches()) {
      return Result.err(refused("The authorization code is not one this server issued."));
    }
    String hash = Randoms.sha256Hex(code.get());
    CodeRedemption redemption = codes.consume(hash, clock.instant());
    if (redemption instanceof CodeRedemption.Invalid) {
      return Result.err(refused("The authorization code is unknown or has expired."));
    }
    if (redemption instanceof CodeRedemption.Replayed replayed) {
      AuthorizationCode used = replayed.code();
      if (used.hasSession()) {
        sessions.revokeSession(used.userId(), used.sessionId());
      }
      log.warn(
          "authorization code of client {} presented again: the session it started is revoked",
          used.clientId());
      return Result.err(
          refused("The authorization code was already used; the tokens it produced are revoked."));
    }
    AuthorizationCode redeemed = ((CodeRedemption.Redeemed) redemption).code();
    if (!redeemed.clientId().equals(client.clientId())) {
      return Result.err(refused("The authorization code was issued to another client."));
    }
    if (!redeemed.redirectUri().equals(redirectUri.get())) {
      return Result.err(refused("redirect_uri differs from the one of the authorization request."));
    }
    if (!Randoms.constantTimeEquals(Randoms.s256(codeVerifier.get()), redeemed.codeChallenge())) {
      return Result.err(refused("code_verifier does not match the code_challenge (PKCE S256)."));
    }
    Optional<StoredUser> user = users.findById(redeemed.userId());
    if (user.isEmpty()) {
      return Result.err(refused("The user of this authorization code no longer exists."));
    }
    Authentication authentication =
        new Authentication(
            user.get().user(), redeemed.credentialsVersion(), redeemed.authTime(), null, null);
    Duration absolute =
        client.client().type() == OAuthClient.Type.PUBLIC
            ? settings.publicClientAbsoluteLifetime()
            : null;
    OAuthTokens.Grant grant = new OAuthTokens.Grant(client.clientId(), redeemed.scope(), audience);
    return tokens
        .forUser(authentication, grant, redeemed.amr(), absolute)
        .flatMap(
            granted -> {
              if (!codes.attachSession(hash, granted.sessionId(), clock.instant())) {
                // A replay came first and could not revoke a session it did not know of.
                sessions.revokeSession(redeemed.userId(), granted.sessionId());
                log.warn(
                    "authorization code of client {} replayed during its redemption: session"
                        + " revoked",
                    client.clientId());
              }
              if (!redeemed.scope().contains("openid")) {
                return Result.ok(new Granted(granted, null));
              }
              return idTokens
                  .issue(
                      new IdTokens.Claims(
                          redeemed.userId(),
                          client.clientId(),
                          redeemed.authTime(),
                          redeemed.nonce(),
                          redeemed.amr(),
                          granted.sessionId()))
                  .map(idToken -> new Granted(granted, idToken));
            });
  }

  private static AuthError refused(String message) {
    return new AuthError.Plain(ErrorKind.INVALID_GRANT, message);
  }
}
