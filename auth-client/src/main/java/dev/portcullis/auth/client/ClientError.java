package dev.portcullis.auth.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a client operation failed. Each kind has a stable snake_case {@link #code()} and a {@link
 * #message()} that names the cause and the fix. No message ever contains a token, a secret or a
 * code.
 */
public sealed interface ClientError
    permits ClientError.AccessTokenNotFound,
        ClientError.AuthenticationPending,
        ClientError.AccessDenied,
        ClientError.ExpiredToken,
        ClientError.Retriable,
        ClientError.ServerRejected,
        ClientError.MetadataRejected,
        ClientError.InvalidResponse,
        ClientError.LoginTimedOut {

  /** Stable snake_case identifier of this kind of error. */
  String code();

  /** The cause and the fix, for a human; never contains a token or a secret. */
  String message();

  /** Whether trying the same operation again later may succeed. */
  default boolean retriable() {
    return this instanceof Retriable;
  }

  /**
   * There is no usable credential: none was stored, or the server answered {@code invalid_grant} to
   * the refresh token (which has then been cleared). Log in again.
   */
  record AccessTokenNotFound(String reason) implements ClientError {
    public AccessTokenNotFound {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "access_token_not_found";
    }

    @Override
    public String message() {
      return "No usable access token: "
          + reason
          + ". Log in again (device or browser login, or client credentials).";
    }
  }

  /**
   * The user has not yet approved the device login; poll again after {@code interval} (already
   * increased when the server asked to slow down).
   */
  record AuthenticationPending(Duration interval) implements ClientError {
    public AuthenticationPending {
      Objects.requireNonNull(interval, "interval");
    }

    @Override
    public String code() {
      return "authentication_pending";
    }

    @Override
    public String message() {
      return "The user has not yet approved the login; poll again in "
          + interval.toSeconds()
          + " s.";
    }
  }

  /** The user (or the server) denied the authorization request. Final. */
  record AccessDenied() implements ClientError {
    @Override
    public String code() {
      return "access_denied";
    }

    @Override
    public String message() {
      return "The authorization request was denied. Start a new login if this was a mistake.";
    }
  }

  /** The device code expired before the user approved it. Final: start a new device login. */
  record ExpiredToken() implements ClientError {
    @Override
    public String code() {
      return "expired_token";
    }

    @Override
    public String message() {
      return "The device code expired before the login was approved. Start a new device login and"
          + " approve it before it expires.";
    }
  }

  /**
   * A transient failure: the network, a 5xx or a 429. Stored credentials are kept; try again, after
   * {@code retryAfter} when the server said so.
   */
  record Retriable(String cause, Optional<Duration> retryAfter) implements ClientError {
    public Retriable {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    @Override
    public String code() {
      return "temporarily_unavailable";
    }

    @Override
    public String message() {
      return "The authorization server could not be reached or is busy ("
          + cause
          + "). Stored credentials were kept; try again"
          + retryAfter.map(d -> " in " + d.toSeconds() + " s").orElse(" later")
          + ".";
    }
  }

  /** The server refused the request with an RFC 6749 error other than the ones above. */
  record ServerRejected(String error, String description, int status) implements ClientError {
    public ServerRejected {
      Objects.requireNonNull(error, "error");
      description = description == null ? "" : description;
    }

    @Override
    public String code() {
      return "server_rejected";
    }

    @Override
    public String message() {
      return "The authorization server answered HTTP "
          + status
          + " "
          + error
          + (description.isEmpty() ? "" : " (" + description + ")")
          + ". "
          + remedy(error);
    }

    private static String remedy(String error) {
      return switch (error) {
        case "invalid_client" ->
            "Check the client id and its secret or key with the server's" + " administrator.";
        case "unauthorized_client" ->
            "The client is not allowed this grant; ask the server's"
                + " administrator to enable it for this client.";
        case "invalid_scope" -> "Request only scopes the client is registered for.";
        case "unsupported_grant_type" -> "The server does not support this flow; use another.";
        case "invalid_grant" -> "The grant is no longer valid; log in again.";
        default -> "See the server's documentation for this error.";
      };
    }
  }

  /**
   * The server's metadata document was refused (issuer mismatch, missing endpoint, not JSON). The
   * client does not talk to a server whose metadata it cannot trust.
   */
  record MetadataRejected(String reason) implements ClientError {
    public MetadataRejected {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "metadata_rejected";
    }

    @Override
    public String message() {
      return "The authorization server metadata was refused: "
          + reason
          + ". Check the configured issuer URL: it must equal the metadata's \"issuer\" exactly"
          + " (RFC 8414 section 3.3).";
    }
  }

  /**
   * A response did not follow the protocol: bad JSON, a wrong token_type, a state or iss mismatch.
   */
  record InvalidResponse(String reason) implements ClientError {
    public InvalidResponse {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "invalid_response";
    }

    @Override
    public String message() {
      return "The response did not follow the protocol: "
          + reason
          + ". Nothing was stored; if it persists, the issuer URL may point at the wrong server.";
    }
  }

  /** The browser login did not come back to the loopback listener in time. */
  record LoginTimedOut() implements ClientError {
    @Override
    public String code() {
      return "login_timed_out";
    }

    @Override
    public String message() {
      return "The browser login did not complete in time. Start it again and finish it in the"
          + " browser before the timeout.";
    }
  }
}
