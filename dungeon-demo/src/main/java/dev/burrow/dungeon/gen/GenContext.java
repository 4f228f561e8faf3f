package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryUtil;

/**
 * What the passes of one generation attempt share: the level, the random stream, the frame arena for scratch,
 * and a few per-attempt lists (BSP leaves). Scratch arrays are frame memory: the generator rolls the arena back
 * after each attempt, so none of it outlives the generation.
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

    /** BSP leaves: x, y, w, h, kind (see {@link BspSplit}). */
    long leaves;
    int leafCount;

    /** Two cell-sized int arrays reused by every flood: distances / marks, and the queue. */
    final long dist;
    final long queue;

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
        this.dist = frame.alloc(cells * 4L, 64);
        this.queue = frame.alloc(cells * 4L, 64);
    }

    /** @return a cell-sized int array from the frame arena, uncleared */
    long scratchInts() {
        return frame.alloc(cells * 4L, 64);
    }

    /** @return a cell-sized byte array from the frame arena, zeroed */
    long scratchBytes() {
        return frame.calloc(cells, 64);
    }

    int leaf(int i, int field) {
        return MemoryUtil.memGetInt(leaves + (i * 5L + field) * 4);
    }

    void setLeaf(int i, int field, int v) {
        MemoryUtil.memPutInt(leaves + (i * 5L + field) * 4, v);
    }

    boolean interior(int x, int y) {
        return x > 0 && y > 0 && x < width - 1 && y < height - 1;
    }
}
