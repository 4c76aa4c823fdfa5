package dev.portcullis.auth.testkit.assertj;

import com.google.inject.Injector;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.jwt.TokenReport;
import org.assertj.core.api.Assertions;

/**
 * AssertJ entry points for Portcullis types, and every one of AssertJ's: one static import serves
 * both.
 *
 * <pre>{@code
 * import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
 *
 * assertThat(kit.login("alice@example.com", "wrong")).isErr().hasCode("invalid_credentials");
 * assertThat(kit.login("bob@example.com", PASSWORD))
 *     .isErr().hasCode("account_locked").hasHttpStatus(423).hasRetryAfter(Duration.ofMinutes(5));
 * assertThat(tokens.verify(token).unwrap()).isFor(alice).hasRole("notes:read");
 * }</pre>
 */
public class PortcullisAssertions extends Assertions {

  /** Not instantiated; extends {@link Assertions} only to inherit its entry points. */
  protected PortcullisAssertions() {}

  /** Assertions on a {@link Result}. */
  public static <T> ResultAssert<T> assertThat(Result<T> actual) {
    return new ResultAssert<>(actual);
  }

  /** Assertions on an {@link AuthError}. */
  public static AuthErrorAssert assertThat(AuthError actual) {
    return new AuthErrorAssert(actual);
  }

  /** Assertions on the claims of a verified token. */
  public static PrincipalAssert assertThat(Principal actual) {
    return new PrincipalAssert(actual);
  }

  /** Assertions on an inspected token. */
  public static TokenReportAssert assertThat(TokenReport actual) {
    return new TokenReportAssert(actual);
  }

  /** Assertions on an injector's wiring. */
  public static InjectorAssert assertThat(Injector actual) {
    return new InjectorAssert(actual);
  }
}
