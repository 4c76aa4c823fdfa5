package dev.portcullis.auth.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class SessionTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant END = T0.plus(Duration.ofHours(1));

  private static Session firstParty() {
    return Session.start("s1", "u1", "rt0", T0, END, "203.0.113.7", "test/1.0", 3);
  }

  private static Session granted() {
    return firstParty()
        .withGrant(
            "client-1",
            Set.of("write", "read"),
            T0.minusSeconds(60),
            List.of("pwd", "otp"),
            T0.plus(Duration.ofDays(1)));
  }

  @Test
  void start_isAFirstPartyPasswordLogin_withoutAbsoluteLimitOrRotation() {
    Session s = firstParty();

    assertThat(s.clientId()).isNull();
    assertThat(s.scope()).isEmpty();
    assertThat(s.authTime()).isEqualTo(T0);
    assertThat(s.amr()).containsExactly("pwd");
    assertThat(s.absoluteExpiresAt()).isNull();
    assertThat(s.previousRefreshTokenId()).isNull();
    assertThat(s.rotatedAt()).isNull();
  }

  @Test
  void withGrant_setsTheGrantAndKeepsEverythingElse() {
    Session s = granted();

    assertThat(s.clientId()).isEqualTo("client-1");
    assertThat(s.scope()).containsExactly("read", "write");
    assertThat(s.authTime()).isEqualTo(T0.minusSeconds(60));
    assertThat(s.amr()).containsExactly("pwd", "otp");
    assertThat(s.absoluteExpiresAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
    assertThat(s.withGrant(null, Set.of(), T0, List.of("pwd"), null)).isEqualTo(firstParty());
  }

  @Test
  void rotated_remembersTheReplacedTokenAndWhen_andKeepsTheGrant() {
    Instant now = T0.plusSeconds(600);

    Session s = granted().rotated("rt1", now, now.plus(Duration.ofHours(1)));

    assertThat(s.refreshTokenId()).isEqualTo("rt1");
    assertThat(s.previousRefreshTokenId()).isEqualTo("rt0");
    assertThat(s.rotatedAt()).isEqualTo(now);
    assertThat(s.lastActiveAt()).isEqualTo(now);
    assertThat(s.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
    assertThat(s)
        .usingRecursiveComparison()
        .comparingOnlyFields("clientId", "scope", "authTime", "amr", "absoluteExpiresAt")
        .isEqualTo(granted());
    assertThat(s.rotated("rt2", now.plusSeconds(1), END).previousRefreshTokenId()).isEqualTo("rt1");
  }

  @Test
  void endedAt_andWithCredentialsVersion_carryEveryOtherField() {
    Session rotated = granted().rotated("rt1", T0.plusSeconds(5), END);

    Session ended = rotated.endedAt(T0.plusSeconds(9));
    Session moved = rotated.withCredentialsVersion(4);

    assertThat(ended).usingRecursiveComparison().ignoringFields("revokedAt").isEqualTo(rotated);
    assertThat(ended.revokedAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(moved)
        .usingRecursiveComparison()
        .ignoringFields("credentialsVersion")
        .isEqualTo(rotated);
    assertThat(moved.credentialsVersion()).isEqualTo(4);
  }

  @Test
  void isActive_endsAtTheAbsoluteExpiry_evenBeforeExpiresAt() {
    Session s =
        firstParty().withGrant("c", Set.of(), T0, List.of("pwd"), T0.plus(Duration.ofMinutes(30)));

    assertThat(s.isActive(T0.plus(Duration.ofMinutes(30)).minusNanos(1))).isTrue();
    assertThat(s.isActive(T0.plus(Duration.ofMinutes(30)))).isFalse();
    assertThat(firstParty().isActive(END.minusNanos(1))).isTrue();
    assertThat(firstParty().isActive(END)).isFalse();
  }

  @Test
  void scope_mustBeRfc6749ScopeTokens() {
    for (String bad : new String[] {"", "two words", "quote\"", "back\\slash", "tab\t", "é"}) {
      assertThatThrownBy(() -> firstParty().withGrant("c", Set.of(bad), T0, List.of(), null))
          .as("scope %s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(
            () -> firstParty().withGrant("c", Set.of("x".repeat(256)), T0, List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(firstParty().withGrant("c", Set.of("a:b/c!#~"), T0, List.of(), null).scope())
        .containsExactly("a:b/c!#~");
  }

  @Test
  void amr_entriesMustBeNonBlankWithoutWhitespace() {
    for (String bad : new String[] {"", " ", "two words", "new\nline", "nul\0"}) {
      assertThatThrownBy(() -> firstParty().withGrant(null, Set.of(), T0, List.of(bad), null))
          .as("amr %s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> firstParty().withGrant(null, Set.of(), T0, withNull, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void absoluteExpiresAt_mustNotBeBeforeCreatedAt() {
    assertThatThrownBy(
            () -> firstParty().withGrant(null, Set.of(), T0, List.of(), T0.minusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(firstParty().withGrant(null, Set.of(), T0, List.of(), T0).absoluteExpiresAt())
        .isEqualTo(T0);
  }

  @Test
  void requiredGrantFields_areChecked() {
    assertThatThrownBy(() -> firstParty().withGrant(" ", Set.of(), T0, List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> firstParty().withGrant(null, null, T0, List.of(), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> firstParty().withGrant(null, Set.of(), null, List.of(), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> firstParty().withGrant(null, Set.of(), T0, null, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void previousTokenAndRotatedAt_areSetTogether() {
    assertThatThrownBy(
            () ->
                new Session(
                    "s1", "u1", "rt1", T0, T0, END, null, null, null, 0, null, Set.of(), T0,
                    List.of(), null, "rt0", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Session(
                    "s1", "u1", "rt1", T0, T0, END, null, null, null, 0, null, Set.of(), T0,
                    List.of(), null, null, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void collections_areCopied() {
    Set<String> scope = new HashSet<>(Set.of("read"));
    List<String> amr = new ArrayList<>(List.of("pwd"));

    Session s = firstParty().withGrant("c", scope, T0, amr, null);
    scope.add("admin");
    amr.add("otp");

    assertThat(s.scope()).containsExactly("read");
    assertThat(s.amr()).containsExactly("pwd");
    assertThatThrownBy(() -> s.scope().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.amr().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
