package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Poison}'s overlapping words against the plain definition, for every slot size up to past the memset
 * threshold: a fill covers exactly its range (every byte poisoned, the bytes either side untouched), and a check
 * sees a change to any single byte of the range and none outside it.
 */
class PoisonTest {
    private static final int MARGIN = 64;
    private static final byte OUTSIDE = 0x5A;

    /** One poisoned range of a size, with {@link #MARGIN} bytes of {@link #OUTSIDE} either side. */
    private interface Check {
        void poisoned(long address, int bytes);
    }

    /** Fills every size 8..1024 in turn, in a block whose bytes around the range hold {@link #OUTSIDE}. */
    private static void eachSize(Check check) {
        long block = MemoryUtil.nmemAlloc(1024 + 2 * MARGIN);
        try {
            for (int bytes = 8; bytes <= 1024; bytes += 8) {
                MemoryUtil.memSet(block, OUTSIDE, 1024 + 2 * MARGIN);
                long a = block + MARGIN;
                Poison.fill(a, bytes);
                check.poisoned(a, bytes);
            }
        } finally {
            MemoryUtil.nmemFree(block);
        }
    }

    @Test
    void fillCoversExactlyItsRange() {
        eachSize((a, bytes) -> {
            for (int i = -MARGIN; i < bytes + MARGIN; i++) {
                byte want = i >= 0 && i < bytes ? Poison.BYTE : OUTSIDE;
                assertEquals(want, MemoryUtil.memGetByte(a + i), "size " + bytes + ", byte " + i);
            }
        });
    }

    @Test
    void aCheckSeesEveryByteOfItsRangeAndNothingElse() {
        eachSize((a, bytes) -> {
            assertTrue(Poison.intact(a, bytes), "size " + bytes);
            for (int i = 0; i < bytes; i++) {
                MemoryUtil.memPutByte(a + i, (byte) 0);
                assertFalse(Poison.intact(a, bytes), "size " + bytes + ": a write at byte " + i + " went unseen");
                MemoryUtil.memPutByte(a + i, Poison.BYTE);
            }
            MemoryUtil.memPutByte(a - 1, (byte) 0);
            MemoryUtil.memPutByte(a + bytes, (byte) 0);
            assertTrue(Poison.intact(a, bytes), "size " + bytes + ": a byte outside the range was checked");
        });
    }
}
