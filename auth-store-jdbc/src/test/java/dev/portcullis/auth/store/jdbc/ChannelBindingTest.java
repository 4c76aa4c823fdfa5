package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.store.jdbc.testsupport.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code channelBinding=require} in a JDBC URL is how an operator pins SCRAM with channel binding
 * against a man in the middle. The driver must refuse a server that lets the client in without it
 * (here {@code trust}, the weakest downgrade an impostor can offer): PostgreSQL JDBC 42.7.4 to
 * 42.7.6, so the 42.7.5 this project shipped, connected silently (CVE-2025-49146). The later
 * downgrade to SCRAM without channel binding (CVE-2026-54291, fixed in 42.7.12) is kept out by the
 * enforcer's version floor in the parent pom.
 */
final class ChannelBindingTest {

  @Test
  void channelBindingRequired_refusesAServerThatAuthenticatesWithoutIt() {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
    Properties props = new Properties();
    props.setProperty("user", EmbeddedPostgresServer.USER);
    props.setProperty("channelBinding", "require");
    props.setProperty("sslmode", "disable");

    assertThatThrownBy(() -> connect(server.jdbcUrl(), props))
        .isInstanceOf(SQLException.class)
        .hasMessageContainingAll("hannel binding", "required");
  }

  private static void connect(String url, Properties props) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, props)) {
      c.isValid(1);
    }
  }
}
