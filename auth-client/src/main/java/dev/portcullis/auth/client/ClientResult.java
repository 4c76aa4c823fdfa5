package dev.portcullis.auth.client;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a client operation: a value, or a {@link ClientError} saying what went wrong and
 * how to fix it. Expected failures (a server refusal, a network error, a pending device login) are
 * values; exceptions are reserved for misconfiguration and bugs.
 *
 * @param <T> the type of the value
 */
public sealed interface ClientResult<T> permits ClientResult.Success, ClientResult.Failure {

  /** A successful result holding {@code value}. */
  static <T> ClientResult<T> success(T value) {
    return new Success<>(value);
  }

  /** A failed result holding {@code error}. */
  static <T> ClientResult<T> failure(ClientError error) {
    return new Failure<>(error);
  }

  /** Whether this result holds a value. */
  boolean isSuccess();

  /**
   * The value.
   *
   * @throws IllegalStateException if this result is a failure
   */
  T value();

  /**
   * The error.
   *
   * @throws IllegalStateException if this result is a success
   */
  ClientError error();

  /**
   * The value, or throws.
   *
   * @throws ClientException carrying the error when this result is a failure
   */
  default T orElseThrow() {
    if (this instanceof Failure<T> failure) {
      throw new ClientException(failure.error());
    }
    return value();
  }

  /** Applies {@code mapper} to the value of a success; a failure passes through. */
  default <U> ClientResult<U> map(Function<? super T, ? extends U> mapper) {
    if (this instanceof Success<T> success) {
      return new Success<>(mapper.apply(success.value()));
    }
    return new Failure<>(error());
  }

  /** Applies {@code mapper} to the value of a success; a failure passes through. */
  default <U> ClientResult<U> flatMap(Function<? super T, ClientResult<U>> mapper) {
    if (this instanceof Success<T> success) {
      return Objects.requireNonNull(mapper.apply(success.value()), "mapper returned null");
    }
    return new Failure<>(error());
  }

  /** A successful result. */
  record Success<T>(T value) implements ClientResult<T> {
    public Success {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean isSuccess() {
      return true;
    }

    @Override
    public ClientError error() {
      throw new IllegalStateException("a successful result has no error");
    }

    @Override
    public String toString() {
      // The value may be a token: say only what kind of value it is.
      return "Success[" + value.getClass().getSimpleName() + "]";
    }
  }

  /** A failed result. */
  record Failure<T>(ClientError error) implements ClientResult<T> {
    public Failure {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public boolean isSuccess() {
      return false;
    }

    @Override
    public T value() {
      throw new IllegalStateException(
          "a failed result has no value (" + error.code() + "): " + error.message());
    }
  }
}
