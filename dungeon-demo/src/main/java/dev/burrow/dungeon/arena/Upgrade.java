package dev.burrow.dungeon.arena;

/**
 * The upgrades offered when a wave is cleared, as int ids (the arena keeps levels in an int array; no objects per
 * step). Each has a short name for the offer screen and a line saying what it does.
 */
public final class Upgrade {
    /** Shorter time between volleys. */
    public static final int RAPID_FIRE = 0;
    /** More damage per shot. */
    public static final int HEAVY_SHOTS = 1;
    /** One more shot per volley, at the next-nearest enemy. */
    public static final int VOLLEY = 2;
    /** Faster on foot. */
    public static final int SWIFT = 3;
    /** Dash recharges sooner. */
    public static final int QUICK_DASH = 4;
    /** More maximum health, and healed to full. */
    public static final int VITALITY = 5;
    /** How many kinds there are. */
    public static final int COUNT = 6;
    /** Most levels of one kind. */
    public static final int MAX_LEVEL = 5;

    private static final String[] NAME = {"Rapid fire", "Heavy shots", "Volley", "Swift", "Quick dash", "Vitality"};
    private static final String[] EFFECT = {
        "fire more often", "+4 damage per shot", "+1 shot per volley", "+12% speed", "dash recharges 20% sooner",
        "+25 max HP, healed to full"};

    private Upgrade() {
    }

    /** @param id an upgrade id @return its name */
    public static String name(int id) {
        return NAME[id];
    }

    /** @param id an upgrade id @return what it does */
    public static String effect(int id) {
        return EFFECT[id];
    }
}
