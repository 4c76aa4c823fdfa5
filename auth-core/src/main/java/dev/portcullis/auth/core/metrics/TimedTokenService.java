package dev.portcullis.auth.core.metrics;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link TokenService} whose {@link #verify} is timed and counted by outcome (the error code, so
 * no label carries a token or a subject). Everything else is delegated untouched. Thread-safe.
 */
final class TimedTokenService implements TokenService {
  private final TokenService delegate;
  private final Timer verify;
  private final Function<String, Counter> outcomes;

  TimedTokenService(TokenService delegate, Timer verify, Function<String, Counter> outcomes) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.verify = verify;
    this.outcomes = outcomes;
  }

  @Override
  public Result<Principal> verify(String accessToken) {
    Result<Principal> verified = verify.record(() -> delegate.verify(accessToken));
    outcomes.apply(verified.failure().map(e -> e.code()).orElse("valid")).increment();
    return verified;
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
