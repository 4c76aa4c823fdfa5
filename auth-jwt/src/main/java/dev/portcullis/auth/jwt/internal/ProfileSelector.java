package dev.portcullis.auth.jwt.internal;

import java.util.Map;
import java.util.Objects;

/**
 * Picks the profile whose rules judge a token, from what the caller expects, where the token's key
 * was found and what the token says it is:
 *
 * <ol>
 *   <li>a token under the trusted issuer's secret is the trusted issuer's;
 *   <li>the refresh endpoint expects a refresh token, every other caller an access token; the
 *       inspector, which expects nothing, takes a token under a refresh-token key or with {@code
 *       typ refresh+jwt} for a refresh token;
 *   <li>an access token whose {@code client_id} equals its {@code sub} is a client's, when client
 *       tokens are accepted at all; any other is a user's.
 * </ol>
 *
 * The selection only picks the rules; the rules then check everything, so a token that claims to be
 * of another kind than its key allows is refused by them. Immutable and thread-safe.
 */
final class ProfileSelector {

  private final UserAccessProfile access;
  private final ClientAccessProfile client;
  private final RefreshProfile refresh;
  private final TrustedIssuerProfile trusted;

  /**
   * @param client null where client tokens are not accepted
   * @param trusted null where there is no trusted issuer
   */
  ProfileSelector(
      UserAccessProfile access,
      ClientAccessProfile client,
      RefreshProfile refresh,
      TrustedIssuerProfile trusted) {
    this.access = Objects.requireNonNull(access, "access");
    this.client = client;
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.trusted = trusted;
  }

  /**
   * @param expected what the caller expects; null for the inspector
   * @param namespace where the token's key was found, or null
   */
  TokenProfile select(
      TokenExaminer.Use expected,
      VerificationKeys.Namespace namespace,
      Object typ,
      Map<String, Object> claims) {
    if (namespace == VerificationKeys.Namespace.TRUSTED) {
      return trusted;
    }
    TokenExaminer.Use use = expected;
    if (use == null) {
      use =
          namespace == VerificationKeys.Namespace.REFRESH
                  || TokenTypes.REFRESH.equals(TokenTypes.normal(typ))
              ? TokenExaminer.Use.REFRESH
              : TokenExaminer.Use.ACCESS;
    }
    if (use == TokenExaminer.Use.REFRESH) {
      return refresh;
    }
    return client != null && ClientAccessProfile.recognises(claims) ? client : access;
  }
}
