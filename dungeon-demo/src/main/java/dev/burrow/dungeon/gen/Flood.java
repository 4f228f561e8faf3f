package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameIntList;
import org.lwjgl.system.MemoryUtil;

/**
 * Breadth-first floods over the level's passable cells (4-connected), on int lists from the frame arena: a
 * per-cell distance list and a queue of capacity one per cell (each cell is queued at most once, so it never
 * fills). Distances are -1 where not reached.
 */
final class Flood {
    private static final int[] DX = {1, -1, 0, 0};
    private static final int[] DY = {0, 0, 1, -1};

    private Flood() {
    }

    /** Sets every value of a list to {@code value} (-1 and 0 as one memset over the list's memory). */
    static void fill(FrameIntList ints, int value) {
        int n = ints.size();
        if (n == 0) {
            return; // nothing to fill (or a list whose frame memory is gone: its next use says so, EM011)
        }
        if (value == -1 || value == 0) {
            MemoryUtil.memSet(ints.address(), value == -1 ? 0xFF : 0, n * 4L);
            return;
        }
        for (int i = 0; i < n; i++) {
            ints.set(i, value);
        }
    }

    /**
     * Distances from one start over passable cells.
     *
     * @return {@code (reached << 32) | farthestCell}: unpack with {@link #reached} and {@link #farthest}
     */
    static long distances(Level l, int start, FrameIntList dist, FrameIntList queue) {
        int w = l.width();
        fill(dist, -1);
        queue.clear();
        int head = 0;
        dist.set(start, 0);
        queue.add(start);
        int far = start;
        while (head < queue.size()) {
            int c = queue.get(head++);
            int d = dist.get(c) + 1;
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
                if (dist.get(n) < 0 && Terrain.passable(l.terrainAt(n))) {
                    dist.set(n, d);
                    queue.add(n);
                }
            }
        }
        return ((long) queue.size() << 32) | far;
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
