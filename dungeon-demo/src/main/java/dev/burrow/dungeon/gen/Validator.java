package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameIntList;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a level's invariants: rooms in bounds and not degenerate, solid map edges, valid terrain codes, a door
 * table that matches the door terrain, entities on passable cells with a consistent contents grid, floor items on
 * walkable cells with live pool slots, stairs present, and every passable cell reachable from the up stairs. Used by the generator, the tests and the stress run.
 */
public final class Validator {
    private static final int MAX_PROBLEMS = 20;

    private Validator() {
    }

    /**
     * @param l the level
     * @param frame scratch for the reachability flood (rolled back before returning)
     * @return the problems found, empty when the level is valid (at most 20)
     */
    public static List<String> check(Level l, FrameArena frame) {
        boolean own = !frame.inFrame();
        if (own) {
            frame.begin();
        }
        long mark = frame.mark();
        try {
            return checkWith(l, frame);
        } finally {
            frame.rollback(mark);
            if (own) {
                frame.end();
            }
        }
    }

    private static List<String> checkWith(Level l, FrameArena frame) {
        List<String> problems = new ArrayList<>();
        int w = l.width();
        int h = l.height();
        for (int i = 0; i < w * h && problems.size() < MAX_PROBLEMS; i++) {
            int t = l.terrainAt(i);
            if (t < 0 || t >= Terrain.COUNT) {
                problems.add("invalid terrain code " + t + " at " + (i % w) + "," + (i / w));
            }
        }
        for (int x = 0; x < w; x++) {
            edge(l, x, 0, problems);
            edge(l, x, h - 1, problems);
        }
        for (int y = 0; y < h; y++) {
            edge(l, 0, y, problems);
            edge(l, w - 1, y, problems);
        }
        for (int r = 0; r < l.roomCount() && problems.size() < MAX_PROBLEMS; r++) {
            int rx = l.room(r, 0);
            int ry = l.room(r, 1);
            int rw = l.room(r, 2);
            int rh = l.room(r, 3);
            int shape = l.room(r, 4);
            if (rw < 2 || rh < 2 || rx < 1 || ry < 1 || rx + rw > w - 1 || ry + rh > h - 1) {
                problems.add("room " + (r + 1) + " at " + rx + "," + ry + " size " + rw + "x" + rh + " is out of bounds or degenerate");
            } else if (shape < 0 || shape >= RoomShapes.COUNT) {
                problems.add("room " + (r + 1) + " has unknown shape " + shape);
            } else {
                int ax = l.room(r, 5);
                int ay = l.room(r, 6);
                if (ax < rx || ay < ry || ax >= rx + rw || ay >= ry + rh) {
                    problems.add("room " + (r + 1) + " anchor " + ax + "," + ay + " is outside the room");
                }
            }
        }
        int doorCells = 0;
        for (int i = 0; i < w * h; i++) {
            if (Terrain.door(l.terrainAt(i))) {
                doorCells++;
            }
        }
        if (doorCells != l.doorCount() && problems.size() < MAX_PROBLEMS) {
            problems.add("door table has " + l.doorCount() + " doors but the map has " + doorCells + " door cells");
        }
        for (int d = 0; d < l.doorCount() && problems.size() < MAX_PROBLEMS; d++) {
            int x = l.door(d, 0);
            int y = l.door(d, 1);
            int state = l.door(d, 2);
            if (!l.inBounds(x, y)) {
                problems.add("door " + d + " at " + x + "," + y + " is off the map");
            } else if (!Terrain.door(state) || l.terrain(x, y) != state) {
                problems.add("door " + d + " at " + x + "," + y + " says " + (Terrain.door(state) ? Terrain.name(state) : "state " + state)
                    + " but the cell is " + Terrain.name(l.terrain(x, y)));
            } else if (l.doorAt(x, y) != d) {
                problems.add("door " + d + " at " + x + "," + y + " is listed twice");
            }
        }
        int occupied = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                occupied += (l.entityAt(x, y) >= 0 ? 1 : 0) + (l.fixtureAt(x, y) >= 0 ? 1 : 0);
            }
        }
        if (occupied != l.entityCount() && problems.size() < MAX_PROBLEMS) {
            problems.add("entity table has " + l.entityCount() + " entities but the grids hold " + occupied);
        }
        for (int e = 0; e < l.entityCount() && problems.size() < MAX_PROBLEMS; e++) {
            int x = l.entity(e, Level.E_X);
            int y = l.entity(e, Level.E_Y);
            int kind = l.entity(e, Level.E_KIND);
            if (kind != Population.MONSTER && kind != Population.FEATURE && kind != Population.TORCH) {
                problems.add("entity " + e + " has unknown kind " + kind);
            } else if (!l.inBounds(x, y) || !l.passable(x, y)) {
                problems.add("entity " + e + " at " + x + "," + y + " stands on "
                    + (l.inBounds(x, y) ? Terrain.name(l.terrain(x, y)) : "nothing (off the map)"));
            } else if ((kind == Population.MONSTER ? l.entityAt(x, y) : l.fixtureAt(x, y)) != e) {
                problems.add("entity " + e + " at " + x + "," + y + " is not in the " + (kind == Population.MONSTER ? "monsters'" : "fixtures'")
                    + " grid there");
            }
        }
        items(l, problems);
        boolean stairs = true;
        if (l.upX() < 0 || !l.inBounds(l.upX(), l.upY()) || l.terrain(l.upX(), l.upY()) != Terrain.STAIRS_UP) {
            problems.add("up stairs missing");
            stairs = false;
        }
        if (l.downX() < 0 || !l.inBounds(l.downX(), l.downY()) || l.terrain(l.downX(), l.downY()) != Terrain.STAIRS_DOWN) {
            problems.add("down stairs missing");
            stairs = false;
        }
        if (stairs && problems.size() < MAX_PROBLEMS) {
            FrameIntList dist = GenContext.cellInts(frame, w * h, -1);
            FrameIntList queue = GenContext.list(frame, w * h);
            Flood.distances(l, l.upY() * w + l.upX(), dist, queue);
            if (dist.get(l.downY() * w + l.downX()) < 0) {
                problems.add("down stairs not reachable from up stairs");
            }
            int lost = 0;
            int first = -1;
            for (int i = 0; i < w * h; i++) {
                if (Terrain.passable(l.terrainAt(i)) && dist.get(i) < 0) {
                    if (first < 0) {
                        first = i;
                    }
                    lost++;
                }
            }
            if (lost > 0) {
                problems.add(lost + " passable cell(s) unreachable from the up stairs, first at " + (first % w) + "," + (first / w));
            }
        }
        return problems;
    }

    private static void items(Level l, List<String> problems) {
        FloorItems items = l.items();
        int found = 0;
        int cells = l.width() * l.height();
        for (int i = 0; i < cells && problems.size() < MAX_PROBLEMS; i++) {
            int h = items.atCell(i);
            if (h == 0) {
                continue;
            }
            found++;
            int x = i % l.width();
            int y = i / l.width();
            long r = items.pool() == null ? 0 : items.pool().isValid(h) ? items.record(h) : 0;
            if (r == 0) {
                problems.add("item at " + x + "," + y + " has a stale or foreign pool handle 0x" + Integer.toHexString(h));
            } else if (ItemRecord.type(r) < 0) {
                problems.add("item at " + x + "," + y + " has type " + ItemRecord.type(r));
            } else if (!Terrain.walkable(l.terrainAt(i))) {
                problems.add("item at " + x + "," + y + " lies on " + Terrain.name(l.terrainAt(i)));
            }
        }
        if (found != items.count() && problems.size() < MAX_PROBLEMS) {
            problems.add("item count says " + items.count() + " but " + found + " cells hold one");
        }
    }

    private static void edge(Level l, int x, int y, List<String> problems) {
        if (Terrain.passable(l.terrain(x, y)) && problems.size() < MAX_PROBLEMS) {
            problems.add("map edge at " + x + "," + y + " is " + Terrain.name(l.terrain(x, y)) + ", not solid");
        }
    }
}
