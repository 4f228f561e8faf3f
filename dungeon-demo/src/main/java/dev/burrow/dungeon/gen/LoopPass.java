package dev.burrow.dungeon.gen;

/**
 * Pass: loops. Brogue's idea: a wall cell with open ground on two opposite sides is worth opening when the walk
 * between those sides is long. Try a bounded number of random candidates; open the best few as a passage or a
 * closed door (recorded in the door table).
 */
final class LoopPass {
    private LoopPass() {
    }

    static int apply(GenContext c) {
        Level l = c.level;
        int want = 1 + l.roomCount() / 4;
        int threshold = Math.max(20, (c.width + c.height) / 3);
        int made = 0;
        for (int tries = 0; tries < 40 + c.cells / 400 && made < want; tries++) {
            int x = c.rng.range(2, c.width - 3);
            int y = c.rng.range(2, c.height - 3);
            int t = l.terrain(x, y);
            if ((t != Terrain.WALL && t != Terrain.ROCK) || (l.flags(x, y) & Level.VAULT) != 0) {
                continue;
            }
            int ax;
            int ay;
            int bx;
            int by;
            if (open(l, x - 1, y) && open(l, x + 1, y) && !open(l, x, y - 1) && !open(l, x, y + 1)) {
                ax = x - 1; ay = y; bx = x + 1; by = y;
            } else if (open(l, x, y - 1) && open(l, x, y + 1) && !open(l, x - 1, y) && !open(l, x + 1, y)) {
                ax = x; ay = y - 1; bx = x; by = y + 1;
            } else {
                continue;
            }
            Flood.distances(l, ay * c.width + ax, c.dist, c.queue);
            int d = c.dist.get(by * c.width + bx);
            if (d >= 0 && d < threshold) {
                continue;
            }
            if (c.rng.chance(50)) {
                l.addDoor(x, y, Terrain.DOOR_CLOSED);
            } else {
                l.setTerrain(x, y, l.roomId(x, y) > 0 ? Terrain.FLOOR : Terrain.CORRIDOR);
            }
            made++;
        }
        return made;
    }

    private static boolean open(Level l, int x, int y) {
        int t = l.terrain(x, y);
        return Terrain.passable(t) && !Terrain.door(t);
    }
}
