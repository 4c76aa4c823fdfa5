package dev.portcullis.auth.testkit.assertj;

import dev.portcullis.auth.jwt.TokenReport;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what the token inspector found in a token ({@code AuthTestKit.inspect(token)}): its
 * verdict, its failures (all of them, not only the first), its decoded header and claims.
 */
public final class TokenReportAssert extends AbstractAssert<TokenReportAssert, TokenReport> {

  TokenReportAssert(TokenReport actual) {
    super(actual, TokenReportAssert.class);
  }

  /** Checks that the token passes verification. */
  public TokenReportAssert isValid() {
    isNotNull();
    if (!actual.valid()) {
      throw failure("%nExpecting a valid token but:%n%s", actual.explain());
    }
    return myself;
  }

  /** Checks that the token fails verification. */
  public TokenReportAssert isNotValid() {
    isNotNull();
    if (actual.valid()) {
      throw failure("%nExpecting an invalid token but it passes:%n%s", actual.explain());
    }
    return myself;
  }

  /** Checks that the first failure, the one {@code TokenService.verify} answers, has this code. */
  public TokenReportAssert failsWith(String code) {
    isNotValid();
    String first = actual.firstFinding().map(TokenReport.Finding::code).orElse("(none)");
    if (!first.equals(code)) {
      throw failure("%nExpecting the token to fail with %s first but:%n%s", code, actual.explain());
    }
    return myself;
  }

  /** Checks that one of the failures has this code. */
  public TokenReportAssert hasFinding(String code) {
    isNotNull();
    List<String> codes = actual.findings().stream().map(TokenReport.Finding::code).toList();
    if (!codes.contains(code)) {
      throw failure("%nExpecting a finding %s but:%n%s", code, actual.explain());
    }
    return myself;
  }

  /** Checks the kind: {@code access}, {@code refresh}, {@code external} or {@code unknown}. */
  public TokenReportAssert isKind(String kind) {
    isNotNull();
    if (!actual.kind().equals(kind)) {
      throw failure("%nExpecting a %s token but it is %s", kind, actual.kind());
    }
    return myself;
  }

  /** Checks that a decoded claim (reserved or not) has this value (numbers compare by value). */
  public TokenReportAssert hasClaim(String name, Object expected) {
    isNotNull();
    if (!actual.claims().containsKey(name)) {
      throw failure("%nExpecting a claim '%s' but the claims are %s", name, actual.claims());
    }
    Object value = actual.claims().get(name);
    if (!Claims.sameJson(value, expected)) {
      throw failure("%nExpecting claim '%s' to be:%n  %s%nbut was:%n  %s", name, expected, value);
    }
    return myself;
  }

  /** Checks that a decoded claim is absent. */
  public TokenReportAssert doesNotHaveClaim(String name) {
    isNotNull();
    if (actual.claims().containsKey(name)) {
      throw failure("%nExpecting no claim '%s' but it is %s", name, actual.claims().get(name));
    }
    return myself;
  }

  /** Checks a decoded header parameter, for example {@code kid} or {@code typ}. */
  public TokenReportAssert hasHeader(String name, Object expected) {
    isNotNull();
    Object value = actual.header().get(name);
    if (!Claims.sameJson(value, expected)) {
      throw failure(
          "%nExpecting header '%s' to be:%n  %s%nbut the header is %s",
          name, expected, actual.header());
    }
    return myself;
  }
}
