package dev.burrow.memory;

/**
 * Where a pool's slabs come from: the engine's native heap (freed when the pool closes) or a level group (freed
 * when the group closes, never by the pool).
 */
interface SlabSource {
    /**
     * @param bytes slab size, a power of two
     * @param pool the pool's name, for failure messages
     * @return a block of {@code bytes} aligned to {@code bytes}
     */
    long allocSlab(long bytes, String pool);

    /** Returns a slab when the pool closes; a group keeps its slabs until it closes itself. */
    void freeSlab(long base, long bytes);
}
