package dev.portcullis.auth.oauth.authorize;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.jwt.OAuthTokens;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The OpenID Connect userinfo endpoint (OIDC Core section 5.3) as a use case: the bearer access
 * token must be active, issued to a client for a user, and carry the {@code openid} scope. The
 * answer is {@code sub}, then {@code email} and {@code email_verified} when the user has an e-mail
 * address, and {@code name} when it has one. Errors: {@code access_token_not_found} (no token),
 * {@code token_rejected} ({@code invalid_token}: inactive, a refresh token, or the user is gone),
 * {@code insufficient_scope} (no {@code openid}). Thread-safe.
 */
public final class UserInfo {
  private final OAuthTokens tokens;
  private final UserStore users;

  public UserInfo(OAuthTokens tokens, UserStore users) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.users = Objects.requireNonNull(users, "users");
  }

  /** The claims about the token's user. */
  public Result<Map<String, Object>> claims(String accessToken) {
    if (accessToken == null || accessToken.isEmpty()) {
      return Result.err(AuthError.of(ErrorKind.ACCESS_TOKEN_NOT_FOUND));
    }
    return Result.catching(
        () ->
            tokens
                .introspect(accessToken)
                .flatMap(
                    active -> {
                      if (active.isEmpty()
                          || !OAuthTokens.ActiveToken.ACCESS_TOKEN.equals(active.get().tokenType())
                          || active.get().clientId() == null
                          || active.get().sessionId() == null) {
                        return Result.err(
                            new AuthError.TokenRejected(
                                TokenFailure.REVOKED,
                                "The access token is not active, or was not issued to an"
                                    + " application for a user."));
                      }
                      if (!active.get().scope().contains("openid")) {
                        return Result.err(
                            new AuthError.Plain(
                                ErrorKind.INSUFFICIENT_SCOPE,
                                "userinfo needs an access token with the openid scope."));
                      }
                      return users
                          .findById(active.get().subject())
                          .<Result<Map<String, Object>>>map(u -> Result.ok(document(u.user())))
                          .orElseGet(
                              () ->
                                  Result.err(
                                      new AuthError.TokenRejected(
                                          TokenFailure.REVOKED,
                                          "The user of this token no longer exists.")));
                    }));
  }

  private static Map<String, Object> document(User user) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("sub", user.id());
    if (user.email() != null) {
      doc.put("email", user.email());
      doc.put("email_verified", user.emailVerified());
    }
    if (user.name() != null) {
      doc.put("name", user.name());
    }
    return Collections.unmodifiableMap(doc);
  }
}
