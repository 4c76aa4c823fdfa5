package dev.portcullis.auth.api.model;

import java.util.Objects;

/** What redeeming an authorization code found (see {@code AuthorizationCodeStore.consume}). */
public sealed interface CodeRedemption {

  /** The first redemption of a live code: the caller may issue tokens for it. */
  record Redeemed(AuthorizationCode code) implements CodeRedemption {
    public Redeemed {
      Objects.requireNonNull(code, "code");
    }
  }

  /**
   * A live code that was redeemed before: the caller refuses it and revokes what the first
   * redemption produced (the session {@code code.sessionId()} and its tokens).
   */
  record Replayed(AuthorizationCode code) implements CodeRedemption {
    public Replayed {
      Objects.requireNonNull(code, "code");
    }
  }

  /** An unknown or expired code: the caller refuses it. */
  record Invalid() implements CodeRedemption {}
}
