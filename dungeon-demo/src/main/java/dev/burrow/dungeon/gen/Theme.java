package dev.burrow.dungeon.gen;

/**
 * A depth theme: the knobs the generator's passes read, so a flooded level, a lava depth, a maze or a cave system
 * each come out of the same passes. Read from {@code assets/config/themes.conf} by {@link ThemeLoader}; one theme is
 * drawn by weight among those allowed at a depth, the same for every attempt at (seed, depth).
 */
public final class Theme {
    /** Room shape weights, in {@link RoomShapes} order (rect, cross, circle, cave, pillared, nested). */
    static final String[] SHAPES = {"rect", "cross", "circle", "cave", "pillared", "nested"};
    /** Streamer kinds, in {@link StreamerPass} order. */
    static final String[] STREAMERS = {"river", "lava", "chasm", "rubble", "lake", "lavalake"};

    final String name;
    final String file;
    final int line;
    final int minDepth;
    final int maxDepth;
    final int weight;
    final int panelMin;
    final int panelMax;
    final int mazes;
    final int empty;
    final int[] shapes;
    final int caves;
    final int grass;
    final int streamersMin;
    final int streamersMax;
    final int[] streamers;
    final int torches;
    final int vaultsMin;
    final int vaultsMax;
    final int wallRgb;
    final int floorRgb;

    Theme(ThemeLoader.Block b) {
        name = b.name;
        file = b.file;
        line = b.line;
        minDepth = b.depth[0];
        maxDepth = b.depth[1];
        weight = b.weight;
        panelMin = b.panel[0];
        panelMax = b.panel[1];
        mazes = b.mazes;
        empty = b.empty;
        shapes = b.shapes.clone();
        caves = b.caves;
        grass = b.grass;
        streamersMin = b.streamerCount[0];
        streamersMax = b.streamerCount[1];
        streamers = b.streamers.clone();
        torches = b.torches;
        vaultsMin = b.vaults[0];
        vaultsMax = b.vaults[1];
        wallRgb = b.walls;
        floorRgb = b.floor;
    }

    /** @return the theme's name ("caves", "flooded" ...) */
    public String name() { return name; }

    /** @param depth a depth @return whether the theme may be drawn there */
    public boolean allowedAt(int depth) { return depth >= minDepth && depth <= maxDepth; }

    /** @return wall colour, 0xRRGGBB */
    public int wallRgb() { return wallRgb; }

    /** @return floor colour, 0xRRGGBB */
    public int floorRgb() { return floorRgb; }
}
