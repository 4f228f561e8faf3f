package dev.burrow.dungeon.arena;

import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryUtil;

/**
 * A uniform grid over the arena, rebuilt every step by counting sort into frame memory: {@code start[c]..start[c+1]}
 * are the rows of the enemies in cell {@code c}. O(enemies + cells) to build, no pointers, no objects; a
 * neighbourhood query reads the 3x3 cells around a point.
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

    void rebuild(EnemyTable e, FrameArena frame) {
        int cells = cols * rows;
        int n = e.count();
        start = frame.calloc((cells + 1) * 4L, 64);
        items = frame.alloc(Math.max(1, n) * 4L, 64);
        long cellOfRow = frame.alloc(Math.max(1, n) * 4L, 64);
        for (int r = 0; r < n; r++) {
            int c = cellOf(EnemyTable.f(e.x, r), EnemyTable.f(e.y, r));
            MemoryUtil.memPutInt(cellOfRow + 4L * r, c);
            long a = start + 4L * (c + 1);
            MemoryUtil.memPutInt(a, MemoryUtil.memGetInt(a) + 1);
        }
        for (int c = 0; c < cells; c++) {
            long a = start + 4L * (c + 1);
            MemoryUtil.memPutInt(a, MemoryUtil.memGetInt(a) + MemoryUtil.memGetInt(a - 4));
        }
        // Fill using a cursor per cell; start[] is restored afterwards by walking the cursors back.
        for (int r = 0; r < n; r++) {
            int c = MemoryUtil.memGetInt(cellOfRow + 4L * r);
            long a = start + 4L * c;
            int at = MemoryUtil.memGetInt(a);
            MemoryUtil.memPutInt(items + 4L * at, r);
            MemoryUtil.memPutInt(a, at + 1);
        }
        for (int c = cells; c > 0; c--) {
            MemoryUtil.memPutInt(start + 4L * c, MemoryUtil.memGetInt(start + 4L * (c - 1)));
        }
        MemoryUtil.memPutInt(start, 0);
    }

    int cellStart(int c) {
        return MemoryUtil.memGetInt(start + 4L * c);
    }

    int item(int i) {
        return MemoryUtil.memGetInt(items + 4L * i);
    }
}
