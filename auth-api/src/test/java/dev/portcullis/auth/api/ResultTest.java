package dev.portcullis.auth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.AccountLockedException;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.error.InvalidCredentialsException;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

final class ResultTest {

  private static final AuthError LOCKED =
      new AuthError.AccountLocked(Instant.parse("2026-01-01T00:05:00Z"), Duration.ofMinutes(5));

  @Test
  void ok_mapsAndChains() {
    Result<Integer> r = Result.ok(20).map(x -> x + 1).flatMap(x -> Result.ok(x * 2));

    assertThat(r.isOk()).isTrue();
    assertThat(r.isErr()).isFalse();
    assertThat(r.unwrap()).isEqualTo(42);
    assertThat(r.toOptional()).contains(42);
    assertThat(r.failure()).isEmpty();
  }

  @Test
  void err_passesThroughMapAndFlatMapUntouched() {
    List<Object> called = new ArrayList<>();
    Result<Integer> r =
        Result.<Integer>err(LOCKED)
            .map(
                x -> {
                  called.add(x);
                  return x + 1;
                })
            .flatMap(
                x -> {
                  called.add(x);
                  return Result.ok(x);
                });

    assertThat(called).isEmpty();
    assertThat(r.isErr()).isTrue();
    assertThat(r.failure()).contains(LOCKED);
    assertThat(r.toOptional()).isEmpty();
  }

  @Test
  void flatMap_propagatesTheInnerError() {
    Result<String> r =
        Result.ok("x").flatMap(x -> Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS)));

    assertThat(r.failure().orElseThrow().code()).isEqualTo("invalid_credentials");
  }

  @Test
  void fold_takesTheBranchOfTheCase() {
    String ok = Result.ok(1).fold(v -> "ok " + v, e -> "err " + e.code());
    String err = Result.<Integer>err(LOCKED).fold(v -> "ok " + v, e -> "err " + e.code());

    assertThat(ok).isEqualTo("ok 1");
    assertThat(err).isEqualTo("err account_locked");
  }

  @Test
  void orElse_givesTheFallbackOnlyForErr() {
    assertThat(Result.ok("a").orElse("b")).isEqualTo("a");
    assertThat(Result.<String>err(LOCKED).orElse("b")).isEqualTo("b");
    assertThat(Result.<String>err(LOCKED).orElseGet(() -> "c")).isEqualTo("c");
  }

  @Test
  void unwrap_throwsTheExceptionNamedForTheError() {
    assertThatThrownBy(() -> Result.err(LOCKED).unwrap())
        .isInstanceOf(AccountLockedException.class)
        .hasMessageStartingWith("account_locked: ");
    assertThatThrownBy(() -> Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS)).unwrap())
        .isInstanceOf(InvalidCredentialsException.class);
  }

  @Test
  void okWithoutValue_isOkAndUnwrapsToNull() {
    Result<Void> r = Result.ok();

    assertThat(r.isOk()).isTrue();
    assertThat(r.unwrap()).isNull();
    assertThat(r.toOptional()).isEmpty();
  }

  @Test
  void ok_refusesNullValues() {
    assertThatThrownBy(() -> Result.ok(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Result.err(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void ifOkAndIfErr_runOnlyForTheirCase() {
    List<String> seen = new ArrayList<>();
    Result.ok("v").ifOk(seen::add).ifErr(e -> seen.add("wrong"));
    Result.<String>err(LOCKED).ifOk(seen::add).ifErr(e -> seen.add(e.code()));

    assertThat(seen).containsExactly("v", "account_locked");
  }

  private static final AuthError DOWN = new AuthError.ServiceUnavailable("jdbc user store", "down");

  @Test
  void catching_turnsAThrownAuthExceptionIntoItsError() {
    Result<String> r =
        Result.catching(
            () -> {
              throw new ServiceUnavailableException((AuthError.ServiceUnavailable) DOWN);
            });

    assertThat(r.failure()).containsSame(DOWN);
  }

  @Test
  void catching_turnsAnUnwrapInsideBackIntoTheSameError() {
    Result<String> r = Result.catching(() -> Result.ok(Result.<String>err(LOCKED).unwrap()));

    assertThat(r.failure()).containsSame(LOCKED);
  }

  @Test
  void catching_passesReturnedResultsThroughWithoutTheHandler() {
    List<AuthError> handled = new ArrayList<>();
    Function<AuthError, Result<String>> handler =
        e -> {
          handled.add(e);
          return Result.err(e);
        };

    assertThat(Result.catching(() -> Result.ok("v"), handler).unwrap()).isEqualTo("v");
    assertThat(Result.catching(() -> Result.<String>err(LOCKED), handler).failure())
        .containsSame(LOCKED);
    assertThat(handled).isEmpty();
  }

  @Test
  void catching_handsOnlyAThrownErrorToTheHandler() {
    Result<String> r =
        Result.catching(
            () -> {
              throw DOWN.toException();
            },
            e -> Result.ok("handled " + e.code()));

    assertThat(r.unwrap()).isEqualTo("handled service_unavailable");
  }

  @Test
  void catching_letsBugsPropagate() {
    assertThatThrownBy(
            () ->
                Result.<String>catching(
                    () -> {
                      throw new IllegalStateException("bug");
                    }))
        .isInstanceOf(IllegalStateException.class);
  }
}
