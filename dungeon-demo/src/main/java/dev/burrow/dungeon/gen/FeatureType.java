package dev.burrow.dungeon.gen;

/**
 * A row of the feature table. Kinds: a {@code fountain} heals (amount: percent of maximum hit points) once; an
 * {@code altar} blesses the wielded weapon for gold (amount: gold per depth); a {@code trap} hurts whoever steps on
 * it (amount: damage) and may be hidden until searched for; a {@code lever} raises the gates of its vault.
 */
public final class FeatureType extends Population.Entry {
    public static final int FOUNTAIN = 0;
    public static final int ALTAR = 1;
    public static final int TRAP = 2;
    public static final int LEVER = 3;
    /** Kind names in code order. */
    static final String[] KINDS = {"fountain", "altar", "trap", "lever"};
    /** What the amount column means per kind; null: the kind takes '-'. */
    static final String[] AMOUNT_MEANS = {"percent healed", "gold per depth", "damage", null};

    final int kind;
    final int amountMin;
    final int amountMax;

    FeatureType(String key, char glyph, int minDepth, int maxDepth, int weight, int rgb, int kind, int amountMin, int amountMax) {
        super(key, glyph, minDepth, maxDepth, weight, rgb);
        this.kind = kind;
        this.amountMin = amountMin;
        this.amountMax = amountMax;
    }

    /** @return {@link #FOUNTAIN} .. {@link #LEVER} */
    public int kind() { return kind; }
    /** @return the low end of the amount */
    public int amountMin() { return amountMin; }
    /** @return the high end of the amount */
    public int amountMax() { return amountMax; }
}
