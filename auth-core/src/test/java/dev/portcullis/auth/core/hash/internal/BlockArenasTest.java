package dev.portcullis.auth.core.hash.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class BlockArenasTest {

  @Test
  void aGivenArenaIsTakenAgainByTheNextHashOfTheSameOrSmallerSize() {
    BlockArenas arenas = new BlockArenas(2);
    long[] first = arenas.take(1024);
    arenas.give(first);

    assertThat(arenas.take(512)).isSameAs(first);
  }

  @Test
  void anArenaTooSmallForTheNextHashIsDroppedNotKept() {
    BlockArenas arenas = new BlockArenas(2);
    long[] small = arenas.take(128);
    arenas.give(small);

    long[] large = arenas.take(1024);

    assertThat(large).isNotSameAs(small).hasSize(1024);
    assertThat(arenas.kept()).isZero();
  }

  @Test
  void keepsAtMostItsCapacityHoweverManyHashesRanAtOnce() {
    BlockArenas arenas = new BlockArenas(2);
    long[] a = arenas.take(128);
    long[] b = arenas.take(128);
    long[] c = arenas.take(128);

    arenas.give(a);
    arenas.give(b);
    arenas.give(c);

    assertThat(arenas.kept()).isEqualTo(2);
  }

  @Test
  void aHashGivesBackItsArenaClearedOfEveryBlock() {
    BlockArenas arenas = new BlockArenas(1);

    Argon2.hash(2, 0x13, new byte[] {1, 2, 3}, new byte[16], null, null, 64, 2, 1, 32, arenas);

    assertThat(arenas.kept()).isEqualTo(1);
    long[] arena = arenas.take(64 * Argon2.BLOCK_LONGS);
    assertThat(arena).containsOnly(0L);
  }
}
