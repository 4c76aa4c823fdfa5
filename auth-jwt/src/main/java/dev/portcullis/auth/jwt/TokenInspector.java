package dev.portcullis.auth.jwt;

import java.util.Objects;

/**
 * Explains tokens: decodes one without trusting it and says in plain words why it passes or fails
 * against the current settings (expired N seconds ago; issued N seconds in the future, check clock
 * sync; audience X, expected Y; signed with a kid this service does not know; signature does not
 * match, the two services most likely hold different secrets; revoked at T). For operators and
 * support tools; never for authorisation decisions, which go through {@code TokenService.verify}.
 * Thread-safe.
 */
public final class TokenInspector {

  private final JwtVerifier verifier;

  public TokenInspector(JwtVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  /**
   * Inspects {@code token} (a user's or a client's access token, a refresh token, or a trusted
   * issuer's). Never throws for bad input.
   */
  public TokenReport inspect(String token) {
    return verifier.inspect(token);
  }
}
