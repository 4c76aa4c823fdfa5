package dev.portcullis.auth.store.jdbc.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

final class EmbeddedPostgresServerTest {

  @Test
  void sharedServer_answersQueries_asAnUnprivilegedServerProcess() throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();

    try (Connection c = server.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version(), current_user")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith("PostgreSQL");
      assertThat(rs.getString(2)).isEqualTo(EmbeddedPostgresServer.USER);
    }
    assertThat(server.running()).isTrue();
  }

  @Test
  void sharedServer_runsAMajorVersionStillInCommunitySupport() throws Exception {
    // PostgreSQL 14 reached end of life in November 2026; 17 is supported until November 2029.
    try (Connection c = EmbeddedPostgresServer.shared().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version_num")) {
      assertThat(rs.next()).isTrue();
      assertThat(Integer.parseInt(rs.getString(1)) / 10_000).isGreaterThanOrEqualTo(17);
    }
  }

  @Test
  void ownServer_keepsItsDataAcrossRestart_andStopsOnClose() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      try (Connection c = server.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (v INT)");
        s.execute("INSERT INTO kept VALUES (42)");
      }
      server.stop();
      assertThat(server.running()).isFalse();
      server.restart();
      try (Connection c = server.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }
}
