package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameIntList;

/**
 * What the passes of one generation attempt share: the level, the random stream, the frame arena for scratch,
 * and a few per-attempt lists (BSP leaves). Scratch is frame memory — int lists ({@link FrameIntList}) sized from
 * the map, byte masks — and the generator rolls the arena back after each attempt, so none of it outlives the
 * generation and a list used after that is refused ({@code EM011}) instead of reading freed memory.
 */
final class GenContext {
    final Level level;
    final Rng rng;
    final FrameArena frame;
    final int width;
    final int height;
    final int cells;
    final int depth;
    final GenAssets assets;
    final Theme theme;

    /** BSP leaves, {@link #LEAF_FIELDS} ints each: x, y, w, h, kind (see {@link BspSplit}). */
    FrameIntList leaves;
    int leafCount;
    static final int LEAF_FIELDS = 5;

    /** Reused by every flood: distances / marks, one per cell (-1: not reached). */
    final FrameIntList dist;
    /** Reused by every flood: its queue (capacity: one entry per cell, each cell enters at most once). */
    final FrameIntList queue;

    GenContext(Level level, Rng rng, FrameArena frame, int depth, GenAssets assets, Theme theme) {
        this.level = level;
        this.rng = rng;
        this.frame = frame;
        this.width = level.width();
        this.height = level.height();
        this.cells = width * height;
        this.depth = depth;
        this.assets = assets;
        this.theme = theme;
        this.dist = cellInts(frame, cells, -1);
        this.queue = list(frame, cells);
    }

    /**
     * @param n the most values it will hold
     * @return an empty int list of capacity {@code n} in the frame
     * @throws IllegalStateException when the arena refuses (no frame open, released arena: a caller's bug)
     */
    static FrameIntList list(FrameArena frame, int n) {
        FrameIntList l = frame.intList(n);
        if (l == null) {
            throw new IllegalStateException("the frame arena refused a list of " + n + " ints (no frame open?)");
        }
        return l;
    }

    /** @return an int list holding {@code n} copies of {@code value}: a dense per-cell array */
    static FrameIntList cellInts(FrameArena frame, int n, int value) {
        FrameIntList l = list(frame, n);
        for (int i = 0; i < n; i++) {
            l.add(value);
        }
        return l;
    }

    /** @return a cell-sized int list, every cell {@code value} */
    FrameIntList scratchInts(int value) {
        return cellInts(frame, cells, value);
    }

    /** @return a cell-sized byte array from the frame arena, zeroed */
    long scratchBytes() {
        return frame.calloc(cells, 64);
    }

    int leaf(int i, int field) {
        return leaves.get(i * LEAF_FIELDS + field);
    }

    boolean interior(int x, int y) {
        return x > 0 && y > 0 && x < width - 1 && y < height - 1;
    }
}
