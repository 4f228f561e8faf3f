package dev.burrow.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The slot arithmetic of {@link Slabs} against plain division, for strides with and without an odd part, over made-up
 * slab bases (nothing is read or written at them).
 */
class SlabsTest {
    /** Hands out aligned addresses that are never touched; none in the table's first cell, where 0 would land. */
    private static final class FakeSource implements SlabSource {
        private long next;

        @Override
        public long allocSlab(long bytes, String pool) {
            if (next == 0) {
                next = (1L << 40) + 5 * bytes;
            }
            next = (next + bytes - 1) & -bytes;
            long b = next;
            next += bytes * 3; // leave gaps: addresses between slabs are foreign
            return b;
        }

        @Override
        public void freeSlab(long base, long bytes) {
        }
    }

    private static final int[] STRIDES = {8, 16, 24, 40, 48, 64, 72, 96, 136, 200, 1000, 4096, 4104, 65536};

    @Test
    void everySlotStartIsFoundAndEveryOtherOffsetIsNot() {
        for (int stride : STRIDES) {
            Slabs slabs = new Slabs(stride, 16 * 1024, new FakeSource(), false);
            int s0 = slabs.grow("t");
            int s1 = slabs.grow("t");
            for (int s : new int[]{s0, s1}) {
                long base = slabs.addressOf(s * slabs.perSlab);
                for (long off = 0; off < slabs.slabBytes; off += off < 4 * stride ? 1 : 7) {
                    long a = base + off;
                    boolean start = off % stride == 0 && off / stride < slabs.perSlab;
                    assertEquals(start, slabs.isSlotStart(a), "stride " + stride + " offset " + off);
                    assertEquals(start ? s * slabs.perSlab + (int) (off / stride) : -1, slabs.indexOf(a),
                            "stride " + stride + " offset " + off);
                }
            }
        }
    }

    @Test
    void addressesOutsideTheSlabsAreNotSlots() {
        for (int stride : STRIDES) {
            Slabs slabs = new Slabs(stride, 16 * 1024, new FakeSource(), false);
            slabs.grow("t");
            long base = slabs.addressOf(0);
            long[] forged = {0, 1, 8, stride, 2L * stride, slabs.slabBytes, base - stride, base + slabs.slabBytes,
                    base + 2 * slabs.slabBytes, base ^ Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + stride, -1L,
                    -stride, Long.MAX_VALUE, 1L << 62, (1L << 62) + stride};
            for (long a : forged) {
                assertEquals(-1, slabs.indexOf(a), "stride " + stride + " address " + Long.toHexString(a));
            }
        }
    }

    @Test
    void theInverseOfAnOddNumberIsExact() {
        for (long odd = 1; odd < 100_001; odd += 2) {
            assertEquals(1L, odd * Slabs.inverseOfOdd(odd), "odd " + odd);
        }
    }
}
