package dev.portcullis.auth.core.metrics;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
import java.util.Objects;

/**
 * A {@link TokenService} whose {@link #verify} is timed and counted by outcome (the error code, so
 * no label carries a token or a subject). Everything else is delegated untouched. Thread-safe.
 */
final class TimedTokenService implements TokenService {
  private final TokenService delegate;
  private final Recorder verified;

  /** Where a verification's outcome and duration go. */
  interface Recorder {
    /** {@code outcome} is {@code valid} or the error code; {@code nanos} how long it took. */
    void record(String outcome, long nanos);
  }

  TimedTokenService(TokenService delegate, Recorder verified) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.verified = verified;
  }

  @Override
  public Result<Principal> verify(String accessToken) {
    long start = System.nanoTime();
    Result<Principal> result = delegate.verify(accessToken);
    verified.record(result.failure().map(e -> e.code()).orElse("valid"), System.nanoTime() - start);
    return result;
  }

  @Override
  public Result<TokenPair> issue(Authentication authentication) {
    return delegate.issue(authentication);
  }

  @Override
  public Result<TokenPair> refresh(String refreshToken) {
    return delegate.refresh(refreshToken);
  }

  @Override
  public Result<Void> revoke(Principal principal) {
    return delegate.revoke(principal);
  }

  @Override
  public Result<Void> revokeSession(String userId, String sessionId) {
    return delegate.revokeSession(userId, sessionId);
  }

  @Override
  public Result<Void> revokeAll(String userId) {
    return delegate.revokeAll(userId);
  }
}
