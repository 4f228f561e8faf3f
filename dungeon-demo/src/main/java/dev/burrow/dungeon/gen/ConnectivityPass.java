package dev.burrow.dungeon.gen;

import org.lwjgl.system.MemoryUtil;

/**
 * Pass: the connectivity invariant. Flood from the start cell; for every passable cell left unreached, search
 * outward from it (through any terrain) to the nearest reached cell and dig the path. Repeats until everything is
 * reached or {@link #MAX_TUNNELS} tunnels were dug, in which case the attempt fails and the generator retries.
 */
final class ConnectivityPass {
    static final int MAX_TUNNELS = 200;

    private ConnectivityPass() {
    }

    /** @return whether every passable cell is now reachable from {@code start} */
    static boolean apply(GenContext c, int start) {
        Level l = c.level;
        long parent = c.scratchInts();
        int scanFrom = 0;
        for (int tunnels = 0; tunnels <= MAX_TUNNELS; tunnels++) {
            Flood.distances(l, start, c.dist, c.queue);
            int lost = -1;
            for (int i = scanFrom; i < c.cells; i++) {
                if (Terrain.passable(l.terrainAt(i)) && MemoryUtil.memGetInt(c.dist + 4L * i) < 0) {
                    lost = i;
                    break;
                }
            }
            if (lost < 0) {
                return true;
            }
            if (tunnels == MAX_TUNNELS || !tunnel(c, lost, parent)) {
                return false;
            }
            scanFrom = lost; // cells before it were all reached, and tunnelling only adds reachable cells
        }
        return false;
    }

    /** Breadth-first from {@code from} through every interior cell until a reached cell; dig the path back. */
    private static boolean tunnel(GenContext c, int from, long parent) {
        int w = c.width;
        Flood.fill(parent, c.cells, -1);
        long q = c.queue;
        int head = 0;
        int tail = 0;
        MemoryUtil.memPutInt(q, from);
        tail++;
        MemoryUtil.memPutInt(parent + 4L * from, from);
        int hit = -1;
        while (head < tail && hit < 0) {
            int p = MemoryUtil.memGetInt(q + 4L * head++);
            int px = p % w;
            int py = p / w;
            for (int k = 0; k < 4; k++) {
                int nx = px + Flood.dx(k);
                int ny = py + Flood.dy(k);
                if (!c.interior(nx, ny)) {
                    continue;
                }
                int n = ny * w + nx;
                if ((c.level.flags(nx, ny) & Level.VAULT) != 0 && !Terrain.passable(c.level.terrainAt(n))) {
                    continue; // the carver leaves vault walls standing: a tunnel must go round them
                }
                if (MemoryUtil.memGetInt(parent + 4L * n) >= 0) {
                    continue;
                }
                MemoryUtil.memPutInt(parent + 4L * n, p);
                if (MemoryUtil.memGetInt(c.dist + 4L * n) >= 0) {
                    hit = n;
                    break;
                }
                MemoryUtil.memPutInt(q + 4L * tail++, n);
            }
        }
        if (hit < 0) {
            return false;
        }
        for (int p = MemoryUtil.memGetInt(parent + 4L * hit); p != from; p = MemoryUtil.memGetInt(parent + 4L * p)) {
            Carver.dig(c, p % w, p / w);
        }
        return true;
    }
}
