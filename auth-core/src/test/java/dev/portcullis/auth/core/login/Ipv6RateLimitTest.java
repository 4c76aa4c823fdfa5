package dev.portcullis.auth.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.CountingHasher;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.settings.RateLimitSettings;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One IPv6 customer network is one client for rate limits and failed-login budgets. */
final class Ipv6RateLimitTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final CountingHasher hasher = new CountingHasher();

  private PasswordAuthenticator authenticator(RateLimitSettings limits) {
    return new PasswordAuthenticator(
        new Identifiers(320),
        stores.limiter,
        limits,
        stores.tracker,
        stores.users,
        hasher,
        clock,
        new AuthEvents(Set.of()));
  }

  private static Result<Authentication> login(PasswordAuthenticator a, int n, String address) {
    return a.authenticate(
        new LoginRequest("user" + n + "@example.com", "wrong password", address, "junit"));
  }

  @Test
  void fortyAddressesOfOneSlash64_shareOneLoginRateLimit() {
    PasswordAuthenticator a = authenticator(RateLimitSettings.defaults()); // 5/minute
    int refused = 0;
    for (int i = 1; i <= 40; i++) {
      String address = "2001:db8:1:2:" + Integer.toHexString(i) + ":0:0:" + i;
      if (login(a, i, address).failure().orElseThrow().code().equals("rate_limited")) {
        refused++;
      }
    }

    assertThat(hasher.verifications.get()).as("password checks").isEqualTo(5);
    assertThat(refused).isEqualTo(35);
  }

  @Test
  void fortyAddressesOfOneSlash64_shareOneFailedLoginBudget_andAnotherSlash64HasItsOwn() {
    RateLimitSettings limits =
        new RateLimitSettings(
            RateLimitRule.parse("1000/minute"),
            RateLimitRule.parse("30/hour"),
            RateLimitRule.parse("10/hour"),
            RateLimitRule.parse("5/hour"),
            64);
    PasswordAuthenticator a = authenticator(limits);
    for (int i = 1; i <= 40; i++) {
      login(a, i, "2001:db8:1:2::" + Integer.toHexString(i));
    }
    assertThat(hasher.verifications.get()).as("password checks from one /64").isEqualTo(30);

    // The neighbouring /64 is another customer.
    assertThat(login(a, 41, "2001:db8:1:3::1").failure().orElseThrow().code())
        .isEqualTo("invalid_credentials");
    assertThat(hasher.verifications.get()).isEqualTo(31);
  }

  @Test
  void prefix128_keysEveryAddressAlone() {
    PasswordAuthenticator a =
        authenticator(
            new RateLimitSettings(
                RateLimitRule.parse("5/minute"),
                RateLimitRule.parse("30/hour"),
                RateLimitRule.parse("10/hour"),
                RateLimitRule.parse("5/hour"),
                128));
    for (int i = 1; i <= 10; i++) {
      assertThat(login(a, i, "2001:db8:1:2::" + i).failure().orElseThrow().code())
          .isEqualTo("invalid_credentials");
    }
  }

  @Test
  void anIpv4MappedAddress_sharesTheLimitOfItsIpv4Address() {
    PasswordAuthenticator a = authenticator(RateLimitSettings.defaults());
    for (int i = 1; i <= 5; i++) {
      login(a, i, i % 2 == 0 ? "203.0.113.7" : "::ffff:203.0.113.7");
    }

    assertThat(login(a, 6, "[::ffff:cb00:7107]").failure().orElseThrow().code())
        .isEqualTo("rate_limited");
  }
}
