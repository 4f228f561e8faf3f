package dev.burrow.memory;

/**
 * The bit layout of a pool handle and of the per-slot state word it is checked against.
 *
 * <pre>
 *  handle (int, always &gt; 0)      31   30 ........ 20   19 ............ 0
 *                                  0    generation      slot index
 *  slot state word (int)           F    generation      slot index
 *                                  F = {@link #FREE_BIT}: set while the slot is free
 * </pre>
 *
 * <p>A live slot's state word equals its handle, so checking a handle is one {@code int} compare against the
 * state array: a released slot has {@code FREE_BIT} set (a handle is never negative), a reused one has another
 * generation, a slot never handed out has the word 0 (a handle's generation is never 0). Generations run
 * {@code 1..}{@link #GENERATION_LIMIT} and start at a per-pool offset, so a handle of another pool does not
 * validate against the same index of this one while both slots are on the same reuse count.</p>
 */
final class HandleLayout {
    /** Bits of slot index. */
    static final int INDEX_BITS = 20;
    /** Mask of the slot index. */
    static final int INDEX_MASK = (1 << INDEX_BITS) - 1;
    /** The largest generation; after it comes 1 again. */
    static final int GENERATION_LIMIT = (1 << 11) - 1;
    /** Set in a state word while the slot is free. */
    static final int FREE_BIT = 0x8000_0000;

    private HandleLayout() {
    }

    /** @return the handle of slot {@code index} at {@code generation} (1..{@link #GENERATION_LIMIT}) */
    static int handle(int generation, int index) {
        return (generation << INDEX_BITS) | index;
    }

    /** @return the generation field of a handle or state word (0 for a word never used) */
    static int generation(int word) {
        return (word >>> INDEX_BITS) & GENERATION_LIMIT;
    }

    /** @return the slot index of a handle or state word */
    static int index(int word) {
        return word & INDEX_MASK;
    }

    /**
     * @param word the slot's state word (0 when never used)
     * @param salt the pool's generation offset, 0..{@link #GENERATION_LIMIT}-1
     * @return the generation the slot's next allocation gets
     */
    static int nextGeneration(int word, int salt) {
        int g = generation(word);
        if (g == 0) {
            return 1 + salt;
        }
        return g == GENERATION_LIMIT ? 1 : g + 1;
    }
}
