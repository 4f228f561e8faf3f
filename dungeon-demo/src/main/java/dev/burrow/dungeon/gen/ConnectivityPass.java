package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameIntList;

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
        FrameIntList parent = c.scratchInts(-1);
        int scanFrom = 0;
        for (int tunnels = 0; tunnels <= MAX_TUNNELS; tunnels++) {
            Flood.distances(l, start, c.dist, c.queue);
            int lost = -1;
            for (int i = scanFrom; i < c.cells; i++) {
                if (Terrain.passable(l.terrainAt(i)) && c.dist.get(i) < 0) {
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
    private static boolean tunnel(GenContext c, int from, FrameIntList parent) {
        int w = c.width;
        Flood.fill(parent, -1);
        FrameIntList q = c.queue;
        q.clear();
        int head = 0;
        q.add(from);
        parent.set(from, from);
        int hit = -1;
        while (head < q.size() && hit < 0) {
            int p = q.get(head++);
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
                if (parent.get(n) >= 0) {
                    continue;
                }
                parent.set(n, p);
                if (c.dist.get(n) >= 0) {
                    hit = n;
                    break;
                }
                q.add(n);
            }
        }
        if (hit < 0) {
            return false;
        }
        for (int p = parent.get(hit); p != from; p = parent.get(p)) {
            Carver.dig(c, p % w, p / w);
        }
        return true;
    }
}
