package dev.portcullis.auth.server.http;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Principal;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * The access token of a request ({@code Authorization: Bearer ...}), verified by the {@link
 * TokenService}. A missing token answers 401 {@code access_token_not_found} with {@code
 * WWW-Authenticate: Bearer realm="portcullis"}; a refused one 401 with its {@code token_*} code and
 * {@code error="invalid_token"} (RFC 6750 section 3). Each verification is counted ({@code
 * portcullis.token.verifications} by outcome) and timed by the token service it is given, the
 * core's {@code AuthMetrics.timed(TokenService)}. Thread-safe.
 */
final class BearerAuth {
  private static final String REALM = "Bearer realm=\"portcullis\"";

  private final TokenService tokens;

  BearerAuth(TokenService tokens) {
    this.tokens = tokens;
  }

  /** The verified principal of {@code ctx}, or a 401 problem. */
  Principal require(Context ctx) {
    String token = token(ctx);
    if (token == null) {
      throw new ProblemException(
          AuthError.of(ErrorKind.ACCESS_TOKEN_NOT_FOUND), null, Map.of("WWW-Authenticate", REALM));
    }
    Result<Principal> verified = tokens.verify(token);
    if (verified.isOk()) {
      return verified.unwrap();
    }
    throw challenge(verified.failure().orElseThrow(), null);
  }

  /** A 401 problem for {@code error} with the RFC 6750 challenge. */
  static ProblemException challenge(AuthError error, String detail) {
    String challenge =
        error.httpStatus() == 401
            ? REALM
                + ", error=\""
                + error.oauthError()
                + "\", error_description=\""
                + error.code()
                + "\""
            : REALM;
    return new ProblemException(error, detail, Map.of("WWW-Authenticate", challenge));
  }

  /** The bearer token of {@code ctx}, or null. */
  static String token(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) {
      return null;
    }
    String h = header.strip();
    if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return null;
    }
    String t = h.substring(7).strip();
    return t.isEmpty() ? null : t;
  }
}
