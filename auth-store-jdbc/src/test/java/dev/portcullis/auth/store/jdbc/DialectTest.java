package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import java.time.Clock;
import org.junit.jupiter.api.Test;

final class DialectTest {

  @Test
  void h2OutsidePostgresqlMode_isRefusedWithTheUrlToUse() {
    JdbcStoreSettings settings =
        JdbcStoreSettings.forUrl("jdbc:h2:mem:plain_h2", "sa", "").withMigrateOnStart(true);

    assertThatThrownBy(() -> JdbcStores.open(settings, Clock.systemUTC(), LockoutPolicy.defaults()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.store.jdbc.url")
        .hasMessageContaining("MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @Test
  void aUrlWithoutADriver_isRefusedNamingTheDriverToAdd() {
    JdbcStoreSettings settings = JdbcStoreSettings.forUrl("jdbc:nosuchdb://host/db", "u", "p");

    assertThatThrownBy(() -> JdbcStores.open(settings, Clock.systemUTC(), LockoutPolicy.defaults()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no JDBC driver")
        .hasMessageContaining("org.postgresql:postgresql");
  }
}
