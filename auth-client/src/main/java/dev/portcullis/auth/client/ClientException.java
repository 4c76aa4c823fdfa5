package dev.portcullis.auth.client;

import java.util.Objects;

/** Thrown by {@link ClientResult#orElseThrow()}; carries the {@link ClientError}. */
public final class ClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ClientError error;

  public ClientException(ClientError error) {
    super(Objects.requireNonNull(error, "error").code() + ": " + error.message());
    this.error = error;
  }

  /** The error this exception carries. */
  public ClientError error() {
    return error;
  }
}
