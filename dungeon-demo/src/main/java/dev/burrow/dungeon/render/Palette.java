package dev.burrow.dungeon.render;

import dev.burrow.dungeon.gen.Terrain;

/**
 * Colours per terrain, packed as RGBA8 in the byte order the shader reads (R first in memory), and the glyphs,
 * which are {@link Terrain#glyph}'s (the ones {@code ascii} prints). Secret doors look like walls until found;
 * remembered cells are drawn in a readable blue-grey, not a near-black.
 */
public final class Palette {
    public static final int[] GLYPH = new int[Terrain.COUNT];
    public static final int[] FG = new int[Terrain.COUNT];
    public static final int[] BG = new int[Terrain.COUNT];
    public static final int BLACK = rgba(0x000000);
    public static final int WHITE = rgba(0xffffff);
    public static final int PLAYER = rgba(0xffe14d);
    public static final int TORCH = rgba(0xffa030);

    static {
        set(Terrain.ROCK, 0x000000, 0x000000);
        set(Terrain.WALL, 0x9a8a72, 0x2e261e);
        set(Terrain.FLOOR, 0x6a6a6a, 0x161616);
        set(Terrain.CORRIDOR, 0x555555, 0x111111);
        set(Terrain.DOOR_OPEN, 0xc08a40, 0x2a1c0c);
        set(Terrain.DOOR_CLOSED, 0xd09a48, 0x2a1c0c);
        set(Terrain.DOOR_SECRET, 0x9a8a72, 0x2e261e);
        set(Terrain.DEEP_WATER, 0x4f8fff, 0x0b1d4a);
        set(Terrain.SHALLOW_WATER, 0x8fc0ff, 0x1b3366);
        set(Terrain.LAVA, 0xffd040, 0x8a1a00);
        set(Terrain.CHASM, 0x6a4a8a, 0x08040c);
        set(Terrain.RUBBLE, 0x8a8070, 0x1a1712);
        set(Terrain.BRIDGE, 0xb08050, 0x20160c);
        set(Terrain.STAIRS_UP, 0xffffff, 0x303030);
        set(Terrain.STAIRS_DOWN, 0xffff80, 0x404000);
        set(Terrain.PILLAR, 0xd0d0c8, 0x3a3a36);
        set(Terrain.GRASS, 0x50c050, 0x0c1c0c);
        set(Terrain.DOOR_LOCKED, 0xffd040, 0x5a1010);
        set(Terrain.GATE, 0xc0c0d0, 0x202028);
    }

    private Palette() {
    }

    private static void set(int t, int fg, int bg) {
        GLYPH[t] = Terrain.glyph(t);
        FG[t] = rgba(fg);
        BG[t] = rgba(bg);
    }

    /** @param rgb 0xRRGGBB @return RGBA8 with R in the low byte */
    public static int rgba(int rgb) {
        return 0xFF000000 | ((rgb & 0xFF) << 16) | (rgb & 0xFF00) | ((rgb >>> 16) & 0xFF);
    }

    /** @return the colour at a third of its brightness */
    public static int dim(int c) {
        return scale(c, 1, 3);
    }

    /** @return the colour times {@code num / den}, per channel */
    public static int scale(int c, int num, int den) {
        int r = (c & 0xFF) * num / den;
        int g = ((c >>> 8) & 0xFF) * num / den;
        int b = ((c >>> 16) & 0xFF) * num / den;
        return 0xFF000000 | (Math.min(255, b) << 16) | (Math.min(255, g) << 8) | Math.min(255, r);
    }

    /** @return a remembered (not seen) foreground: its brightness kept at about half, in blue-grey */
    public static int remembered(int c) {
        int lum = ((c & 0xFF) * 3 + ((c >>> 8) & 0xFF) * 6 + ((c >>> 16) & 0xFF)) / 10;
        int v = 24 + lum * 11 / 20;
        return 0xFF000000 | (Math.min(255, v + 26) << 16) | (Math.min(255, v + 6) << 8) | Math.min(255, v);
    }

    /** @return a remembered background: dark, slightly blue */
    public static int rememberedBg(int c) {
        int lum = ((c & 0xFF) * 3 + ((c >>> 8) & 0xFF) * 6 + ((c >>> 16) & 0xFF)) / 10;
        int v = lum / 3;
        return 0xFF000000 | (Math.min(255, v + 8) << 16) | (Math.min(255, v + 3) << 8) | Math.min(255, v);
    }

    /** @return the colour warmed by torch light */
    public static int lit(int c) {
        int r = Math.min(255, (c & 0xFF) + 24);
        int g = Math.min(255, ((c >>> 8) & 0xFF) + 16);
        int b = (c >>> 16) & 0xFF;
        return 0xFF000000 | (b << 16) | (g << 8) | r;
    }
}
