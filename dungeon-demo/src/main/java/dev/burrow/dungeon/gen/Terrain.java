package dev.burrow.dungeon.gen;

/** Terrain codes (one byte per cell), their glyphs, names and whether a walker may stand on them. */
public final class Terrain {
    public static final byte ROCK = 0;
    public static final byte WALL = 1;
    public static final byte FLOOR = 2;
    public static final byte CORRIDOR = 3;
    public static final byte DOOR_OPEN = 4;
    public static final byte DOOR_CLOSED = 5;
    public static final byte DOOR_SECRET = 6;
    public static final byte DEEP_WATER = 7;
    public static final byte SHALLOW_WATER = 8;
    public static final byte LAVA = 9;
    public static final byte CHASM = 10;
    public static final byte RUBBLE = 11;
    public static final byte BRIDGE = 12;
    public static final byte STAIRS_UP = 13;
    public static final byte STAIRS_DOWN = 14;
    public static final byte PILLAR = 15;
    public static final byte GRASS = 16;
    /** Number of terrain codes; anything at or above is invalid. */
    public static final int COUNT = 17;

    private static final char[] GLYPH = {' ', '#', '.', ',', '\'', '+', '#', '~', '=', '^', ':', ';', '_', '<', '>', 'O', '"'};
    private static final String[] NAME = {"rock", "wall", "floor", "corridor", "open door", "closed door",
        "secret door", "deep water", "shallow water", "lava", "chasm", "rubble", "bridge", "stairs up",
        "stairs down", "pillar", "grass"};
    private static final boolean[] PASSABLE = {false, false, true, true, true, true, true, false, true, false,
        false, true, true, true, true, false, true};

    private Terrain() {
    }

    /** @param t a terrain code @return whether walkers may stand there (all doors count, even secret ones) */
    public static boolean passable(int t) {
        return t >= 0 && t < COUNT && PASSABLE[t];
    }

    /** @param t a terrain code @return whether it is a door of any kind */
    public static boolean door(int t) {
        return t == DOOR_OPEN || t == DOOR_CLOSED || t == DOOR_SECRET;
    }

    /** @param t a terrain code @return whether light and sight pass through it */
    public static boolean transparent(int t) {
        return t != ROCK && t != WALL && t != DOOR_CLOSED && t != DOOR_SECRET && t != PILLAR;
    }

    /** @param t a terrain code @return its ASCII glyph */
    public static char glyph(int t) {
        return GLYPH[t];
    }

    /** @param t a terrain code @return its name */
    public static String name(int t) {
        return NAME[t];
    }
}
