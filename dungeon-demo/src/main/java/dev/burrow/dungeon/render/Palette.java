package dev.burrow.dungeon.render;

import dev.burrow.dungeon.gen.Terrain;

/**
 * Glyph and colours per terrain, packed as RGBA8 in the byte order the shader reads (R first in memory). Secret
 * doors look like walls until found; remembered cells are drawn at a third of their brightness.
 */
final class Palette {
    static final int[] GLYPH = new int[Terrain.COUNT];
    static final int[] FG = new int[Terrain.COUNT];
    static final int[] BG = new int[Terrain.COUNT];
    static final int BLACK = rgba(0x000000);
    static final int PLAYER = rgba(0xffe14d);
    static final int TORCH = rgba(0xffa030);

    static {
        set(Terrain.ROCK, ' ', 0x000000, 0x000000);
        set(Terrain.WALL, '#', 0x9a8a72, 0x2e261e);
        set(Terrain.FLOOR, '.', 0x6a6a6a, 0x161616);
        set(Terrain.CORRIDOR, '.', 0x555555, 0x111111);
        set(Terrain.DOOR_OPEN, '\'', 0xc08a40, 0x2a1c0c);
        set(Terrain.DOOR_CLOSED, '+', 0xd09a48, 0x2a1c0c);
        set(Terrain.DOOR_SECRET, '#', 0x9a8a72, 0x2e261e);
        set(Terrain.DEEP_WATER, '~', 0x4f8fff, 0x0b1d4a);
        set(Terrain.SHALLOW_WATER, '~', 0x8fc0ff, 0x1b3366);
        set(Terrain.LAVA, '~', 0xffd040, 0x8a1a00);
        set(Terrain.CHASM, ':', 0x6a4a8a, 0x08040c);
        set(Terrain.RUBBLE, ',', 0x8a8070, 0x1a1712);
        set(Terrain.BRIDGE, '=', 0xb08050, 0x20160c);
        set(Terrain.STAIRS_UP, '<', 0xffffff, 0x303030);
        set(Terrain.STAIRS_DOWN, '>', 0xffff80, 0x404000);
        set(Terrain.PILLAR, (char) 254, 0xa89a84, 0x2e261e); // a solid block of masonry: no letter, so never read as a monster
        set(Terrain.GRASS, '"', 0x50c050, 0x0c1c0c);
    }

    private Palette() {
    }

    private static void set(int t, char glyph, int fg, int bg) {
        GLYPH[t] = glyph;
        FG[t] = rgba(fg);
        BG[t] = rgba(bg);
    }

    /** @param rgb 0xRRGGBB @return RGBA8 with R in the low byte */
    static int rgba(int rgb) {
        return 0xFF000000 | ((rgb & 0xFF) << 16) | (rgb & 0xFF00) | ((rgb >>> 16) & 0xFF);
    }

    /** @return the colour at a third of its brightness (remembered, not seen) */
    static int dim(int c) {
        int r = (c & 0xFF) / 3;
        int g = ((c >>> 8) & 0xFF) / 3;
        int b = ((c >>> 16) & 0xFF) / 3;
        return 0xFF000000 | (b << 16) | (g << 8) | r;
    }

    /** @return the colour warmed by torch light */
    static int lit(int c) {
        int r = Math.min(255, (c & 0xFF) + 24);
        int g = Math.min(255, ((c >>> 8) & 0xFF) + 16);
        int b = (c >>> 16) & 0xFF;
        return 0xFF000000 | (b << 16) | (g << 8) | r;
    }
}
