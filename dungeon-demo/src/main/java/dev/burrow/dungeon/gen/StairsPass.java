package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameIntList;

/**
 * Pass: stairs. Up stairs in a random room; down stairs on the plain floor cell farthest from it by walking
 * distance, so a level is always crossed. Never inside a vault: a machine room's locked part must not hold the
 * way on. Then the way between the stairs is made free of secret doors (the ones on it become plain closed doors):
 * secrets hide side rooms and treasure, never the only way down. Leaves the distance map from the up stairs in
 * {@code c.dist}.
 */
final class StairsPass {
    private StairsPass() {
    }

    /** @return whether both stairs were placed */
    static boolean apply(GenContext c) {
        Level l = c.level;
        int up = -1;
        for (int tries = 0; tries < 50 && up < 0; tries++) {
            int r = c.rng.nextInt(Math.max(1, l.roomCount()));
            if (l.roomCount() == 0) {
                break;
            }
            int ax = l.room(r, 5);
            int ay = l.room(r, 6);
            if (plain(l.terrain(ax, ay)) && (l.flags(ax, ay) & Level.VAULT) == 0) {
                up = ay * c.width + ax;
            }
        }
        if (up < 0) {
            for (int i = 0; i < c.cells && up < 0; i++) {
                if (plain(l.terrainAt(i)) && (l.flagsAt(i) & Level.VAULT) == 0) {
                    up = i;
                }
            }
        }
        if (up < 0) {
            return false;
        }
        Flood.distances(l, up, c.dist, c.queue);
        int best = -1;
        int bestD = 0;
        for (int i = 0; i < c.cells; i++) {
            int d = c.dist.get(i);
            if (d > bestD && plain(l.terrainAt(i)) && (l.flagsAt(i) & Level.VAULT) == 0) {
                best = i;
                bestD = d;
            }
        }
        if (best < 0) {
            return false;
        }
        l.setStairs(up % c.width, up / c.width, best % c.width, best / c.width);
        openTheWay(c, up, best);
        Flood.distances(l, up, c.dist, c.queue);
        return true;
    }

    /** Until the down stairs can be walked to without finding a secret door, the secret doors at the edge of what
     *  can be walked to become closed doors. */
    private static void openTheWay(GenContext c, int up, int down) {
        Level l = c.level;
        for (int round = 0; round < 64; round++) {
            int reached = floodWithoutSecrets(c, up);
            if (c.dist.get(down) >= 0) {
                return;
            }
            boolean opened = false;
            for (int i = 0; i < reached; i++) {
                int cell = c.queue.get(i);
                for (int k = 0; k < 4; k++) {
                    int nx = cell % c.width + Flood.dx(k);
                    int ny = cell / c.width + Flood.dy(k);
                    if (l.inBounds(nx, ny) && l.terrain(nx, ny) == Terrain.DOOR_SECRET) {
                        l.setDoor(l.doorAt(nx, ny), Terrain.DOOR_CLOSED);
                        opened = true;
                    }
                }
            }
            if (!opened) {
                return; // something else blocks it: the validator will say so
            }
        }
    }

    /** 4-connected flood over passable cells that are not secret doors. @return cells reached (in c.queue) */
    private static int floodWithoutSecrets(GenContext c, int start) {
        Level l = c.level;
        FrameIntList dist = c.dist;
        FrameIntList queue = c.queue;
        Flood.fill(dist, -1);
        queue.clear();
        dist.set(start, 0);
        queue.add(start);
        int head = 0;
        while (head < queue.size()) {
            int cell = queue.get(head++);
            int d = dist.get(cell) + 1;
            for (int k = 0; k < 4; k++) {
                int nx = cell % c.width + Flood.dx(k);
                int ny = cell / c.width + Flood.dy(k);
                int n = ny * c.width + nx;
                if (l.inBounds(nx, ny) && dist.get(n) < 0) {
                    int t = l.terrainAt(n);
                    if (Terrain.passable(t) && t != Terrain.DOOR_SECRET) {
                        dist.set(n, d);
                        queue.add(n);
                    }
                }
            }
        }
        return queue.size();
    }

    static boolean plain(int t) {
        return t == Terrain.FLOOR || t == Terrain.CORRIDOR || t == Terrain.GRASS;
    }
}
