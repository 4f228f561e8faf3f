package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.Level;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.StreamingBudget;

/**
 * Which visited levels stay in memory: the engine's streaming budget {@value #BUDGET} decides. A level's whole state
 * (terrain, what the player has seen, monsters where they stood, items on the floor) lives in its {@code LevelGroup},
 * so keeping a level is keeping its group in the budget ({@link StreamingBudget#keep}), and evicting it is closing
 * the group: its memory returns at once. The level being played is pinned; the others are evicted least recently
 * used first when a new level needs the room. A level that was evicted is made again from its seed when the player
 * returns: the same map, fresh monsters and items, nothing remembered.
 *
 * <h2>Budget</h2>
 * <p>The budget is a count mapped onto bytes: {@link #levels()} times the native bytes of the largest level seen so
 * far (its group's reserved bytes), raised when a bigger level arrives. Every level is kept at one priority, so the
 * choice is plain least-recently-used among the levels not being played.</p>
 *
 * <p>Owner thread only (the game's): eviction closes groups on the thread that reserves.</p>
 */
public final class LevelCache implements AutoCloseable {
    /** Levels kept by default: the current one and the three before it. */
    public static final int DEFAULT_CAPACITY = 4;
    /** The name of the streaming budget in the snapshot and the overlay. */
    public static final String BUDGET = "levels";
    /** The priority every level is kept at. */
    static final int PRIORITY = 0;

    private final StreamingBudget budget;
    private final int levels;
    private final StreamingBudget.Entry[] byDepth;
    private long largestLevel;
    private int current = -1;
    /** The level being played when the budget could not keep it (never expected: it is sized for one at least). */
    private Level unkept;
    private int unkeptDepth = -1;
    private int evictions;
    private int lastEvictedDepth = -1;

    /**
     * @param mem the engine whose streaming budget keeps the levels
     * @param levels how many levels of the largest size seen the budget holds, 1 or more
     * @param maxDepth the deepest depth
     */
    public LevelCache(EngineMemory mem, int levels, int maxDepth) {
        if (levels < 1) {
            throw new IllegalArgumentException("a level cache keeps at least 1 level: " + levels);
        }
        this.levels = levels;
        this.byDepth = new StreamingBudget.Entry[maxDepth + 1];
        this.budget = mem.streaming(BUDGET, 0);
    }

    /** @return the kept level of a depth (now the most recently used), or null when it is not resident */
    public Level get(int d) {
        StreamingBudget.Entry e = entry(d);
        if (e != null) {
            e.touch();
            return (Level) e.attachment();
        }
        return d == unkeptDepth ? unkept : null;
    }

    private StreamingBudget.Entry entry(int d) {
        StreamingBudget.Entry e = d >= 0 && d < byDepth.length ? byDepth[d] : null;
        return e != null && e.isResident() ? e : null;
    }

    /**
     * The player leaves the level being played: it may be evicted from now on (it becomes the most recently used),
     * with its bytes as they are now.
     */
    public void leave() {
        StreamingBudget.Entry e = entry(current);
        if (e != null) {
            long bytes = ((Level) e.attachment()).group().reservedBytes();
            fit(bytes);
            e.resize(bytes);
            e.unpin();
        }
        if (unkept != null) {
            unkept.close(); // it never had a place in the budget
            unkept = null;
            unkeptDepth = -1;
        }
        current = -1;
    }

    /**
     * Keeps a new level (closing another of the same depth) and makes it the one being played: pinned. Room is made
     * by evicting the least recently used levels not being played.
     *
     * @param d its depth
     * @param l the level
     */
    public void put(int d, Level l) {
        drop(d);
        fit(l.group().reservedBytes());
        StreamingBudget.Entry e = budget.keep(l.group(), PRIORITY, this::evicted);
        current = d;
        if (e == null) {
            unkept = l; // EM503 said why; it is played anyway and closed when left
            unkeptDepth = d;
            return;
        }
        e.attach(l);
        e.pin();
        byDepth[d] = e;
    }

    /** Makes a kept level the one being played again: pinned. */
    public void resume(int d) {
        StreamingBudget.Entry e = entry(d);
        if (e != null) {
            e.pin();
            current = d;
        }
    }

    /** Raises the budget to {@link #levels()} levels of the largest size seen (raising evicts nothing). */
    private void fit(long levelBytes) {
        if (levelBytes > largestLevel) {
            largestLevel = levelBytes;
            budget.capacity(levels * largestLevel);
        }
    }

    /** The budget evicted a level: forget it and close it (the budget then closes the group, already closed). */
    private void evicted(StreamingBudget.Entry e) {
        Level l = (Level) e.attachment();
        int d = l.depth();
        if (d < byDepth.length && byDepth[d] == e) {
            byDepth[d] = null;
        }
        evictions++;
        lastEvictedDepth = d;
        l.close(); // its items back to their pool first, then the group
    }

    /** Closes and forgets the level of a depth, if kept (regenerating it). */
    public void drop(int d) {
        StreamingBudget.Entry e = d >= 0 && d < byDepth.length ? byDepth[d] : null;
        if (e != null) {
            byDepth[d] = null;
            if (e.isResident()) {
                e.release(); // the game closes it itself: not an eviction
                ((Level) e.attachment()).close();
            }
        }
        if (d == unkeptDepth) {
            unkept.close();
            unkept = null;
            unkeptDepth = -1;
        }
        if (d == current) {
            current = -1;
        }
    }

    /** @return levels resident now */
    public int size() {
        return budget.entries() + (unkept != null ? 1 : 0);
    }

    /** @return whether the level of a depth is resident (without touching its recency) */
    public boolean holds(int d) {
        return entry(d) != null || d == unkeptDepth;
    }

    /** @return how many levels (of the largest size seen) the budget holds */
    public int levels() {
        return levels;
    }

    /** @return the budget's capacity in bytes now */
    public long capacityBytes() {
        return budget.capacity();
    }

    /** @return native bytes the kept levels count in the budget */
    public long usedBytes() {
        return budget.usedBytes();
    }

    /** @return the streaming budget that decides */
    public StreamingBudget budget() {
        return budget;
    }

    /** @return levels evicted so far */
    public int evictions() {
        return evictions;
    }

    /** @return the depth evicted last, or -1 */
    public int lastEvictedDepth() {
        return lastEvictedDepth;
    }

    /** Closes every kept level. */
    public void clear() {
        for (int d = 0; d < byDepth.length; d++) {
            drop(d);
        }
        if (unkept != null) {
            drop(unkeptDepth);
        }
        current = -1;
    }

    @Override
    public void close() {
        clear();
    }
}
