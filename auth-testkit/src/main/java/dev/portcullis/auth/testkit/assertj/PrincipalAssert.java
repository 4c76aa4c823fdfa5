package dev.portcullis.auth.testkit.assertj;

import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.User;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the claims of a verified access token: {@code
 * assertThat(principal).isFor(alice).hasRole("admin").hasClaim("tenant", "acme")}.
 */
public final class PrincipalAssert extends AbstractAssert<PrincipalAssert, Principal> {

  PrincipalAssert(Principal actual) {
    super(actual, PrincipalAssert.class);
  }

  /** Checks {@code sub}. */
  public PrincipalAssert hasSubject(String expected) {
    isNotNull();
    return check("sub", expected, actual.subject());
  }

  /** Checks that {@code sub} is this user's id. */
  public PrincipalAssert isFor(User user) {
    Objects.requireNonNull(user, "user");
    isNotNull();
    if (!actual.subject().equals(user.id())) {
      throw failure(
          "%nExpecting a token of %s (id %s) but its subject is %s",
          user.identifier(), user.id(), actual.subject());
    }
    return myself;
  }

  /** Checks {@code iss}. */
  public PrincipalAssert hasIssuer(String expected) {
    isNotNull();
    return check("iss", expected, actual.issuer());
  }

  /** Checks that {@code aud} contains each of these. */
  public PrincipalAssert hasAudience(String... expected) {
    isNotNull();
    List<String> missing =
        Arrays.stream(expected).filter(a -> !actual.audience().contains(a)).toList();
    if (!missing.isEmpty()) {
      throw failure(
          "%nExpecting aud to contain %s but it is %s",
          Arrays.toString(expected), actual.audience());
    }
    return myself;
  }

  /** Checks that the principal has each of these roles (others may be present). */
  public PrincipalAssert hasRole(String... roles) {
    isNotNull();
    List<String> missing = Arrays.stream(roles).filter(r -> !actual.hasRole(r)).toList();
    if (!missing.isEmpty()) {
      throw failure(
          "%nExpecting roles %s but %s are missing; the token has %s",
          Arrays.toString(roles), missing, new TreeSet<>(actual.roles()));
    }
    return myself;
  }

  /** Checks that the principal has exactly these roles. */
  public PrincipalAssert hasExactlyRoles(String... roles) {
    isNotNull();
    Set<String> expected = Set.of(roles);
    if (!actual.roles().equals(expected)) {
      throw failure(
          "%nExpecting exactly roles %s but the token has %s",
          new TreeSet<>(expected), new TreeSet<>(actual.roles()));
    }
    return myself;
  }

  /** Checks that the principal has none of these roles. */
  public PrincipalAssert doesNotHaveRole(String... roles) {
    isNotNull();
    List<String> present = Arrays.stream(roles).filter(actual::hasRole).toList();
    if (!present.isEmpty()) {
      throw failure(
          "%nExpecting no role of %s but the token has %s", Arrays.toString(roles), present);
    }
    return myself;
  }

  /** Checks that a non-reserved claim is present. */
  public PrincipalAssert hasClaim(String name) {
    isNotNull();
    if (!actual.claims().containsKey(name)) {
      throw failure(
          "%nExpecting a claim '%s' but the token's extra claims are %s", name, actual.claims());
    }
    return myself;
  }

  /** Checks that a non-reserved claim has this value (JSON numbers compare by value). */
  public PrincipalAssert hasClaim(String name, Object expected) {
    hasClaim(name);
    Object value = actual.claims().get(name);
    if (!Claims.sameJson(value, expected)) {
      throw failure("%nExpecting claim '%s' to be:%n  %s%nbut was:%n  %s", name, expected, value);
    }
    return myself;
  }

  /** Checks that a non-reserved claim is absent. */
  public PrincipalAssert doesNotHaveClaim(String name) {
    isNotNull();
    if (actual.claims().containsKey(name)) {
      throw failure("%nExpecting no claim '%s' but it is %s", name, actual.claims().get(name));
    }
    return myself;
  }

  /** Checks {@code sid}. */
  public PrincipalAssert hasSessionId(String expected) {
    isNotNull();
    return check("sid", expected, actual.sessionId());
  }

  /** Checks {@code exp}. */
  public PrincipalAssert expiresAt(Instant expected) {
    isNotNull();
    return check("exp", expected, actual.expiresAt());
  }

  /** Checks {@code iat}. */
  public PrincipalAssert wasIssuedAt(Instant expected) {
    isNotNull();
    return check("iat", expected, actual.issuedAt());
  }

  private PrincipalAssert check(String claim, Object expected, Object value) {
    if (!Objects.equals(expected, value)) {
      throw failure("%nExpecting %s to be:%n  %s%nbut was:%n  %s", claim, expected, value);
    }
    return myself;
  }
}
