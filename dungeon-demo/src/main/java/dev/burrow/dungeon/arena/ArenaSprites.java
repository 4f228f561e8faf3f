package dev.burrow.dungeon.arena;

import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryUtil;

/**
 * Writes the arena's moving things as sprite instances into frame memory: enemies (interpolated between the last
 * two steps), projectiles, particles and the player, in the tile renderer's instance format. The player comes last,
 * on an opaque tile of its own, so nothing is ever drawn over it; it blinks while hits cannot hurt it.
 */
public final class ArenaSprites {
    static final int STRIDE = 20;
    private static final int X = 0;
    private static final int Y = 4;
    private static final int GLYPH_AT = 8;
    private static final int FG_AT = 12;
    private static final int BG_AT = 16;
    private static final int[] GLYPH = {'k', 'o', 'b', 'T'};
    private static final int[] COLOUR = {rgba(0xff9a40), rgba(0x60d060), rgba(0xc080ff), rgba(0x40d0d0)};
    private static final int SHOT = rgba(0xffff60);
    private static final int PLAYER = rgba(0xffe14d);
    private static final int PLAYER_DASHING = rgba(0xffffff);
    private static final int PLAYER_BG = rgba(0x203060);
    private static final int PLAYER_BG_BLINK = rgba(0x506090);
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
            put(x - 0.5f, y - 0.5f, GLYPH[t], COLOUR[t], 0);
        }
        for (int i = 0; i < sim.projectileCount(); i++) {
            long p = sim.projectile(i);
            put(MemoryUtil.memGetFloat(p + Shots.X) - 0.5f, MemoryUtil.memGetFloat(p + Shots.Y) - 0.5f, '*', SHOT, 0);
        }
        for (int i = 0; i < sim.particleCount(); i++) {
            long p = sim.particle(i);
            put(MemoryUtil.memGetFloat(p + Shots.X) - 0.5f, MemoryUtil.memGetFloat(p + Shots.Y) - 0.5f, '.',
                rgba(MemoryUtil.memGetInt(p + Shots.VALUE)), 0);
        }
        boolean blink = sim.invulnerable() && (sim.steps() / 4) % 2 == 0;
        put(sim.playerX(alpha) - 0.5f, sim.playerY(alpha) - 0.5f, '@', sim.dashing() ? PLAYER_DASHING : PLAYER, blink ? PLAYER_BG_BLINK : PLAYER_BG);
        return this;
    }

    /** @param bg 0 for a transparent background */
    private void put(float x, float y, int glyph, int fg, int bg) {
        long p = data + (long) count++ * STRIDE;
        MemoryUtil.memPutFloat(p + X, x);
        MemoryUtil.memPutFloat(p + Y, y);
        MemoryUtil.memPutInt(p + GLYPH_AT, glyph);
        MemoryUtil.memPutInt(p + FG_AT, fg);
        MemoryUtil.memPutInt(p + BG_AT, bg);
    }

    /** @return address of the instances */
    public long data() { return data; }

    /** @return instances written */
    public int count() { return count; }
}
