package dev.burrow.dungeon.gen;

import org.lwjgl.system.MemoryUtil;

/**
 * Pass: streamers that cross the level: a river (deep water with shallow banks, bridged where it cuts a corridor),
 * a lava seam, a chasm, or a scatter of rubble. Brogue's rule, made stricter: a streamer that leaves any passable
 * cell (dry floor, and the shallows and bridges it made) unreachable from the start is undone cell by cell (the
 * changes are logged in frame memory) and not retried. Vaults and cells with something on them are left alone.
 */
final class StreamerPass {
    static final int RIVER = 0;
    static final int LAVA = 1;
    static final int CHASM = 2;
    static final int RUBBLE = 3;

    private StreamerPass() {
    }

    /** @return streamers kept */
    static int apply(GenContext c, int start) {
        int count = c.rng.nextInt(3);
        int kept = 0;
        long log = c.frame.alloc(c.cells * 8L, 8); // {cell, old terrain} pairs of the streamer being tried
        for (int s = 0; s < count; s++) {
            int kind = c.rng.nextInt(4);
            int n = kind == RUBBLE ? rubble(c, log) : kind == CHASM ? chasm(c, log) : river(c, log, kind == LAVA);
            if (n == 0) {
                continue;
            }
            if (kind == RUBBLE || allReachable(c, start)) {
                kept++;
            } else {
                for (int i = n - 1; i >= 0; i--) {
                    c.level.setTerrainAt(MemoryUtil.memGetInt(log + 8L * i), MemoryUtil.memGetInt(log + 8L * i + 4));
                }
            }
        }
        return kept;
    }

    private static boolean allReachable(GenContext c, int start) {
        if (!Terrain.passable(c.level.terrainAt(start))) {
            return false;
        }
        Flood.distances(c.level, start, c.dist, c.queue);
        for (int i = 0; i < c.cells; i++) {
            if (Terrain.passable(c.level.terrainAt(i)) && MemoryUtil.memGetInt(c.dist + 4L * i) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int set(GenContext c, long log, int n, int x, int y, int t) {
        if (!c.interior(x, y)) {
            return n;
        }
        int old = c.level.terrain(x, y);
        if (old == t || Terrain.door(old) || old == Terrain.BRIDGE || c.level.entityAt(x, y) >= 0
            || (c.level.flags(x, y) & Level.VAULT) != 0) {
            return n; // doors keep their data consistent; bridges, vaults and what stands on a cell stay
        }
        if (t == Terrain.DEEP_WATER || t == Terrain.LAVA || t == Terrain.CHASM) {
            if (old == Terrain.CORRIDOR) {
                t = Terrain.BRIDGE; // a corridor crossing the streamer keeps its way across
            }
        } else if (t == Terrain.SHALLOW_WATER && !Terrain.passable(old) && old != Terrain.ROCK) {
            return n; // banks soak floors, not walls
        }
        MemoryUtil.memPutInt(log + 8L * n, y * c.width + x);
        MemoryUtil.memPutInt(log + 8L * n + 4, old);
        c.level.setTerrain(x, y, t);
        return n + 1;
    }

    /** A meandering band from one edge to the opposite one. */
    private static int river(GenContext c, long log, boolean lava) {
        boolean across = c.rng.chance(50); // true: left to right
        int len = across ? c.width : c.height;
        int span = across ? c.height : c.width;
        int pos = c.rng.range(span / 4, span * 3 / 4);
        int width = lava ? 1 : c.rng.range(1, 2);
        int core = lava ? Terrain.LAVA : Terrain.DEEP_WATER;
        int n = 0;
        for (int t = 1; t < len - 1; t++) {
            if (c.rng.chance(40)) {
                pos = Math.max(2, Math.min(span - 3, pos + c.rng.range(-1, 1)));
            }
            for (int k = -width - 1; k <= width; k++) {
                boolean bank = k == -width - 1 || k == width;
                int x = across ? t : pos + k;
                int y = across ? pos + k : t;
                if (bank) {
                    if (!lava && Terrain.passable(c.level.terrain(x, y))) {
                        n = set(c, log, n, x, y, Terrain.SHALLOW_WATER);
                    }
                } else if (c.level.terrain(x, y) != Terrain.ROCK || !lava) {
                    n = set(c, log, n, x, y, core);
                }
            }
        }
        return n;
    }

    private static int chasm(GenContext c, long log) {
        int cx = c.rng.range(c.width / 5, c.width * 4 / 5);
        int cy = c.rng.range(c.height / 5, c.height * 4 / 5);
        int r = c.rng.range(2, Math.max(2, Math.min(c.width, c.height) / 8));
        int n = 0;
        for (int y = cy - r; y <= cy + r; y++) {
            for (int x = cx - r; x <= cx + r; x++) {
                int dx = x - cx;
                int dy = y - cy;
                if (dx * dx + dy * dy <= r * r + c.rng.nextInt(r + 1) && c.interior(x, y)
                    && Terrain.passable(c.level.terrain(x, y))) {
                    n = set(c, log, n, x, y, Terrain.CHASM);
                }
            }
        }
        return n;
    }

    private static int rubble(GenContext c, long log) {
        int n = 0;
        int drops = c.cells / 60;
        for (int i = 0; i < drops; i++) {
            int x = c.rng.range(1, c.width - 2);
            int y = c.rng.range(1, c.height - 2);
            if (c.level.terrain(x, y) == Terrain.FLOOR || c.level.terrain(x, y) == Terrain.CORRIDOR) {
                n = set(c, log, n, x, y, Terrain.RUBBLE);
            }
        }
        return n;
    }
}
