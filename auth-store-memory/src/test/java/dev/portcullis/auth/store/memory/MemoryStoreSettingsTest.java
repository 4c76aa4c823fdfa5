package dev.portcullis.auth.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.typesafe.config.ConfigFactory;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class MemoryStoreSettingsTest {

  @Test
  void defaults_areWhatReferenceConfSays() {
    assertThat(MemoryStoreSettings.fromConfig(ConfigFactory.defaultReference()))
        .isEqualTo(MemoryStoreSettings.defaults());
  }

  @Test
  void fromConfig_readsOverrides() {
    MemoryStoreSettings s =
        MemoryStoreSettings.fromConfig(
            ConfigFactory.parseString("auth.store.memory { max-users = 7, session-retention = 2h }")
                .withFallback(ConfigFactory.defaultReference()));

    assertThat(s.maxUsers()).isEqualTo(7);
    assertThat(s.sessionRetention()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void fromConfig_listsEveryUnreadableValueWithItsEnvironmentVariable() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                MemoryStoreSettings.fromConfig(
                    ConfigFactory.parseString(
                            "auth.store.memory { max-users = lots, reservation-timeout = soon }")
                        .withFallback(ConfigFactory.defaultReference())));

    assertThat(e.problems())
        .extracting(ConfigProblem::key, ConfigProblem::environmentVariable)
        .containsExactly(
            tuple("auth.store.memory.max-users", "AUTH_STORE_MEMORY_MAX_USERS"),
            tuple(
                "auth.store.memory.reservation-timeout", "AUTH_STORE_MEMORY_RESERVATION_TIMEOUT"));
  }

  @Test
  void constructor_listsEveryValueOutOfRangeAtOnce() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                new MemoryStoreSettings(
                    0, 1, Duration.ofSeconds(-1), 1, Duration.ZERO, 1, 1, 1, 0));

    assertThat(e.problems())
        .extracting(ConfigProblem::key)
        .containsExactly(
            "auth.store.memory.max-users",
            "auth.store.memory.session-retention",
            "auth.store.memory.reservation-timeout",
            "auth.store.memory.max-audit-records");
  }
}
