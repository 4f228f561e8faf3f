package dev.burrow.dungeon.gen;

import org.lwjgl.system.MemoryUtil;

/**
 * Pass: the "life" pass. Conway's rules (B3/S23), seeded at random on floor cells and run three generations, grow
 * patches of grass: organic shapes for free. Grass is passable and does not block sight.
 */
final class LifePass {
    private LifePass() {
    }

    static void apply(GenContext c) {
        int w = c.width;
        long cur = c.scratchBytes();
        long next = c.scratchBytes();
        for (int i = 0; i < c.cells; i++) {
            if (c.level.terrainAt(i) == Terrain.FLOOR && c.rng.chance(c.theme.grass)) {
                MemoryUtil.memPutByte(cur + i, (byte) 1);
            }
        }
        for (int gen = 0; gen < 3; gen++) {
            for (int y = 1; y < c.height - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    int i = y * w + x;
                    int n = -MemoryUtil.memGetByte(cur + i);
                    for (int dy = -1; dy <= 1; dy++) {
                        long row = cur + (long) (y + dy) * w + x;
                        n += MemoryUtil.memGetByte(row - 1) + MemoryUtil.memGetByte(row) + MemoryUtil.memGetByte(row + 1);
                    }
                    boolean alive = MemoryUtil.memGetByte(cur + i) == 1;
                    boolean live = c.level.terrainAt(i) == Terrain.FLOOR && (n == 3 || (alive && n == 2));
                    MemoryUtil.memPutByte(next + i, (byte) (live ? 1 : 0));
                }
            }
            long t = cur;
            cur = next;
            next = t;
        }
        for (int i = 0; i < c.cells; i++) {
            if (MemoryUtil.memGetByte(cur + i) == 1) {
                c.level.setTerrainAt(i, Terrain.GRASS);
            }
        }
    }
}
