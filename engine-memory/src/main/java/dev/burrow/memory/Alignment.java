package dev.burrow.memory;

/** The alignment rule every allocator shares: a power of two, at most 1 MiB. */
final class Alignment {
    static final int MAX = 1 << 20;

    private Alignment() {
    }

    /** @throws IllegalArgumentException naming the bad alignment */
    static void check(int align) {
        if (align <= 0 || Integer.bitCount(align) != 1 || align > MAX) {
            throw new IllegalArgumentException("alignment must be a power of two up to 1 MiB: " + align);
        }
    }
}
