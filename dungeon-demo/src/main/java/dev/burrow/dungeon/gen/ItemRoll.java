package dev.burrow.dungeon.gen;

/**
 * How much of an item a level gets: a stack of one potion or scroll, a wand's charges, gold by depth, and an
 * enchantment for weapons and armour that grows likelier deeper down. Shared by the generator and the game (drops).
 */
public final class ItemRoll {
    private ItemRoll() {
    }

    /** @return the {@link ItemRecord#AMOUNT} of a new item of type {@code t} at {@code depth} */
    public static int amount(ItemType t, int depth, Rng rng) {
        switch (t.cls) {
            case ItemType.WAND: return rng.range(t.amountMin, t.amountMax);
            case ItemType.GOLD: return rng.range(t.amountMin, t.amountMax) * Math.max(1, depth);
            default: return 1;
        }
    }

    /** @return the {@link ItemRecord#BONUS} of a new item: weapons and armour are sometimes enchanted, more so deeper */
    public static int bonus(ItemType t, int depth, Rng rng) {
        if ((t.cls != ItemType.WEAPON && t.cls != ItemType.ARMOUR) || !rng.chance(Math.min(60, 5 + depth * 5))) {
            return 0;
        }
        return rng.range(1, 1 + depth / 5);
    }

    /** Places a new item of type {@code type} on an empty cell. @return whether it was placed */
    static boolean place(Level l, int x, int y, int type, int depth, Rng rng, Population pop) {
        ItemType t = pop.item(type);
        return l.items().place(x, y, type, amount(t, depth, rng), bonus(t, depth, rng));
    }
}
