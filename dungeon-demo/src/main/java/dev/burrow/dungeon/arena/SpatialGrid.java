package dev.burrow.dungeon.arena;

import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameFloatList;
import dev.burrow.memory.FrameIntList;

/**
 * A uniform grid over the arena, rebuilt every step by counting sort into frame collections: {@code start[c]..start[c+1]}
 * are the rows of the enemies in cell {@code c}, in row order. O(enemies + cells x workers) to build, no pointers, no
 * objects; the count and the scatter split over worker threads by row range. A neighbourhood query reads the 3x3
 * cells around a point.
 *
 * <p>The scatter also copies each row's position and faction beside its place in {@code items}, so a query walks
 * three contiguous lists per cell instead of reading rows scattered over the enemy table: at 50,000 enemies the
 * table is megabytes, and the separation pass was waiting on cache misses (on two workers they share the memory
 * bandwidth, which is what kept the second worker from paying off). The copies hold the same floats the table
 * does until the step's resolve, so the results do not change.</p>
 *
 * <p>Every list is a frame list ({@link FrameIntList}, {@link FrameFloatList}) of the coordinating thread's frame, made in {@link #prepare} and gone when
 * the step rolls its frame memory back: a grid read after its step is refused ({@code EM011}), and an index past a
 * list's end throws instead of reading a neighbour's memory. Workers only {@code get}/{@code set} their own slots of
 * lists the coordinator made (sized before the team runs; adding is the coordinator's alone).</p>
 */
final class SpatialGrid {
    static final float CELL = 2f;
    final int cols;
    final int rows;
    private FrameIntList start;      // cells + 1: where each cell's rows begin in items
    private FrameIntList items;      // enemies: rows grouped by cell
    private FrameFloatList itemX;    // enemies: each item's x, y and faction, in items order
    private FrameFloatList itemY;
    private FrameIntList itemFaction;
    // Per-worker counts live in the coordinator's frame: workers' own frames end before the coordinator reads them.
    private FrameIntList cellOfRow;  // enemies: each row's cell, from the count pass
    private FrameIntList counts;     // workers x cells: counts, then each worker's next slot in each cell
    private int workers;

    SpatialGrid(int mapWidth, int mapHeight) {
        cols = (int) Math.ceil(mapWidth / CELL) + 1;
        rows = (int) Math.ceil(mapHeight / CELL) + 1;
    }

    /** @return frame bytes a rebuild of {@code n} rows over {@code workers} takes (the step's frame use) */
    long frameBytes(int n, int workers) {
        long cells = (long) cols * rows;
        return 4L * ((cells + 1) + 5L * Math.max(1, n) + (long) workers * cells) + 7 * 64;
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
        scatter(e, 0, 0, e.count());
    }

    /** Frame lists for a rebuild of {@code n} rows split over {@code workers} (on the coordinating thread). */
    void prepare(int n, int workers, FrameArena frame) {
        int cells = cols * rows;
        this.workers = workers;
        start = frame.intList(cells + 1);      // filled in order by prefix()
        items = zeros(frame, n);               // written by scatter(), any order
        itemX = zerosF(frame, n);              // with items
        itemY = zerosF(frame, n);
        itemFaction = zeros(frame, n);
        cellOfRow = zeros(frame, n);           // written by count(), any order
        counts = zeros(frame, workers * cells);
    }

    /** A list of {@code n} zeros, so workers can {@code set} any slot of it. */
    private static FrameIntList zeros(FrameArena frame, int n) {
        FrameIntList l = frame.intList(n);
        l.addZeros(n);
        return l;
    }

    private static FrameFloatList zerosF(FrameArena frame, int n) {
        FrameFloatList l = frame.floatList(n);
        l.addZeros(n);
        return l;
    }

    /** Worker {@code w} counts the cells of rows {@code [from, to)} (any thread; only its own counts are written). */
    void count(EnemyTable e, int w, int from, int to) {
        FrameIntList k = counts;
        int mine = w * (cols * rows);
        for (int r = from; r < to; r++) {
            int c = cellOf(EnemyTable.f(e.x, r), EnemyTable.f(e.y, r));
            cellOfRow.set(r, c);
            k.set(mine + c, k.get(mine + c) + 1);
        }
    }

    /**
     * Cell starts, and each worker's first slot in each cell: worker 0's rows of a cell come first, then worker 1's,
     * so with shares in row order every cell lists its rows in row order, as on one thread (coordinator only).
     */
    void prefix() {
        FrameIntList k = counts;
        int cells = cols * rows;
        int at = 0;
        for (int c = 0; c < cells; c++) {
            start.add(at);
            for (int w = 0, i = c; w < workers; w++, i += cells) {
                int n = k.get(i);
                k.set(i, at);
                at += n;
            }
        }
        start.add(at);
    }

    /** Worker {@code w} places rows {@code [from, to)} in their cells (any thread; disjoint slots per worker). */
    void scatter(EnemyTable e, int w, int from, int to) {
        FrameIntList k = counts;
        int mine = w * (cols * rows);
        for (int r = from; r < to; r++) {
            int slot = mine + cellOfRow.get(r);
            int at = k.get(slot);
            items.set(at, r);
            itemX.set(at, EnemyTable.f(e.x, r));
            itemY.set(at, EnemyTable.f(e.y, r));
            itemFaction.set(at, EnemyTable.i(e.type, r) & 1);
            k.set(slot, at + 1);
        }
    }

    int cellStart(int c) {
        return start.get(c);
    }

    int item(int i) {
        return items.get(i);
    }

    /** @return the x of item {@code i} (its row's, as of the scatter) */
    float itemX(int i) {
        return itemX.get(i);
    }

    /** @return the y of item {@code i} */
    float itemY(int i) {
        return itemY.get(i);
    }

    /** @return the faction (type & 1) of item {@code i} */
    int itemFaction(int i) {
        return itemFaction.get(i);
    }
}
