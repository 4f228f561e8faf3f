package dev.burrow.memory;

import org.lwjgl.system.MemoryUtil;

/**
 * The {@code 0xCD} pattern freed pool slots hold below OFF: written on free, proven intact on reuse. Frame arenas
 * use the same pattern for the bytes a frame used (their ranges are not whole words: they memset and scan their own).
 *
 * <p>Slots are a multiple of 8 bytes, so both sides work in 8-byte words. Small slots use int-counted loops, which
 * C2 unrolls (LWJGL's {@code memSet} counts in {@code long}, a loop C2 keeps with a safepoint poll per word, and
 * branches on size and alignment first); a check folds every word into one difference and branches once. Large slots
 * are filled by libc's {@code memset}.</p>
 */
final class Poison {
    static final byte BYTE = (byte) 0xCD;
    static final long WORD = 0xCDCDCDCDCDCDCDCDL;
    /** From this size on, libc's memset beats a Java loop. */
    private static final int MEMSET_BYTES = 256;

    private Poison() {
    }

    /** Poisons {@code bytes} (a multiple of 8) at {@code address}. */
    static void fill(long address, int bytes) {
        if (bytes >= MEMSET_BYTES) {
            MemoryUtil.memSet(address, BYTE, bytes);
            return;
        }
        int i = 0;
        for (; i + 32 <= bytes; i += 32) { // four words a turn: a 64-byte slot is two turns, no pre- or post-loop
            long p = address + i;
            MemoryUtil.memPutLong(p, WORD);
            MemoryUtil.memPutLong(p + 8, WORD);
            MemoryUtil.memPutLong(p + 16, WORD);
            MemoryUtil.memPutLong(p + 24, WORD);
        }
        for (; i < bytes; i += 8) {
            MemoryUtil.memPutLong(address + i, WORD);
        }
    }

    /** @return whether all {@code bytes} (a multiple of 8) at {@code address} still hold the poison */
    static boolean intact(long address, int bytes) {
        long diff = 0;
        int i = 0;
        for (; i + 32 <= bytes; i += 32) {
            long p = address + i;
            diff |= (MemoryUtil.memGetLong(p) ^ WORD) | (MemoryUtil.memGetLong(p + 8) ^ WORD)
                | (MemoryUtil.memGetLong(p + 16) ^ WORD) | (MemoryUtil.memGetLong(p + 24) ^ WORD);
        }
        for (; i < bytes; i += 8) {
            diff |= MemoryUtil.memGetLong(address + i) ^ WORD;
        }
        return diff == 0;
    }
}
