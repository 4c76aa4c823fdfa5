package dev.portcullis.auth.testkit.assertj;

import dev.portcullis.auth.api.Result;
import java.util.Objects;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;

/**
 * Assertions on a {@link Result}: {@code assertThat(result).isOk()}, {@code
 * assertThat(result).isErr().hasCode("account_locked")}. A failure message shows the error's code,
 * message and remedy, so a test that expected success says why it did not get it.
 *
 * @param <T> the type of the success value
 */
public final class ResultAssert<T> extends AbstractAssert<ResultAssert<T>, Result<T>> {

  ResultAssert(Result<T> actual) {
    super(actual, ResultAssert.class);
  }

  /** Checks that the result is {@code Ok}. */
  public ResultAssert<T> isOk() {
    isNotNull();
    if (actual instanceof Result.Err<T> err) {
      throw failure(
          "%nExpecting an Ok result but was Err:%n  %s", AuthErrorAssert.describe(err.error()));
    }
    return myself;
  }

  /**
   * Checks that the result is {@code Err}.
   *
   * @return assertions on the error
   */
  public AuthErrorAssert isErr() {
    isNotNull();
    if (actual instanceof Result.Ok<T> ok) {
      throw failure("%nExpecting an Err result but was Ok with value:%n  %s", ok.value());
    }
    return new AuthErrorAssert(((Result.Err<T>) actual).error());
  }

  /**
   * Checks that the result is {@code Err} with this code; a shortcut for {@code isErr().hasCode}.
   */
  public AuthErrorAssert isErr(String code) {
    return isErr().hasCode(code);
  }

  /** Checks that the result is {@code Ok} with a value equal to {@code expected}. */
  public ResultAssert<T> hasValue(T expected) {
    isOk();
    T value = ((Result.Ok<T>) actual).value();
    if (!Objects.equals(value, expected)) {
      throw failure("%nExpecting the Ok value to be:%n  %s%nbut was:%n  %s", expected, value);
    }
    return myself;
  }

  /** Checks that the result is {@code Ok} and that its value passes {@code requirements}. */
  public ResultAssert<T> hasValueSatisfying(Consumer<? super T> requirements) {
    isOk();
    requirements.accept(((Result.Ok<T>) actual).value());
    return myself;
  }

  /**
   * Checks that the result is {@code Ok}.
   *
   * @return AssertJ's assertions on the value
   */
  public ObjectAssert<T> value() {
    isOk();
    return Assertions.assertThat(((Result.Ok<T>) actual).value());
  }
}
