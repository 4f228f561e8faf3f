package dev.burrow.dungeon.gen;

/**
 * A row of the item table: its class, the effect of a potion, scroll or wand, and its amount, whose meaning the
 * class gives ({@link #AMOUNT_MEANS}): hit points or turns for potions, charges for wands, damage for weapons,
 * armour for armour, gold per depth for gold.
 */
public final class ItemType extends Population.Entry {
    public static final int POTION = 0;
    public static final int SCROLL = 1;
    public static final int WAND = 2;
    public static final int WEAPON = 3;
    public static final int ARMOUR = 4;
    public static final int GOLD = 5;
    public static final int KEY = 6;
    public static final int AMULET = 7;
    /** Class names in code order, as written in the table. */
    static final String[] CLASSES = {"potion", "scroll", "wand", "weapon", "armour", "gold", "key", "amulet"};
    /** What the amount column means per class; null: the class takes '-'. */
    static final String[] AMOUNT_MEANS = {"hit points or turns", null, "charges", "damage", "armour", "gold per depth", null, null};

    public static final int NO_EFFECT = -1;
    public static final int HEAL = 0;
    public static final int HASTE = 1;
    public static final int TELEPATHY = 2;
    public static final int LEVITATION = 3;
    public static final int LIFE = 4;
    public static final int TELEPORT = 5;
    public static final int MAPPING = 6;
    public static final int ENCHANT = 7;
    public static final int LIGHTNING = 8;
    public static final int SLOW = 9;
    /** Effect names in code order. */
    static final String[] EFFECTS = {"heal", "haste", "telepathy", "levitation", "life", "teleport", "mapping",
        "enchant", "lightning", "slow"};
    static final String[][] EFFECTS_BY_CLASS = {
        {"heal", "haste", "telepathy", "levitation", "life"},
        {"teleport", "mapping", "enchant"},
        {"lightning", "slow"},
        {}, {}, {}, {}, {},
    };

    final int cls;
    final int effect;
    final int amountMin;
    final int amountMax;

    ItemType(String key, char glyph, int minDepth, int maxDepth, int weight, int rgb, int cls, int effect,
             int amountMin, int amountMax) {
        super(key, glyph, minDepth, maxDepth, weight, rgb);
        this.cls = cls;
        this.effect = effect;
        this.amountMin = amountMin;
        this.amountMax = amountMax;
    }

    /** @return {@link #POTION} .. {@link #AMULET} */
    public int cls() { return cls; }
    /** @return {@link #HEAL} .. {@link #SLOW}, or {@link #NO_EFFECT} */
    public int effect() { return effect; }
    /** @return the low end of the amount */
    public int amountMin() { return amountMin; }
    /** @return the high end of the amount */
    public int amountMax() { return amountMax; }
    /** @return whether several of it share one pack letter */
    public boolean stacks() { return cls == POTION || cls == SCROLL || cls == KEY; }
    /** @param cls a class @return its name */
    public static String className(int cls) { return CLASSES[cls]; }
}
