package dev.portcullis.auth.client.internal;

import dev.portcullis.auth.client.ClientError;
import dev.portcullis.auth.client.ClientResult;
import dev.portcullis.auth.client.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a successful token response (RFC 6749 §5.1). */
public final class TokenResponses {
  /**
   * The lifetime assumed when a server sends no {@code expires_in} (RFC 6749 makes it optional):
   * short, so that the manager asks again soon rather than using a dead token.
   */
  static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(5);

  private TokenResponses() {}

  /**
   * The tokens of {@code body}; the scopes are the granted ones, or {@code requested} when the
   * server did not list them (RFC 6749 §5.1: then they are the requested ones).
   */
  public static ClientResult<Tokens> read(
      Map<String, Object> body, Set<String> requested, Clock clock) {
    Optional<String> accessToken = Json.string(body, "access_token").filter(s -> !s.isEmpty());
    if (accessToken.isEmpty()) {
      return invalid("the token response has no access_token");
    }
    Optional<String> tokenType = Json.string(body, "token_type");
    if (tokenType.isEmpty()) {
      return invalid("the token response has no token_type");
    }
    if (!tokenType.get().equalsIgnoreCase("Bearer")) {
      return invalid(
          "the token_type is \""
              + Transport.safe(tokenType.get())
              + "\"; this client sends Bearer tokens only");
    }
    Optional<Long> expiresIn = Json.integer(body, "expires_in");
    Instant expiresAt =
        clock.instant().plus(expiresIn.map(Duration::ofSeconds).orElse(ASSUMED_LIFETIME));
    Set<String> scopes =
        Json.string(body, "scope")
            .map(s -> (Set<String>) new LinkedHashSet<>(Arrays.asList(s.trim().split("\\s+"))))
            .map(
                s -> {
                  s.remove("");
                  return s;
                })
            .orElse(requested);
    return ClientResult.success(
        new Tokens(
            accessToken.get(),
            "Bearer",
            expiresAt,
            Json.string(body, "refresh_token").filter(s -> !s.isEmpty()).orElse(null),
            Json.string(body, "id_token").filter(s -> !s.isEmpty()).orElse(null),
            scopes));
  }

  private static ClientResult<Tokens> invalid(String reason) {
    return ClientResult.failure(new ClientError.InvalidResponse(reason));
  }
}
