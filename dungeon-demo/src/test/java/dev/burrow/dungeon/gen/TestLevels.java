package dev.burrow.dungeon.gen;

/** Test access to the level's package-private editing: adding doors keeps the door table and terrain consistent. */
public final class TestLevels {
    private TestLevels() {
    }

    /** Adds a door of state {@code t} at (x, y), in the table and in the terrain. */
    public static void addDoor(Level l, int x, int y, int t) {
        if (!l.addDoor(x, y, t)) {
            throw new AssertionError("door table full");
        }
    }
}
