package dev.burrow.dungeon.gen;

/**
 * Terrain codes (one byte per cell), their glyphs, names and who may stand on them. The glyph table is the one the
 * window and {@code ascii} share, so a map reads the same in both: only colour tells apart what shares a glyph
 * (closed and locked doors, wall and pillar and secret door).
 */
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
    /** A door that opens only to a key (vault machine rooms). */
    public static final byte DOOR_LOCKED = 17;
    /** Bars that a lever in the same vault raises; seen through, not walked through. */
    public static final byte GATE = 18;
    /** Number of terrain codes; anything at or above is invalid. */
    public static final int COUNT = 19;

    private static final char[] GLYPH = {' ', '#', '.', '.', '\'', '+', '#', '~', ',', '%', ':', ';', '=', '<', '>', '#',
        '"', '+', '|'};
    private static final String[] NAME = {"rock", "wall", "floor", "corridor", "open door", "closed door",
        "secret door", "deep water", "shallow water", "lava", "chasm", "rubble", "bridge", "stairs up",
        "stairs down", "pillar", "grass", "locked door", "gate"};
    /** Generation's sense: a cell that belongs to the walkable level once every door, lock and gate is open. */
    private static final boolean[] PASSABLE = {false, false, true, true, true, true, true, false, true, false,
        false, true, true, true, true, false, true, true, true};

    private Terrain() {
    }

    /**
     * @param t a terrain code
     * @return whether the cell is part of the walkable level: walkers may stand there once doors, locks and gates
     *         are open (every door counts, even secret and locked ones). Connectivity and validation use this.
     */
    public static boolean passable(int t) {
        return t >= 0 && t < COUNT && PASSABLE[t];
    }

    /** @param t a terrain code @return whether a walker steps there as it is, opening or finding nothing */
    public static boolean walkable(int t) {
        return passable(t) && t != DOOR_CLOSED && t != DOOR_SECRET && t != DOOR_LOCKED && t != GATE;
    }

    /** @param t a terrain code @return whether it is a door of any kind (each one is in the level's door table) */
    public static boolean door(int t) {
        return t == DOOR_OPEN || t == DOOR_CLOSED || t == DOOR_SECRET || t == DOOR_LOCKED;
    }

    /** @param t a terrain code @return whether only flyers (and a swimming or levitating player) cross it */
    public static boolean liquidOrAbyss(int t) {
        return t == DEEP_WATER || t == LAVA || t == CHASM;
    }

    /** @param t a terrain code @return whether light and sight pass through it */
    public static boolean transparent(int t) {
        return t != ROCK && t != WALL && t != DOOR_CLOSED && t != DOOR_SECRET && t != PILLAR && t != DOOR_LOCKED;
    }

    /** @param t a terrain code @return its glyph, the same in the window and in {@code ascii} */
    public static char glyph(int t) {
        return GLYPH[t];
    }

    /** @param t a terrain code @return its name */
    public static String name(int t) {
        return NAME[t];
    }
}
