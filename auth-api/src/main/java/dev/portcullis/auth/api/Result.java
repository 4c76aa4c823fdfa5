package dev.portcullis.auth.api;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.AuthException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The outcome of an operation whose failure is expected (a wrong password, an expired token, a
 * lockout): either {@link Ok} with a value or {@link Err} with an {@link AuthError}.
 *
 * <p>Exceptions are kept for misconfiguration and bugs. {@link #unwrap()} turns an error into the
 * matching {@link AuthException} for callers that prefer exceptions.
 *
 * <p>Instances are immutable and thread-safe when the value is.
 *
 * @param <T> the type of the success value; {@code Void} for operations with no value, whose {@code
 *     Ok} holds {@code null}
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

  /** A success holding {@code value}, which must not be null. */
  static <T> Result<T> ok(T value) {
    return new Ok<>(Objects.requireNonNull(value, "value"));
  }

  /** A success with no value, for operations that return {@code Result<Void>}. */
  static Result<Void> ok() {
    return new Ok<>(null);
  }

  /** A failure holding {@code error}. */
  static <T> Result<T> err(AuthError error) {
    return new Err<>(error);
  }

  /**
   * Runs {@code action} and returns what it returns, or the error of an {@link AuthException} it
   * throws as an {@link Err}: a store that cannot answer throws {@code
   * ServiceUnavailableException}, and a {@link #unwrap()} inside throws its error's exception.
   * Other exceptions (bugs) propagate.
   */
  static <T> Result<T> catching(Supplier<Result<T>> action) {
    return catching(action, Result::err);
  }

  /**
   * Like {@link #catching(Supplier)}, but the error of a thrown {@link AuthException} goes to
   * {@code onThrown}, which makes the result (after logging or publishing an event, say); errors
   * that {@code action} returns pass through untouched.
   */
  static <T> Result<T> catching(
      Supplier<Result<T>> action, Function<? super AuthError, Result<T>> onThrown) {
    try {
      return action.get();
    } catch (AuthException e) {
      return onThrown.apply(e.error());
    }
  }

  /** True for {@link Ok}. */
  boolean isOk();

  /** True for {@link Err}. */
  default boolean isErr() {
    return !isOk();
  }

  /** The value, if this is {@link Ok} and the value is not null. */
  Optional<T> toOptional();

  /** The error, if this is {@link Err}. */
  Optional<AuthError> failure();

  /** Applies {@code fn} to the value of an {@link Ok}; an {@link Err} passes through unchanged. */
  <U> Result<U> map(Function<? super T, ? extends U> fn);

  /** Chains an operation that may itself fail; an {@link Err} passes through unchanged. */
  <U> Result<U> flatMap(Function<? super T, Result<U>> fn);

  /** Turns either case into one value. */
  <R> R fold(Function<? super T, ? extends R> onOk, Function<? super AuthError, ? extends R> onErr);

  /** The value of an {@link Ok}, or {@code fallback} for an {@link Err}. */
  T orElse(T fallback);

  /** The value of an {@link Ok}, or the supplied fallback for an {@link Err}. */
  T orElseGet(Supplier<? extends T> fallback);

  /**
   * The value of an {@link Ok}.
   *
   * @throws AuthException the exception that matches the error of an {@link Err}, for example
   *     {@code AccountLockedException} for {@code account_locked}
   */
  T unwrap();

  /** Runs {@code action} with the value of an {@link Ok}; returns this result. */
  Result<T> ifOk(Consumer<? super T> action);

  /** Runs {@code action} with the error of an {@link Err}; returns this result. */
  Result<T> ifErr(Consumer<? super AuthError> action);

  /** A success. */
  record Ok<T>(T value) implements Result<T> {

    @Override
    public boolean isOk() {
      return true;
    }

    @Override
    public Optional<T> toOptional() {
      return Optional.ofNullable(value);
    }

    @Override
    public Optional<AuthError> failure() {
      return Optional.empty();
    }

    @Override
    public <U> Result<U> map(Function<? super T, ? extends U> fn) {
      return new Ok<>(fn.apply(value));
    }

    @Override
    public <U> Result<U> flatMap(Function<? super T, Result<U>> fn) {
      return Objects.requireNonNull(fn.apply(value), "flatMap function returned null");
    }

    @Override
    public <R> R fold(
        Function<? super T, ? extends R> onOk, Function<? super AuthError, ? extends R> onErr) {
      return onOk.apply(value);
    }

    @Override
    public T orElse(T fallback) {
      return value;
    }

    @Override
    public T orElseGet(Supplier<? extends T> fallback) {
      return value;
    }

    @Override
    public T unwrap() {
      return value;
    }

    @Override
    public Result<T> ifOk(Consumer<? super T> action) {
      action.accept(value);
      return this;
    }

    @Override
    public Result<T> ifErr(Consumer<? super AuthError> action) {
      return this;
    }
  }

  /** A failure. */
  record Err<T>(AuthError error) implements Result<T> {

    public Err {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public boolean isOk() {
      return false;
    }

    @Override
    public Optional<T> toOptional() {
      return Optional.empty();
    }

    @Override
    public Optional<AuthError> failure() {
      return Optional.of(error);
    }

    @Override
    public <U> Result<U> map(Function<? super T, ? extends U> fn) {
      return new Err<>(error);
    }

    @Override
    public <U> Result<U> flatMap(Function<? super T, Result<U>> fn) {
      return new Err<>(error);
    }

    @Override
    public <R> R fold(
        Function<? super T, ? extends R> onOk, Function<? super AuthError, ? extends R> onErr) {
      return onErr.apply(error);
    }

    @Override
    public T orElse(T fallback) {
      return fallback;
    }

    @Override
    public T orElseGet(Supplier<? extends T> fallback) {
      return fallback.get();
    }

    @Override
    public T unwrap() {
      throw error.toException();
    }

    @Override
    public Result<T> ifOk(Consumer<? super T> action) {
      return this;
    }

    @Override
    public Result<T> ifErr(Consumer<? super AuthError> action) {
      action.accept(error);
      return this;
    }
  }
}
