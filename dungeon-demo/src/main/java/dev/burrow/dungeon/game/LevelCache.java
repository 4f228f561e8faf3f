package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.Level;

/**
 * Which visited levels stay in memory. A level's whole state (terrain, what the player has seen, monsters where
 * they stood, items on the floor) lives in its {@code LevelGroup}, so keeping a level is not closing its group, and
 * evicting it is closing it: its memory returns at once. Up to {@link #capacity()} levels are resident, the
 * current one included; when one more arrives, the least recently used goes. A level that was evicted is made
 * again from its seed when the player returns: the same map, fresh monsters and items, nothing remembered.
 *
 * <p>This is the one place that decides keep or evict, so the engine's streaming budget can later make the call
 * (by size and priority) without the game changing.</p>
 */
public final class LevelCache implements AutoCloseable {
    /** Levels kept by default: the current one and the three before it. */
    public static final int DEFAULT_CAPACITY = 4;

    private final int capacity;
    private final int[] depth;
    private final Level[] level;
    private final long[] used;
    private long clock;
    private int evictions;
    private int lastEvictedDepth = -1;

    /** @param capacity levels kept at most, 1 or more */
    public LevelCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a level cache keeps at least 1 level: " + capacity);
        }
        this.capacity = capacity;
        this.depth = new int[capacity];
        this.level = new Level[capacity];
        this.used = new long[capacity];
    }

    /** @return the kept level of a depth (now the most recently used), or null when it is not resident */
    public Level get(int d) {
        for (int i = 0; i < capacity; i++) {
            if (level[i] != null && depth[i] == d) {
                used[i] = ++clock;
                return level[i];
            }
        }
        return null;
    }

    /**
     * Keeps a level (replacing and closing another of the same depth), evicting the least recently used one when
     * the cache is full.
     *
     * @param d its depth
     * @param l the level
     */
    public void put(int d, Level l) {
        int slot = -1;
        for (int i = 0; i < capacity; i++) {
            if (level[i] != null && depth[i] == d) {
                if (level[i] != l) {
                    level[i].close();
                }
                slot = i;
            }
        }
        if (slot < 0) {
            for (int i = 0; i < capacity && slot < 0; i++) {
                if (level[i] == null) {
                    slot = i;
                }
            }
        }
        if (slot < 0) {
            slot = oldest();
            lastEvictedDepth = depth[slot];
            level[slot].close(); // eviction: the group closes, every byte of that level returns
            evictions++;
        }
        depth[slot] = d;
        level[slot] = l;
        used[slot] = ++clock;
    }

    /** Closes and forgets the level of a depth, if kept (regenerating it). */
    public void drop(int d) {
        for (int i = 0; i < capacity; i++) {
            if (level[i] != null && depth[i] == d) {
                level[i].close();
                level[i] = null;
            }
        }
    }

    private int oldest() {
        int best = 0;
        for (int i = 1; i < capacity; i++) {
            if (used[i] < used[best]) {
                best = i;
            }
        }
        return best;
    }

    /** @return levels resident now */
    public int size() {
        int n = 0;
        for (int i = 0; i < capacity; i++) {
            n += level[i] != null ? 1 : 0;
        }
        return n;
    }

    /** @return whether the level of a depth is resident (without touching its recency) */
    public boolean holds(int d) {
        for (int i = 0; i < capacity; i++) {
            if (level[i] != null && depth[i] == d) {
                return true;
            }
        }
        return false;
    }

    /** @return the most levels kept */
    public int capacity() {
        return capacity;
    }

    /** @return levels evicted so far */
    public int evictions() {
        return evictions;
    }

    /** @return the depth evicted last, or -1 */
    public int lastEvictedDepth() {
        return lastEvictedDepth;
    }

    /** @param i 0 .. capacity-1 @return the depth held in that slot, or -1 when empty */
    public int depthAt(int i) {
        return level[i] != null ? depth[i] : -1;
    }

    /** Closes every kept level. */
    public void clear() {
        for (int i = 0; i < capacity; i++) {
            if (level[i] != null) {
                level[i].close();
                level[i] = null;
            }
        }
    }

    @Override
    public void close() {
        clear();
    }
}
