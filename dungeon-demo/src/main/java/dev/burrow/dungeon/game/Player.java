package dev.burrow.dungeon.game;

/**
 * The player's body and record: position, hit points, experience, gold, timed conditions and what the morgue
 * needs. One object per game; plain fields, no per-turn allocation.
 */
public final class Player {
    /** Hit points at character level 1. */
    public static final int START_HP = 30;
    /** Maximum hit points gained per character level. */
    public static final int HP_PER_LEVEL = 5;
    /** Accuracy at character level 1, in percent before the target's defence. */
    public static final int START_ACCURACY = 85;
    /** Accuracy per character level. */
    public static final int ACCURACY_PER_LEVEL = 2;
    /** Turns to regenerate from nothing to full health (Brogue-like slow regeneration). */
    public static final int TURNS_FOR_FULL_REGEN = 450;

    int x;
    int y;
    int hp;
    int maxHp;
    int level;
    int xp;
    int gold;
    int kills;
    int deepest;
    int regen;
    int hasteTurns;
    int telepathyTurns;
    int levitationTurns;

    void reset() {
        maxHp = START_HP;
        hp = maxHp;
        level = 1;
        xp = 0;
        gold = 0;
        kills = 0;
        deepest = 1;
        regen = 0;
        hasteTurns = 0;
        telepathyTurns = 0;
        levitationTurns = 0;
    }

    /**
     * @return total experience needed to reach character level {@code l + 1}: 20, 60, 120, 200 ... so that a player
     *         who clears the levels stays around a character level or two above the depth (measured with a bot)
     */
    public static int xpForNext(int l) {
        return 10 * l * (l + 1);
    }

    /** Slow regeneration: maxHp points over {@link #TURNS_FOR_FULL_REGEN} turns, kept exact with an accumulator. */
    void regenerate() {
        if (hp >= maxHp) {
            regen = 0;
            return;
        }
        regen += maxHp;
        while (regen >= TURNS_FOR_FULL_REGEN && hp < maxHp) {
            regen -= TURNS_FOR_FULL_REGEN;
            hp++;
        }
    }

    /** @param amount hit points to add, capped at the maximum @return how many were added */
    int heal(int amount) {
        int before = hp;
        hp = Math.min(maxHp, hp + Math.max(0, amount));
        return hp - before;
    }

    /** @return accuracy before a target's defence, weapon bonus not included */
    int baseAccuracy() {
        return START_ACCURACY + ACCURACY_PER_LEVEL * (level - 1);
    }

    public int x() { return x; }
    public int y() { return y; }
    public int hp() { return hp; }
    public int maxHp() { return maxHp; }
    public int level() { return level; }
    public int xp() { return xp; }
    public int gold() { return gold; }
    public int kills() { return kills; }
    public int deepest() { return deepest; }
    public int hasteTurns() { return hasteTurns; }
    public int telepathyTurns() { return telepathyTurns; }
    public int levitationTurns() { return levitationTurns; }
    /** @return experience needed for the next character level */
    public int xpNext() { return xpForNext(level); }
}
