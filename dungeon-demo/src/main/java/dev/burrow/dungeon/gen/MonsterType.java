package dev.burrow.dungeon.gen;

/** A row of the monster table: how tough, how hard it hits, how often it acts, what it is worth. */
public final class MonsterType extends Population.Entry {
    /** Trait bit: shoots from a distance. */
    public static final int RANGED = 1;
    /** Trait bit: crosses deep water, lava and chasms. */
    public static final int FLIES = 1 << 1;
    /** Trait bit: moves at random a third of the time. */
    public static final int ERRATIC = 1 << 2;
    /** Trait bit: comes in a group of two or three. */
    public static final int PACK = 1 << 3;
    /** Trait names in bit order, as written in the table. */
    static final String[] TRAITS = {"ranged", "flies", "erratic", "pack"};
    /** How far a ranged monster shoots, in cells. */
    public static final int RANGE = 7;
    /** The player's pace: a monster of this speed acts once per player turn. */
    public static final int NORMAL_SPEED = 100;

    final int hp;
    final int damageMin;
    final int damageMax;
    final int accuracy;
    final int defence;
    final int speed;
    final int xp;
    final int traits;

    MonsterType(String key, char glyph, int minDepth, int maxDepth, int weight, int rgb, int hp, int damageMin,
                int damageMax, int accuracy, int defence, int speed, int xp, int traits) {
        super(key, glyph, minDepth, maxDepth, weight, rgb);
        this.hp = hp;
        this.damageMin = damageMin;
        this.damageMax = damageMax;
        this.accuracy = accuracy;
        this.defence = defence;
        this.speed = speed;
        this.xp = xp;
        this.traits = traits;
    }

    /** @return hit points */
    public int hp() { return hp; }
    /** @return least damage of a hit */
    public int damageMin() { return damageMin; }
    /** @return most damage of a hit */
    public int damageMax() { return damageMax; }
    /** @return chance to hit before the target's defence, in percent */
    public int accuracy() { return accuracy; }
    /** @return what it takes off an attacker's accuracy */
    public int defence() { return defence; }
    /** @return time per action (100 = the player's pace) */
    public int speed() { return speed; }
    /** @return experience for killing it */
    public int xp() { return xp; }
    /** @param trait a trait bit @return whether it has it */
    public boolean has(int trait) { return (traits & trait) != 0; }
}
