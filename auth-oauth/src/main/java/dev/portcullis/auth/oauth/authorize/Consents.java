package dev.portcullis.auth.oauth.authorize;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Consent;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.api.store.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user's consents ({@code GET /auth/consents}, {@code DELETE /auth/consents/{client_id}}),
 * answered for the bearer of a first-party access token (the user's own login at this server): a
 * token issued to an OAuth client is refused with {@code insufficient_scope}, so no application can
 * read or withdraw consents. Withdrawing a consent also ends every session of the user granted to
 * that client, with its refresh and access tokens. Thread-safe.
 */
public final class Consents {
  private final TokenService tokens;
  private final ConsentStore consents;
  private final SessionStore sessions;
  private final Clock clock;

  public Consents(TokenService tokens, ConsentStore consents, SessionStore sessions, Clock clock) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.consents = Objects.requireNonNull(consents, "consents");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What the withdrawal changed. */
  public record Withdrawal(boolean consentWithdrawn, int sessionsEnded) {
    /** Whether there was anything to withdraw. */
    public boolean changed() {
      return consentWithdrawn || sessionsEnded > 0;
    }
  }

  /** The consents of the token's user, ordered by client id. */
  public Result<List<Consent>> list(String accessToken) {
    return Result.catching(() -> user(accessToken).map(p -> consents.listForUser(p.subject())));
  }

  /** Withdraws what the token's user allowed {@code clientId} and ends its sessions. */
  public Result<Withdrawal> withdraw(String accessToken, String clientId) {
    if (clientId == null || clientId.isEmpty() || clientId.length() > 255) {
      return Result.err(new AuthError.InvalidRequest("client_id", "must be 1 to 255 characters"));
    }
    return Result.catching(
        () ->
            user(accessToken)
                .map(
                    p -> {
                      boolean withdrawn = consents.revoke(p.subject(), clientId);
                      Instant now = clock.instant();
                      int ended = 0;
                      for (Session s : sessions.listActive(p.subject(), now)) {
                        if (clientId.equals(s.clientId())) {
                          tokens.revokeSession(p.subject(), s.id());
                          ended++;
                        }
                      }
                      return new Withdrawal(withdrawn, ended);
                    }));
  }

  private Result<Principal> user(String accessToken) {
    if (accessToken == null || accessToken.isEmpty()) {
      return Result.err(AuthError.of(ErrorKind.ACCESS_TOKEN_NOT_FOUND));
    }
    return tokens
        .verify(accessToken)
        .flatMap(
            p ->
                p.claims().containsKey("client_id")
                    ? Result.err(
                        new AuthError.Plain(
                            ErrorKind.INSUFFICIENT_SCOPE,
                            "Consents are managed with the user's own login at this server, not"
                                + " with a token issued to an application."))
                    : Result.ok(p));
  }
}
