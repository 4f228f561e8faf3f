package dev.burrow.dungeon.gen;

import org.lwjgl.system.MemoryUtil;

/**
 * Breadth-first floods over the level's passable cells (4-connected), on int arrays from the frame arena.
 * Distances are -1 where not reached.
 */
final class Flood {
    private static final int[] DX = {1, -1, 0, 0};
    private static final int[] DY = {0, 0, 1, -1};

    private Flood() {
    }

    static void fill(long ints, int n, int value) {
        MemoryUtil.memSet(ints, value == -1 ? 0xFF : value, n * 4L);
        if (value != -1 && value != 0) {
            for (int i = 0; i < n; i++) {
                MemoryUtil.memPutInt(ints + 4L * i, value);
            }
        }
    }

    /**
     * Distances from one start over passable cells.
     *
     * @return {@code (reached << 32) | farthestCell}: unpack with {@link #reached} and {@link #farthest}
     */
    static long distances(Level l, int start, long dist, long queue) {
        int w = l.width();
        int cells = w * l.height();
        fill(dist, cells, -1);
        int head = 0;
        int tail = 0;
        MemoryUtil.memPutInt(dist + 4L * start, 0);
        MemoryUtil.memPutInt(queue, start);
        tail++;
        int far = start;
        while (head < tail) {
            int c = MemoryUtil.memGetInt(queue + 4L * head++);
            int d = MemoryUtil.memGetInt(dist + 4L * c) + 1;
            int x = c % w;
            int y = c / w;
            far = c;
            for (int k = 0; k < 4; k++) {
                int nx = x + DX[k];
                int ny = y + DY[k];
                if (!l.inBounds(nx, ny)) {
                    continue;
                }
                int n = ny * w + nx;
                if (MemoryUtil.memGetInt(dist + 4L * n) < 0 && Terrain.passable(l.terrainAt(n))) {
                    MemoryUtil.memPutInt(dist + 4L * n, d);
                    MemoryUtil.memPutInt(queue + 4L * tail++, n);
                }
            }
        }
        return ((long) tail << 32) | far;
    }

    static int reached(long result) {
        return (int) (result >>> 32);
    }

    static int farthest(long result) {
        return (int) result;
    }

    /** @return how many passable cells the level has */
    static int countPassable(Level l) {
        int n = 0;
        int cells = l.width() * l.height();
        for (int i = 0; i < cells; i++) {
            if (Terrain.passable(l.terrainAt(i))) {
                n++;
            }
        }
        return n;
    }

    static int dx(int k) {
        return DX[k];
    }

    static int dy(int k) {
        return DY[k];
    }
}
