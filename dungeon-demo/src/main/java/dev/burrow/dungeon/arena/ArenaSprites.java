package dev.burrow.dungeon.arena;

import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryUtil;

/**
 * Writes the arena's moving things as sprite instances into frame memory: enemies (interpolated between the last
 * two steps), projectiles, particles and the player, in the tile renderer's instance format.
 */
public final class ArenaSprites {
    private static final int STRIDE = 20;
    private static final int[] GLYPH = {'k', 'o', 'b', 'T'};
    private static final int[] COLOUR = {rgba(0xff9a40), rgba(0x60d060), rgba(0xc080ff), rgba(0x40d0d0)};
    private static final int SHOT = rgba(0xffff60);
    private static final int PLAYER = rgba(0xffffff);
    private long data;
    private int count;

    private ArenaSprites() {
    }

    /** A reusable writer. */
    public static ArenaSprites create() {
        return new ArenaSprites();
    }

    private static int rgba(int rgb) {
        return 0xFF000000 | ((rgb & 0xFF) << 16) | (rgb & 0xFF00) | ((rgb >>> 16) & 0xFF);
    }

    /**
     * @param sim the arena
     * @param alpha how far between the last step and the next (0..1) to draw enemies
     * @param frame where the instances go (valid until frame end)
     * @return this, with {@link #data()} and {@link #count()} set
     */
    public ArenaSprites build(ArenaSim sim, float alpha, FrameArena frame) {
        EnemyTable e = sim.enemies();
        int max = e.count() + sim.projectileCount() + sim.particleCount() + 1;
        data = frame.alloc((long) max * STRIDE, 16);
        count = 0;
        for (int r = 0; r < e.count(); r++) {
            float x = e.prevX(r) + (e.x(r) - e.prevX(r)) * alpha;
            float y = e.prevY(r) + (e.y(r) - e.prevY(r)) * alpha;
            int t = e.type(r);
            put(x - 0.5f, y - 0.5f, GLYPH[t], COLOUR[t]);
        }
        for (int i = 0; i < sim.projectileCount(); i++) {
            long p = sim.projectile(i);
            put(MemoryUtil.memGetFloat(p) - 0.5f, MemoryUtil.memGetFloat(p + 4) - 0.5f, '*', SHOT);
        }
        for (int i = 0; i < sim.particleCount(); i++) {
            long p = sim.particle(i);
            put(MemoryUtil.memGetFloat(p) - 0.5f, MemoryUtil.memGetFloat(p + 4) - 0.5f, '.', rgba(MemoryUtil.memGetInt(p + 20)));
        }
        put(sim.playerX() - 0.5f, sim.playerY() - 0.5f, '@', PLAYER);
        return this;
    }

    private void put(float x, float y, int glyph, int fg) {
        long p = data + (long) count++ * STRIDE;
        MemoryUtil.memPutFloat(p, x);
        MemoryUtil.memPutFloat(p + 4, y);
        MemoryUtil.memPutInt(p + 8, glyph);
        MemoryUtil.memPutInt(p + 12, fg);
        MemoryUtil.memPutInt(p + 16, 0); // transparent background
    }

    /** @return address of the instances */
    public long data() { return data; }

    /** @return instances written */
    public int count() { return count; }
}
