package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.FeatureType;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameIntList;
import org.lwjgl.system.MemoryUtil;

/**
 * 8-connected breadth-first distances over a level, from one or many sources (Brogue's "Dijkstra maps"): monsters
 * walk down the map from the player, the player's travel walks down the map from the stairs or from every
 * unexplored edge at once. A map is a frame int list with one distance per cell, its queue a frame int list of the
 * same capacity (a cell is queued at most once, so it never fills); both are gone when the turn's frame memory is
 * rolled back, and a use after that is refused ({@code EM011}). Static methods and int modes: a turn allocates no
 * Java heap (the arena recycles the list views).
 */
final class DistanceMap {
    /** Walkers: what is walkable, and closed doors (monsters open them). */
    static final int WALK = 0;
    /** Flyers: as walkers, plus deep water, lava and chasms. */
    static final int FLY = 1;
    /** The player's travel: remembered cells only, no liquids or chasms, no trap the player knows of. */
    static final int KNOWN = 2;
    /** As {@link #KNOWN}, over known traps too: the fallback when a trap is the only way. */
    static final int KNOWN_WITH_TRAPS = 4;
    /** The autopilot: every passable cell, secret doors included (bumping finds them), but not locks or gates. */
    static final int ANY = 3;

    private DistanceMap() {
    }

    /**
     * @return a distance map for the level: one entry per cell, every one -1 (unreached)
     * @throws IllegalStateException when the arena refuses (no frame open: the game must be driven inside a frame)
     */
    static FrameIntList map(FrameArena frame, Level l) {
        int cells = l.width() * l.height();
        FrameIntList m = list(frame, cells);
        for (int i = 0; i < cells; i++) {
            m.add(-1);
        }
        return m;
    }

    /** @return an empty queue for a flood over the level (one entry per cell) */
    static FrameIntList queue(FrameArena frame, Level l) {
        return list(frame, l.width() * l.height());
    }

    private static FrameIntList list(FrameArena frame, int n) {
        FrameIntList list = frame.intList(n);
        if (list == null) {
            throw new IllegalStateException("the frame arena refused a list of " + n + " ints: drive the game inside a frame");
        }
        return list;
    }

    /** Sets every distance to -1 (unreached) and empties the queue. */
    static void clear(FrameIntList dist, FrameIntList queue) {
        if (dist.size() > 0) {
            MemoryUtil.memSet(dist.address(), 0xFF, dist.size() * 4L);
        }
        queue.clear();
    }

    /** Adds a source at distance 0 (once per cell). */
    static void seed(FrameIntList dist, FrameIntList queue, int cell) {
        if (dist.get(cell) == 0) {
            return;
        }
        dist.set(cell, 0);
        queue.add(cell);
    }

    /** Floods from the seeded sources up to {@code radius} steps. */
    static void run(Level l, FrameIntList dist, FrameIntList queue, int mode, int radius, Population pop) {
        int w = l.width();
        int head = 0;
        while (head < queue.size()) {
            int c = queue.get(head++);
            int d = dist.get(c);
            if (d >= radius) {
                continue;
            }
            int cx = c % w;
            int cy = c / w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = cx + dx;
                    int ny = cy + dy;
                    if ((dx | dy) == 0 || !l.inBounds(nx, ny)) {
                        continue;
                    }
                    int n = ny * w + nx;
                    if (dist.get(n) < 0 && open(l, nx, ny, mode, pop)) {
                        dist.set(n, d + 1);
                        queue.add(n);
                    }
                }
            }
        }
    }

    /** @return whether a cell may be crossed in a mode */
    static boolean open(Level l, int x, int y, int mode, Population pop) {
        int t = l.terrain(x, y);
        switch (mode) {
            case WALK:
                return Terrain.walkable(t) || t == Terrain.DOOR_CLOSED;
            case FLY:
                return Terrain.walkable(t) || t == Terrain.DOOR_CLOSED || Terrain.liquidOrAbyss(t);
            case KNOWN:
                return (l.flags(x, y) & Level.REMEMBERED) != 0 && (Terrain.walkable(t) || t == Terrain.DOOR_CLOSED)
                    && !knownTrap(l, x, y, pop);
            case KNOWN_WITH_TRAPS:
                return (l.flags(x, y) & Level.REMEMBERED) != 0 && (Terrain.walkable(t) || t == Terrain.DOOR_CLOSED);
            default:
                return Terrain.passable(t) && t != Terrain.DOOR_LOCKED && t != Terrain.GATE;
        }
    }

    /** @return whether a trap the player has found lies there */
    static boolean knownTrap(Level l, int x, int y, Population pop) {
        int e = l.fixtureAt(x, y);
        return e >= 0 && l.entity(e, Level.E_KIND) == Population.FEATURE
            && pop.feature(l.entity(e, Level.E_TYPE)).kind() == FeatureType.TRAP
            && (l.entity(e, Level.E_STATE) & Level.FEATURE_HIDDEN) == 0;
    }

    /** @return the distance at a cell (-1: unreached) */
    static int at(FrameIntList dist, Level l, int x, int y) {
        return dist.get(y * l.width() + x);
    }

    /**
     * @return the move (an {@link Action} code) from (x, y) one step down the map, or {@link Action#NONE} when no
     *         neighbour is nearer
     */
    static int downhill(FrameIntList dist, Level l, int x, int y) {
        int here = at(dist, l, x, y);
        int best = here < 0 ? Integer.MAX_VALUE : here;
        int move = Action.NONE;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if ((dx | dy) == 0 || !l.inBounds(nx, ny)) {
                    continue;
                }
                int d = at(dist, l, nx, ny);
                if (d >= 0 && d < best) {
                    best = d;
                    move = Action.move(dx, dy);
                }
            }
        }
        return move;
    }
}
