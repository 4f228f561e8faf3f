package dev.burrow.dungeon.gen;

import org.lwjgl.system.MemoryUtil;

/**
 * The native layout of one item, the same on the floor (a slot of the level's "level::items" pool) and in the pack
 * (a slot of the game's "pack" pool), so picking up and dropping copy one record between pools. No Java object
 * exists per item.
 */
public final class ItemRecord {
    /** int: index into the item table. */
    public static final int TYPE = 0;
    /** int: gold pieces, wand charges, or how many potions or scrolls are stacked. */
    public static final int AMOUNT = 4;
    /** int: enchantment of a weapon or armour (+1 adds to hit, damage or armour). */
    public static final int BONUS = 8;
    /** int: {@link #EQUIPPED} and friends. */
    public static final int FLAGS = 12;
    /** Bytes per record. */
    public static final int BYTES = 16;
    /** Flag: wielded or worn (pack only). */
    public static final int EQUIPPED = 1;
    /** Flag: the player dropped it here (floor only): auto-explore leaves it where it is. */
    public static final int DROPPED = 2;

    private ItemRecord() {
    }

    /** Writes a whole record. */
    public static void write(long a, int type, int amount, int bonus, int flags) {
        MemoryUtil.memPutInt(a + TYPE, type);
        MemoryUtil.memPutInt(a + AMOUNT, amount);
        MemoryUtil.memPutInt(a + BONUS, bonus);
        MemoryUtil.memPutInt(a + FLAGS, flags);
    }

    /** Copies a record field by field (LWJGL's memCopy resolves call sites lazily, which allocated mid-game). */
    public static void copy(long from, long to) {
        MemoryUtil.memPutInt(to + TYPE, MemoryUtil.memGetInt(from + TYPE));
        MemoryUtil.memPutInt(to + AMOUNT, MemoryUtil.memGetInt(from + AMOUNT));
        MemoryUtil.memPutInt(to + BONUS, MemoryUtil.memGetInt(from + BONUS));
        MemoryUtil.memPutInt(to + FLAGS, MemoryUtil.memGetInt(from + FLAGS));
    }

    /** @return the item type at a record */
    public static int type(long a) {
        return MemoryUtil.memGetInt(a + TYPE);
    }

    /** @return the amount at a record */
    public static int amount(long a) {
        return MemoryUtil.memGetInt(a + AMOUNT);
    }

    /** @return the bonus at a record */
    public static int bonus(long a) {
        return MemoryUtil.memGetInt(a + BONUS);
    }

    /** @return the flags at a record */
    public static int flags(long a) {
        return MemoryUtil.memGetInt(a + FLAGS);
    }

    /** Sets the amount. */
    public static void setAmount(long a, int amount) {
        MemoryUtil.memPutInt(a + AMOUNT, amount);
    }

    /** Sets the bonus. */
    public static void setBonus(long a, int bonus) {
        MemoryUtil.memPutInt(a + BONUS, bonus);
    }

    /** Sets the flags. */
    public static void setFlags(long a, int flags) {
        MemoryUtil.memPutInt(a + FLAGS, flags);
    }
}
