package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameLongList;

/**
 * Pass: streamers that cross the level: a river (deep water with shallow banks, bridged where it cuts a corridor),
 * a lava seam, a chasm, a scatter of rubble, a lake (deep water ringed by shallows) or a lava lake; how many and
 * which kinds come from the level's theme. Lava lights itself ({@link Level#LIT}). Brogue's rule, made stricter: a streamer that leaves any passable
 * cell (dry floor, and the shallows and bridges it made) unreachable from the start is undone cell by cell (the
 * changes are logged in a frame long list, one {@code cell << 32 | old terrain} per change; a streamer changes a
 * cell at most a few times and at most a map's worth of cells in all, so the log holds one entry per cell) and not
 * retried. Vaults and cells with something on them are left alone.
 */
final class StreamerPass {
    static final int RIVER = 0;
    static final int LAVA = 1;
    static final int CHASM = 2;
    static final int RUBBLE = 3;
    static final int LAKE = 4;
    static final int LAVA_LAKE = 5;

    private StreamerPass() {
    }

    /** @return streamers kept */
    static int apply(GenContext c, int start) {
        int count = c.rng.range(c.theme.streamersMin, c.theme.streamersMax);
        int kept = 0;
        FrameLongList log = c.frame.longList(c.cells);
        if (log == null) {
            throw new IllegalStateException("the frame arena refused the streamer log (no frame open?)");
        }
        for (int s = 0; s < count; s++) {
            log.clear();
            int kind = kind(c);
            int n = kind == RUBBLE ? rubble(c, log) : kind == CHASM ? blob(c, log, Terrain.CHASM, -1)
                : kind == LAKE ? blob(c, log, Terrain.DEEP_WATER, Terrain.SHALLOW_WATER)
                : kind == LAVA_LAKE ? blob(c, log, Terrain.LAVA, -1) : river(c, log, kind == LAVA);
            if (n == 0) {
                continue;
            }
            if (kind == RUBBLE || allReachable(c, start)) {
                kept++;
            } else {
                for (int i = n - 1; i >= 0; i--) {
                    long change = log.get(i);
                    c.level.setTerrainAt((int) (change >>> 32), (int) change);
                }
            }
        }
        for (int i = 0; i < c.cells; i++) {
            if (c.level.terrainAt(i) == Terrain.LAVA) {
                c.level.setFlagsAt(i, c.level.flagsAt(i) | Level.LIT);
            }
        }
        return kept;
    }

    private static int kind(GenContext c) {
        int total = 0;
        for (int w : c.theme.streamers) {
            total += w;
        }
        int r = c.rng.nextInt(Math.max(1, total));
        for (int k = 0; k < c.theme.streamers.length; k++) {
            r -= c.theme.streamers[k];
            if (r < 0) {
                return k;
            }
        }
        return RUBBLE;
    }

    private static boolean allReachable(GenContext c, int start) {
        if (!Terrain.passable(c.level.terrainAt(start))) {
            return false;
        }
        Flood.distances(c.level, start, c.dist, c.queue);
        for (int i = 0; i < c.cells; i++) {
            if (Terrain.passable(c.level.terrainAt(i)) && c.dist.get(i) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int set(GenContext c, FrameLongList log, int n, int x, int y, int t) {
        if (!c.interior(x, y)) {
            return n;
        }
        int old = c.level.terrain(x, y);
        if (old == t || Terrain.door(old) || old == Terrain.BRIDGE || c.level.occupied(x, y)
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
        if (!log.add((long) (y * c.width + x) << 32 | (old & 0xFFFF_FFFFL))) {
            return n; // the log is full (EM010): a change that could not be undone is not made
        }
        c.level.setTerrain(x, y, t);
        return n + 1;
    }

    /** A meandering band from one edge to the opposite one. */
    private static int river(GenContext c, FrameLongList log, boolean lava) {
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

    /** A ragged disc of {@code core}, with a {@code rim} (or none: -1) one cell wide. */
    private static int blob(GenContext c, FrameLongList log, int core, int rim) {
        int cx = c.rng.range(c.width / 5, c.width * 4 / 5);
        int cy = c.rng.range(c.height / 5, c.height * 4 / 5);
        int r = c.rng.range(2, Math.max(2, Math.min(c.width, c.height) / 8));
        int n = 0;
        int outer = rim >= 0 ? r + 1 : r;
        for (int y = cy - outer; y <= cy + outer; y++) {
            for (int x = cx - outer; x <= cx + outer; x++) {
                int dx = x - cx;
                int dy = y - cy;
                int d2 = dx * dx + dy * dy;
                int t = c.level.terrain(x, y);
                // Lakes eat into walls and rock too (rooms open onto them); a chasm only swallows floor.
                boolean eats = core == Terrain.CHASM ? Terrain.passable(t) : Terrain.passable(t) || t == Terrain.WALL || t == Terrain.ROCK;
                if (!c.interior(x, y) || !eats) {
                    continue;
                }
                if (d2 <= r * r + c.rng.nextInt(r + 1)) {
                    n = set(c, log, n, x, y, core);
                } else if (rim >= 0 && d2 <= outer * outer + outer) {
                    n = set(c, log, n, x, y, rim);
                }
            }
        }
        return n;
    }

    private static int rubble(GenContext c, FrameLongList log) {
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
