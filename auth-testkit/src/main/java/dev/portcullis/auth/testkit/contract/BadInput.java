package dev.portcullis.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The package rule for bad arguments: they throw one of two exceptions. */
final class BadInput {

  private BadInput() {}

  /**
   * Asserts that {@code call} throws {@link NullPointerException} or {@link
   * IllegalArgumentException}.
   */
  static void assertRejected(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
  }
}
