package dev.burrow.dungeon.gen;

import org.lwjgl.system.MemoryUtil;

/**
 * Pass: stairs. Up stairs in a random room; down stairs on the plain floor cell farthest from it by walking
 * distance, so a level is always crossed. Never inside a vault: a machine room's locked part must not hold the
 * way on. Leaves the distance map from the up stairs in {@code c.dist}.
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
            int d = MemoryUtil.memGetInt(c.dist + 4L * i);
            if (d > bestD && plain(l.terrainAt(i)) && (l.flagsAt(i) & Level.VAULT) == 0) {
                best = i;
                bestD = d;
            }
        }
        if (best < 0) {
            return false;
        }
        l.setStairs(up % c.width, up / c.width, best % c.width, best / c.width);
        return true;
    }

    static boolean plain(int t) {
        return t == Terrain.FLOOR || t == Terrain.CORRIDOR || t == Terrain.GRASS;
    }
}
