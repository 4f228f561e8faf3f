package dev.burrow.dungeon.arena;

import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryUtil;

/**
 * A uniform grid over the arena, rebuilt every step by counting sort into frame memory: {@code start[c]..start[c+1]}
 * are the rows of the enemies in cell {@code c}, in row order. O(enemies + cells x workers) to build, no pointers, no
 * objects; the count and the scatter split over worker threads by row range. A neighbourhood query reads the 3x3
 * cells around a point.
 */
final class SpatialGrid {
    static final float CELL = 2f;
    final int cols;
    final int rows;
    long start;  // cells + 1 ints
    long items;  // enemies ints, grouped by cell

    SpatialGrid(int mapWidth, int mapHeight) {
        cols = (int) Math.ceil(mapWidth / CELL) + 1;
        rows = (int) Math.ceil(mapHeight / CELL) + 1;
    }

    int cellOf(float x, float y) {
        int cx = Math.max(0, Math.min(cols - 1, (int) (x / CELL)));
        int cy = Math.max(0, Math.min(rows - 1, (int) (y / CELL)));
        return cy * cols + cx;
    }

    /**
     * Rebuilds the grid on one thread: {@link #prepare}, {@link #count}, {@link #prefix}, {@link #scatter} with one
     * share. The same steps split over workers give the same grid, row for row.
     */
    void rebuild(EnemyTable e, FrameArena frame) {
        prepare(e.count(), 1, frame);
        count(e, 0, 0, e.count());
        prefix();
        scatter(0, 0, e.count());
    }

    // Per-worker counts live in the coordinator's frame: workers' own frames end before the coordinator reads them.
    private long cellOfRow;
    private long counts;   // workers x cells ints: counts, then each worker's next slot in each cell
    private int workers;

    /** Frame memory for a rebuild of {@code n} rows split over {@code workers} (on the coordinating thread). */
    void prepare(int n, int workers, FrameArena frame) {
        int cells = cols * rows;
        this.workers = workers;
        start = frame.alloc((cells + 1) * 4L, 64);
        items = frame.alloc(Math.max(1, n) * 4L, 64);
        cellOfRow = frame.alloc(Math.max(1, n) * 4L, 64);
        counts = frame.calloc((long) workers * cells * 4L, 64);
    }

    /** Worker {@code w} counts the cells of rows {@code [from, to)} (any thread; only its own counts are written). */
    void count(EnemyTable e, int w, int from, int to) {
        long mine = counts + 4L * w * (cols * rows);
        for (int r = from; r < to; r++) {
            int c = cellOf(EnemyTable.f(e.x, r), EnemyTable.f(e.y, r));
            MemoryUtil.memPutInt(cellOfRow + 4L * r, c);
            long a = mine + 4L * c;
            MemoryUtil.memPutInt(a, MemoryUtil.memGetInt(a) + 1);
        }
    }

    /**
     * Cell starts, and each worker's first slot in each cell: worker 0's rows of a cell come first, then worker 1's,
     * so with shares in row order every cell lists its rows in row order, as on one thread (coordinator only).
     */
    void prefix() {
        int cells = cols * rows;
        int at = 0;
        for (int c = 0; c < cells; c++) {
            MemoryUtil.memPutInt(start + 4L * c, at);
            for (int w = 0; w < workers; w++) {
                long a = counts + 4L * ((long) w * cells + c);
                int k = MemoryUtil.memGetInt(a);
                MemoryUtil.memPutInt(a, at);
                at += k;
            }
        }
        MemoryUtil.memPutInt(start + 4L * cells, at);
    }

    /** Worker {@code w} places rows {@code [from, to)} in their cells (any thread; disjoint slots per worker). */
    void scatter(int w, int from, int to) {
        long mine = counts + 4L * w * (cols * rows);
        for (int r = from; r < to; r++) {
            long a = mine + 4L * MemoryUtil.memGetInt(cellOfRow + 4L * r);
            int at = MemoryUtil.memGetInt(a);
            MemoryUtil.memPutInt(items + 4L * at, r);
            MemoryUtil.memPutInt(a, at + 1);
        }
    }

    int cellStart(int c) {
        return MemoryUtil.memGetInt(start + 4L * c);
    }

    int item(int i) {
        return MemoryUtil.memGetInt(items + 4L * i);
    }
}
