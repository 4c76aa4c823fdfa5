package dev.portcullis.auth.core.mfa;

import dev.portcullis.auth.api.model.Authentication;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a right password leads to: a session now, or a second factor first. */
public sealed interface LoginStep {

  /** No second factor is needed: start the session. */
  record Done(Authentication authentication) implements LoginStep {
    public Done {
      Objects.requireNonNull(authentication, "authentication");
    }
  }

  /**
   * A second factor is needed. {@link #toString()} never prints the token.
   *
   * @param token the 256-bit challenge token (base64url), given to the client once
   * @param methods what the user may answer with: {@code totp}, {@code recovery_code}
   * @param expiresAt when the challenge dies
   */
  record ChallengeRequired(String token, List<String> methods, Instant expiresAt)
      implements LoginStep {
    public ChallengeRequired {
      Objects.requireNonNull(token, "token");
      methods = List.copyOf(methods);
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
      return "ChallengeRequired[token=<redacted>, methods="
          + methods
          + ", expiresAt="
          + expiresAt
          + "]";
    }
  }
}
