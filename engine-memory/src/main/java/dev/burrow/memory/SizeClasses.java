package dev.burrow.memory;

/**
 * The size classes of {@link SizeClassHeap}: powers of two and the halves between them, all multiples of 16 (so
 * every block is aligned to at least 16 bytes, as malloc promises): 16, 32, 48, 64, 96, 128, 192 ... 3072, 4096.
 * A request is rounded up to its class, so no block wastes more than a third of itself (a quarter from 64 up).
 * The class of a size is one table load.
 */
final class SizeClasses {
    /** Bytes of each class, smallest first. */
    static final int[] BYTES = {16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096};
    /** Number of classes. */
    static final int COUNT = BYTES.length;
    /** The largest size served from a class; larger requests get their own block from the native heap. */
    static final int MAX_SMALL = BYTES[COUNT - 1];
    /** The largest alignment a class block can promise at every debug level (slot alignment stops at 64). */
    static final int MAX_SMALL_ALIGN = 64;
    /** Class index by {@code (size + 15) >>> 4}, for sizes 0..{@link #MAX_SMALL}. */
    private static final byte[] BY_SIXTEENTH = new byte[(MAX_SMALL >>> 4) + 1];

    static {
        int c = 0;
        for (int i = 0; i < BY_SIXTEENTH.length; i++) {
            while (BYTES[c] < i << 4) {
                c++;
            }
            BY_SIXTEENTH[i] = (byte) c;
        }
    }

    private SizeClasses() {
    }

    /** @return the class of {@code size}, which must be in {@code [0, MAX_SMALL]} (0 gets the smallest class) */
    static int of(long size) {
        return BY_SIXTEENTH[(int) ((size + 15) >>> 4)];
    }

    /**
     * @return the class for {@code size} bytes aligned to {@code align} (a power of two up to
     *         {@link #MAX_SMALL_ALIGN}), or -1 when it must be a block of its own
     */
    static int of(long size, long align) {
        if (size < 0 || size > MAX_SMALL) {
            return -1;
        }
        if (align <= 16) {
            return of(size);
        }
        // A power-of-two class is aligned to its size (slabs are aligned to theirs, slots sit at multiples of it).
        long pow2 = Long.highestOneBit(Math.max(size, align) * 2 - 1);
        return align > MAX_SMALL_ALIGN || pow2 > MAX_SMALL ? -1 : of(pow2);
    }
}
