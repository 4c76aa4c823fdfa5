package dev.portcullis.auth.jwt;

import dev.portcullis.auth.api.model.User;
import java.util.Map;

/**
 * Extra claims an application adds to access tokens (for example a tenant id). Reserved claims
 * ({@code iss sub aud exp nbf iat jti sid roles}) are set by Portcullis alone: an extra claim with
 * one of those names is dropped, never written. Bind your own with {@code
 * OptionalBinder.newOptionalBinder(binder(), TokenClaims.class).setBinding().to(...)}.
 *
 * <p>Implementations must be thread-safe and fast: they run on every issue and refresh.
 */
@FunctionalInterface
public interface TokenClaims {

  /**
   * The extra claims for {@code user}: JSON values only (strings, numbers, booleans, lists, maps).
   */
  Map<String, Object> claimsFor(User user);

  /** No extra claims. */
  static TokenClaims none() {
    return user -> Map.of();
  }
}
