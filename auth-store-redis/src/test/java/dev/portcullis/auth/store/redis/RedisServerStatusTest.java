package dev.portcullis.auth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import org.junit.jupiter.api.Test;

final class RedisServerStatusTest {

  @Test
  void noevictionServer_isOk_andWarnsThatPersistenceIsOff() {
    RedisServerStatus status = RedisStores.serverStatus(RedisServer.shared().settings());

    assertThat(status.state()).isEqualTo(RedisServerStatus.State.OK);
    assertThat(status.maxmemoryPolicy()).isEqualTo("noeviction");
    assertThat(status.version()).startsWith("7.");
    assertThat(status.persistence()).isEqualTo("none");
    assertThat(status.warnings()).singleElement().asString().contains("appendonly yes");
  }

  @Test
  void evictingServer_isMisconfigured_namingThePolicyAndTheFix() {
    try (RedisServer evicting = RedisServer.start("--maxmemory-policy", "allkeys-lru")) {
      RedisServerStatus status = RedisStores.serverStatus(evicting.settings());

      assertThat(status.state()).isEqualTo(RedisServerStatus.State.MISCONFIGURED);
      assertThat(status.problems())
          .singleElement()
          .asString()
          .contains("allkeys-lru")
          .contains("maxmemory-policy noeviction");
    }
  }

  @Test
  void stoppedServer_isUnreachable_notAnException() {
    RedisServer stopped = RedisServer.start();
    stopped.close();

    RedisServerStatus status = RedisStores.serverStatus(stopped.settings());

    assertThat(status.state()).isEqualTo(RedisServerStatus.State.UNREACHABLE);
    assertThat(status.problems()).singleElement().asString().contains("cannot connect to Redis");
  }
}
