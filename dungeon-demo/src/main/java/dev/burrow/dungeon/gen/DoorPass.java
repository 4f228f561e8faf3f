package dev.burrow.dungeon.gen;

/**
 * Pass: doors where corridors enter rooms. A doorway is a corridor cell with room floor on one side, passage on the
 * other, and solid cells to its left and right. Most doorways get a door: closed, open, or (rarely, more often
 * deeper) secret. Every door goes into the door table with the same state as its terrain.
 */
final class DoorPass {
    private DoorPass() {
    }

    static void apply(GenContext c) {
        Level l = c.level;
        for (int y = 1; y < c.height - 1; y++) {
            for (int x = 1; x < c.width - 1; x++) {
                if (l.terrain(x, y) != Terrain.CORRIDOR || !doorway(l, x, y) || nextToDoor(l, x, y)) {
                    continue;
                }
                if (!c.rng.chance(70)) {
                    continue;
                }
                int roll = c.rng.nextInt(100);
                int secret = 6 + Math.min(c.depth, 10);
                int t = roll < secret ? Terrain.DOOR_SECRET : roll < secret + 35 ? Terrain.DOOR_OPEN : Terrain.DOOR_CLOSED;
                if (!l.addDoor(x, y, t)) {
                    return;
                }
            }
        }
    }

    private static boolean doorway(Level l, int x, int y) {
        for (int k = 0; k < 4; k++) {
            int ax = x + Flood.dx(k);
            int ay = y + Flood.dy(k);
            int bx = x - Flood.dx(k);
            int by = y - Flood.dy(k);
            boolean roomSide = l.roomId(ax, ay) > 0 && l.terrain(ax, ay) == Terrain.FLOOR;
            boolean passage = l.terrain(bx, by) == Terrain.CORRIDOR;
            // Left and right of the direction of travel must be solid.
            int lx = x + Flood.dy(k);
            int ly = y + Flood.dx(k);
            int rx = x - Flood.dy(k);
            int ry = y - Flood.dx(k);
            if (roomSide && passage && !Terrain.passable(l.terrain(lx, ly)) && !Terrain.passable(l.terrain(rx, ry))) {
                return true;
            }
        }
        return false;
    }

    private static boolean nextToDoor(Level l, int x, int y) {
        for (int k = 0; k < 4; k++) {
            if (Terrain.door(l.terrain(x + Flood.dx(k), y + Flood.dy(k)))) {
                return true;
            }
        }
        return false;
    }
}
