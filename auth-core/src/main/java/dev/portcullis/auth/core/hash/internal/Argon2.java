package dev.portcullis.auth.core.hash.internal;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2 (RFC 9106) over {@code long[]} blocks taken from {@link BlockArenas}, written so that
 * HotSpot's C2 compiles its inner loop the same way at every start.
 *
 * <p>Why not Bouncy Castle's {@code Argon2BytesGenerator}: it allocates the whole memory cost (19
 * MiB by default) as 1 KiB objects on every call, and its compression function is a chain of small
 * methods over {@code Block} objects whose inlining C2 decides differently from one JVM start to
 * the next (about 30 or 60 ms for the same hash, issue 17). Here the memory is one {@code long[]}
 * reused between calls, and the BLAKE2b round is one straight-line method over sixteen local {@code
 * long}s ({@link #round}), too big to be inlined into its caller and so compiled on its own, always
 * the same way, calling only {@link #fBlaMka} (a few bytes, always inlined) and {@link
 * Long#rotateRight} (an intrinsic). BLAKE2b itself (the first blocks and the tag) is Bouncy
 * Castle's; it runs a few dozen times per hash.
 *
 * <p>Lanes are filled one after the other on the calling thread: within a slice no lane reads
 * another lane's current segment, so the order does not change the result. Stateless and
 * thread-safe.
 */
final class Argon2 {
  /** 1 KiB blocks of 128 64-bit words. */
  static final int BLOCK_LONGS = 128;

  private static final int SYNC_POINTS = 4;
  private static final int ADDRESSES_PER_BLOCK = BLOCK_LONGS;
  private static final int PREHASH_LENGTH = 64;
  private static final int TYPE_D = 0;
  private static final int TYPE_I = 1;
  private static final int TYPE_ID = 2;
  private static final long LOW_32 = 0xFFFF_FFFFL;

  private Argon2() {}

  /**
   * One Argon2 tag. {@code type} is 0 (d), 1 (i) or 2 (id); {@code version} 0x10 or 0x13; {@code
   * secret} and {@code associatedData} may be {@code null}. The caller has checked the ranges
   * (memory at least 8 x parallelism, at least one pass, an output of at least 4 bytes).
   */
  static byte[] hash(
      int type,
      int version,
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associatedData,
      int memoryKib,
      int iterations,
      int parallelism,
      int outputLength,
      BlockArenas arenas) {
    int segmentLength = memoryKib / (SYNC_POINTS * parallelism);
    int laneLength = segmentLength * SYNC_POINTS;
    int blockCount = laneLength * parallelism;
    byte[] h0 =
        prehash(
            type,
            version,
            password,
            salt,
            secret,
            associatedData,
            memoryKib,
            iterations,
            parallelism,
            outputLength);
    long[] memory = arenas.take(blockCount * BLOCK_LONGS);
    try {
      Filler filler = new Filler(memory, type, version, iterations, parallelism, laneLength);
      filler.firstBlocks(h0);
      for (int pass = 0; pass < iterations; pass++) {
        for (int slice = 0; slice < SYNC_POINTS; slice++) {
          for (int lane = 0; lane < parallelism; lane++) {
            filler.segment(pass, slice, lane);
          }
        }
      }
      return filler.tag(outputLength);
    } finally {
      // As the reference implementation does: blocks left in memory would let whoever reads the
      // heap test password guesses at the cost of a BLAKE2b instead of a whole Argon2.
      Arrays.fill(memory, 0, blockCount * BLOCK_LONGS, 0L);
      Arrays.fill(h0, (byte) 0);
      arenas.give(memory);
    }
  }

  private static byte[] prehash(
      int type,
      int version,
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associatedData,
      int memoryKib,
      int iterations,
      int parallelism,
      int outputLength) {
    Blake2bDigest digest = new Blake2bDigest(PREHASH_LENGTH * 8);
    updateInt(digest, parallelism);
    updateInt(digest, outputLength);
    updateInt(digest, memoryKib);
    updateInt(digest, iterations);
    updateInt(digest, version);
    updateInt(digest, type);
    updateField(digest, password);
    updateField(digest, salt);
    updateField(digest, secret);
    updateField(digest, associatedData);
    byte[] h0 = new byte[PREHASH_LENGTH];
    digest.doFinal(h0, 0);
    return h0;
  }

  private static void updateField(Blake2bDigest digest, byte[] field) {
    if (field == null) {
      updateInt(digest, 0);
    } else {
      updateInt(digest, field.length);
      digest.update(field, 0, field.length);
    }
  }

  private static void updateInt(Blake2bDigest digest, int value) {
    digest.update((byte) value);
    digest.update((byte) (value >>> 8));
    digest.update((byte) (value >>> 16));
    digest.update((byte) (value >>> 24));
  }

  /**
   * H' of RFC 9106 section 3.3: BLAKE2b of any output length over {@code LE32(length) || input}.
   */
  static byte[] variableHash(int length, byte[]... input) {
    byte[] out = new byte[length];
    if (length <= 64) {
      Blake2bDigest digest = new Blake2bDigest(length * 8);
      updateInt(digest, length);
      for (byte[] part : input) {
        digest.update(part, 0, part.length);
      }
      digest.doFinal(out, 0);
      return out;
    }
    Blake2bDigest digest = new Blake2bDigest(512);
    updateInt(digest, length);
    for (byte[] part : input) {
      digest.update(part, 0, part.length);
    }
    byte[] v = new byte[64];
    digest.doFinal(v, 0);
    System.arraycopy(v, 0, out, 0, 32);
    int position = 32;
    int remaining = length - 32;
    while (remaining > 64) {
      digest.reset();
      digest.update(v, 0, 64);
      digest.doFinal(v, 0);
      System.arraycopy(v, 0, out, position, 32);
      position += 32;
      remaining -= 32;
    }
    Blake2bDigest last = new Blake2bDigest(remaining * 8);
    last.update(v, 0, 64);
    last.doFinal(out, position);
    Arrays.fill(v, (byte) 0);
    return out;
  }

  /** The fill of one hash: the memory, its geometry and the three scratch blocks. */
  private static final class Filler {
    private final long[] memory;
    private final int type;
    private final int version;
    private final int iterations;
    private final int lanes;
    private final int laneLength;
    private final int segmentLength;
    private final long[] work = new long[BLOCK_LONGS];
    private final long[] copy = new long[BLOCK_LONGS];
    private final long[] input = new long[BLOCK_LONGS];
    private final long[] addresses = new long[BLOCK_LONGS];

    Filler(long[] memory, int type, int version, int iterations, int lanes, int laneLength) {
      this.memory = memory;
      this.type = type;
      this.version = version;
      this.iterations = iterations;
      this.lanes = lanes;
      this.laneLength = laneLength;
      this.segmentLength = laneLength / SYNC_POINTS;
    }

    void firstBlocks(byte[] h0) {
      for (int lane = 0; lane < lanes; lane++) {
        for (int column = 0; column < 2; column++) {
          byte[] block = variableHash(BLOCK_LONGS * 8, h0, le32(column), le32(lane));
          int offset = (lane * laneLength + column) * BLOCK_LONGS;
          for (int k = 0; k < BLOCK_LONGS; k++) {
            memory[offset + k] = le64(block, k * 8);
          }
          Arrays.fill(block, (byte) 0);
        }
      }
    }

    void segment(int pass, int slice, int lane) {
      boolean independent = type == TYPE_I || (type == TYPE_ID && pass == 0 && slice < 2);
      int start = pass == 0 && slice == 0 ? 2 : 0;
      if (independent) {
        Arrays.fill(input, 0L);
        input[0] = pass;
        input[1] = lane;
        input[2] = slice;
        input[3] = (long) laneLength * lanes;
        input[4] = iterations;
        input[5] = type;
        if (start == 2) {
          nextAddresses();
        }
      }
      int current = lane * laneLength + slice * segmentLength + start;
      int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
      boolean xor = pass != 0 && version != 0x10;
      for (int index = start; index < segmentLength; index++, current++, previous++) {
        if (current % laneLength == 1) {
          previous = current - 1;
        }
        long random;
        if (independent) {
          if (index % ADDRESSES_PER_BLOCK == 0) {
            nextAddresses();
          }
          random = addresses[index % ADDRESSES_PER_BLOCK];
        } else {
          random = memory[previous * BLOCK_LONGS];
        }
        int referenceLane = pass == 0 && slice == 0 ? lane : (int) ((random >>> 32) % lanes);
        int referenceIndex =
            referenceIndex(pass, slice, index, random & LOW_32, referenceLane == lane);
        int reference = referenceLane * laneLength + referenceIndex;
        fillBlock(
            memory,
            previous * BLOCK_LONGS,
            memory,
            reference * BLOCK_LONGS,
            memory,
            current * BLOCK_LONGS,
            xor,
            work,
            copy);
      }
    }

    private int referenceIndex(int pass, int slice, int index, long random, boolean sameLane) {
      long area;
      if (pass == 0) {
        if (slice == 0) {
          area = index - 1;
        } else if (sameLane) {
          area = (long) slice * segmentLength + index - 1;
        } else {
          area = (long) slice * segmentLength + (index == 0 ? -1 : 0);
        }
      } else if (sameLane) {
        area = laneLength - segmentLength + index - 1;
      } else {
        area = laneLength - segmentLength + (index == 0 ? -1 : 0);
      }
      long relative = (random * random) >>> 32;
      relative = area - 1 - ((area * relative) >>> 32);
      long start = 0;
      if (pass != 0 && slice != SYNC_POINTS - 1) {
        start = (long) (slice + 1) * segmentLength;
      }
      return (int) ((start + relative) % laneLength);
    }

    private void nextAddresses() {
      input[6]++;
      // G(0, input) then G(0, that): with a zero block, "previous XOR reference" is the reference.
      fillBlock(null, -1, input, 0, addresses, 0, false, work, copy);
      fillBlock(null, -1, addresses, 0, addresses, 0, false, work, copy);
    }

    byte[] tag(int outputLength) {
      long[] last = new long[BLOCK_LONGS];
      for (int lane = 0; lane < lanes; lane++) {
        int offset = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
        for (int k = 0; k < BLOCK_LONGS; k++) {
          last[k] ^= memory[offset + k];
        }
      }
      byte[] bytes = new byte[BLOCK_LONGS * 8];
      for (int k = 0; k < BLOCK_LONGS; k++) {
        putLe64(bytes, k * 8, last[k]);
      }
      byte[] tag = variableHash(outputLength, bytes);
      Arrays.fill(bytes, (byte) 0);
      return tag;
    }
  }

  /**
   * The compression function G of RFC 9106 section 3.5 into {@code memory[current..]}: R = previous
   * XOR reference (or reference alone when {@code previousBlocks} is null); the permutation P on
   * R's rows, then on its columns; the result is P(R) XOR R, XORed into the old block when {@code
   * xor} (passes after the first, version 0x13). {@code reference} may live in another array (the
   * address blocks). {@code current} may be {@code reference}'s block: it is read before written.
   */
  static void fillBlock(
      long[] previousBlocks,
      int previous,
      long[] referenceBlocks,
      int reference,
      long[] memory,
      int current,
      boolean xor,
      long[] work,
      long[] copy) {
    if (previousBlocks == null) {
      System.arraycopy(referenceBlocks, reference, work, 0, BLOCK_LONGS);
    } else {
      for (int k = 0; k < BLOCK_LONGS; k++) {
        work[k] = previousBlocks[previous + k] ^ referenceBlocks[reference + k];
      }
    }
    if (xor) {
      for (int k = 0; k < BLOCK_LONGS; k++) {
        copy[k] = work[k] ^ memory[current + k];
      }
    } else {
      System.arraycopy(work, 0, copy, 0, BLOCK_LONGS);
    }
    for (int row = 0; row < 8; row++) {
      round(work, 16 * row, 2);
    }
    for (int column = 0; column < 8; column++) {
      round(work, 2 * column, 16);
    }
    for (int k = 0; k < BLOCK_LONGS; k++) {
      memory[current + k] = copy[k] ^ work[k];
    }
  }

  /**
   * One BLAKE2b round without message words (RFC 9106 section 3.6, with {@link #fBlaMka}) on the
   * sixteen words {@code v[base + (i / 2) * stride + i % 2]}: stride 2 is a row of the block,
   * stride 16 a column. One method of straight-line code over locals on purpose (see the class
   * comment).
   */
  static void round(long[] v, int base, int stride) {
    int i0 = base;
    int i2 = base + stride;
    int i4 = i2 + stride;
    int i6 = i4 + stride;
    int i8 = i6 + stride;
    int i10 = i8 + stride;
    int i12 = i10 + stride;
    int i14 = i12 + stride;
    long v0 = v[i0];
    long v1 = v[i0 + 1];
    long v2 = v[i2];
    long v3 = v[i2 + 1];
    long v4 = v[i4];
    long v5 = v[i4 + 1];
    long v6 = v[i6];
    long v7 = v[i6 + 1];
    long v8 = v[i8];
    long v9 = v[i8 + 1];
    long v10 = v[i10];
    long v11 = v[i10 + 1];
    long v12 = v[i12];
    long v13 = v[i12 + 1];
    long v14 = v[i14];
    long v15 = v[i14 + 1];

    // G(v0, v4, v8, v12)
    v0 = fBlaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 = fBlaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 = fBlaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 = fBlaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 63);
    // G(v1, v5, v9, v13)
    v1 = fBlaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 = fBlaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 = fBlaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 = fBlaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 63);
    // G(v2, v6, v10, v14)
    v2 = fBlaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 = fBlaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 = fBlaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 = fBlaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 63);
    // G(v3, v7, v11, v15)
    v3 = fBlaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 = fBlaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 = fBlaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 = fBlaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 63);
    // G(v0, v5, v10, v15)
    v0 = fBlaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 = fBlaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 = fBlaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 = fBlaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 63);
    // G(v1, v6, v11, v12)
    v1 = fBlaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 = fBlaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 = fBlaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 = fBlaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 63);
    // G(v2, v7, v8, v13)
    v2 = fBlaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 = fBlaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 = fBlaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 = fBlaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 63);
    // G(v3, v4, v9, v14)
    v3 = fBlaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 = fBlaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 = fBlaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 = fBlaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 63);

    v[i0] = v0;
    v[i0 + 1] = v1;
    v[i2] = v2;
    v[i2 + 1] = v3;
    v[i4] = v4;
    v[i4 + 1] = v5;
    v[i6] = v6;
    v[i6 + 1] = v7;
    v[i8] = v8;
    v[i8 + 1] = v9;
    v[i10] = v10;
    v[i10 + 1] = v11;
    v[i12] = v12;
    v[i12 + 1] = v13;
    v[i14] = v14;
    v[i14 + 1] = v15;
  }

  /** BlaMka's multiply-add: {@code a + b + 2 * lo32(a) * lo32(b)}, modulo 2^64. */
  static long fBlaMka(long a, long b) {
    return a + b + 2 * (a & LOW_32) * (b & LOW_32);
  }

  private static byte[] le32(int value) {
    return new byte[] {
      (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)
    };
  }

  private static long le64(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[offset + i] & 0xFF);
    }
    return value;
  }

  private static void putLe64(byte[] bytes, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      bytes[offset + i] = (byte) (value >>> (8 * i));
    }
  }
}
