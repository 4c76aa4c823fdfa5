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

  /** The fill of one hash: the memory, its geometry and the scratch blocks. */
  private static final class Filler {
    private final long[] memory;
    private final int type;
    private final int version;
    private final int iterations;
    private final int lanes;
    private final int laneLength;
    private final int segmentLength;
    private final long[] work = new long[BLOCK_LONGS];
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
      // The block before the first of a lane is the lane's last block.
      int previous = slice == 0 && start == 0 ? current + laneLength - 1 : current - 1;
      boolean xor = pass != 0 && version != 0x10;
      boolean ownLaneOnly = lanes == 1 || (pass == 0 && slice == 0);
      for (int index = start; index < segmentLength; index++, current++) {
        long random;
        if (independent) {
          if ((index & (ADDRESSES_PER_BLOCK - 1)) == 0) {
            nextAddresses();
          }
          random = addresses[index & (ADDRESSES_PER_BLOCK - 1)];
        } else {
          random = memory[previous * BLOCK_LONGS];
        }
        int referenceLane = ownLaneOnly ? lane : (int) ((random >>> 32) % lanes);
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
            work);
        previous = current;
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
      int start = pass != 0 && slice != SYNC_POINTS - 1 ? (slice + 1) * segmentLength : 0;
      // start + relative < 2 x laneLength: a subtraction instead of a division.
      int position = start + (int) relative;
      return position >= laneLength ? position - laneLength : position;
    }

    private void nextAddresses() {
      input[6]++;
      // G(0, input) then G(0, that): with a zero block, "previous XOR reference" is the reference.
      fillBlock(null, -1, input, 0, addresses, 0, false, work);
      fillBlock(null, -1, addresses, 0, addresses, 0, false, work);
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
   * xor} (passes after the first, version 0x13; never with a null {@code previousBlocks}). {@code
   * reference} may live in another array (the address blocks). {@code current} may be {@code
   * reference}'s block: it is read before written.
   */
  static void fillBlock(
      long[] previousBlocks,
      int previous,
      long[] referenceBlocks,
      int reference,
      long[] memory,
      int current,
      boolean xor,
      long[] work) {
    // The block is written twice: first R (XOR the old block), then XOR P(R) in roundColumn.
    if (previousBlocks == null) {
      System.arraycopy(referenceBlocks, reference, work, 0, BLOCK_LONGS);
      System.arraycopy(work, 0, memory, current, BLOCK_LONGS);
    } else if (xor) {
      for (int k = 0; k < BLOCK_LONGS; k++) {
        long r = previousBlocks[previous + k] ^ referenceBlocks[reference + k];
        work[k] = r;
        memory[current + k] ^= r;
      }
    } else {
      for (int k = 0; k < BLOCK_LONGS; k++) {
        long r = previousBlocks[previous + k] ^ referenceBlocks[reference + k];
        work[k] = r;
        memory[current + k] = r;
      }
    }
    for (int row = 0; row < 8; row++) {
      roundRow(work, 16 * row);
    }
    for (int column = 0; column < 8; column++) {
      roundColumn(work, 2 * column, memory, current);
    }
  }

  /**
   * One BLAKE2b round without message words (RFC 9106 section 3.6, with {@link #fBlaMka}) on row
   * {@code base / 16} of the block: the sixteen words {@code v[base .. base + 15]}. Straight-line
   * code on purpose (see the class comment): each of the eight G steps loads its four words into
   * locals, mixes them and stores them, so no more than four words are live at a time and C2 keeps
   * them in registers.
   */
  static void roundRow(long[] v, int base) {
    {
      long a = v[base + 0];
      long b = v[base + 4];
      long c = v[base + 8];
      long d = v[base + 12];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 0] = a;
      v[base + 4] = b;
      v[base + 8] = c;
      v[base + 12] = d;
    }
    {
      long a = v[base + 1];
      long b = v[base + 5];
      long c = v[base + 9];
      long d = v[base + 13];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 1] = a;
      v[base + 5] = b;
      v[base + 9] = c;
      v[base + 13] = d;
    }
    {
      long a = v[base + 2];
      long b = v[base + 6];
      long c = v[base + 10];
      long d = v[base + 14];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 2] = a;
      v[base + 6] = b;
      v[base + 10] = c;
      v[base + 14] = d;
    }
    {
      long a = v[base + 3];
      long b = v[base + 7];
      long c = v[base + 11];
      long d = v[base + 15];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 3] = a;
      v[base + 7] = b;
      v[base + 11] = c;
      v[base + 15] = d;
    }
    {
      long a = v[base + 0];
      long b = v[base + 5];
      long c = v[base + 10];
      long d = v[base + 15];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 0] = a;
      v[base + 5] = b;
      v[base + 10] = c;
      v[base + 15] = d;
    }
    {
      long a = v[base + 1];
      long b = v[base + 6];
      long c = v[base + 11];
      long d = v[base + 12];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 1] = a;
      v[base + 6] = b;
      v[base + 11] = c;
      v[base + 12] = d;
    }
    {
      long a = v[base + 2];
      long b = v[base + 7];
      long c = v[base + 8];
      long d = v[base + 13];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 2] = a;
      v[base + 7] = b;
      v[base + 8] = c;
      v[base + 13] = d;
    }
    {
      long a = v[base + 3];
      long b = v[base + 4];
      long c = v[base + 9];
      long d = v[base + 14];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 3] = a;
      v[base + 4] = b;
      v[base + 9] = c;
      v[base + 14] = d;
    }
  }

  /**
   * As {@link #roundRow}, on column {@code base / 2} of the block seen as an 8 x 8 matrix of
   * 16-byte registers: the words {@code v[base + 16 * i]} and {@code v[base + 16 * i + 1]}. The
   * last round of G: the four last G steps, which touch each word a last time, XOR their words into
   * {@code out[at ..]} (the new block, which holds R) instead of storing them back, which saves a
   * pass over the block.
   */
  static void roundColumn(long[] v, int base, long[] out, int at) {
    at += base;
    {
      long a = v[base + 0];
      long b = v[base + 32];
      long c = v[base + 64];
      long d = v[base + 96];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 0] = a;
      v[base + 32] = b;
      v[base + 64] = c;
      v[base + 96] = d;
    }
    {
      long a = v[base + 1];
      long b = v[base + 33];
      long c = v[base + 65];
      long d = v[base + 97];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 1] = a;
      v[base + 33] = b;
      v[base + 65] = c;
      v[base + 97] = d;
    }
    {
      long a = v[base + 16];
      long b = v[base + 48];
      long c = v[base + 80];
      long d = v[base + 112];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 16] = a;
      v[base + 48] = b;
      v[base + 80] = c;
      v[base + 112] = d;
    }
    {
      long a = v[base + 17];
      long b = v[base + 49];
      long c = v[base + 81];
      long d = v[base + 113];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      v[base + 17] = a;
      v[base + 49] = b;
      v[base + 81] = c;
      v[base + 113] = d;
    }
    {
      long a = v[base + 0];
      long b = v[base + 33];
      long c = v[base + 80];
      long d = v[base + 113];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      out[at + 0] ^= a;
      out[at + 33] ^= b;
      out[at + 80] ^= c;
      out[at + 113] ^= d;
    }
    {
      long a = v[base + 1];
      long b = v[base + 48];
      long c = v[base + 81];
      long d = v[base + 96];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      out[at + 1] ^= a;
      out[at + 48] ^= b;
      out[at + 81] ^= c;
      out[at + 96] ^= d;
    }
    {
      long a = v[base + 16];
      long b = v[base + 49];
      long c = v[base + 64];
      long d = v[base + 97];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      out[at + 16] ^= a;
      out[at + 49] ^= b;
      out[at + 64] ^= c;
      out[at + 97] ^= d;
    }
    {
      long a = v[base + 17];
      long b = v[base + 32];
      long c = v[base + 65];
      long d = v[base + 112];
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 32);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 24);
      a = fBlaMka(a, b);
      d = Long.rotateRight(d ^ a, 16);
      c = fBlaMka(c, d);
      b = Long.rotateRight(b ^ c, 63);
      out[at + 17] ^= a;
      out[at + 32] ^= b;
      out[at + 65] ^= c;
      out[at + 112] ^= d;
    }
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
