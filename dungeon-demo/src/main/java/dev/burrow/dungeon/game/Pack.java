package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.ItemRecord;
import dev.burrow.dungeon.gen.ItemType;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.Pool;

/**
 * The player's pack: 26 lettered slots, each an {@link ItemRecord} in a slot of the game's "pack" pool.
 *
 * <h2>Why a pool of its own</h2>
 * <p>The pack outlives every level, so it cannot live in a level's group; it holds few, same-sized records that
 * come and go one at a time (picked up, drunk, dropped), which is what a {@code Pool} is for: O(1) per item, no
 * Java object per item, a generation-checked handle per letter (a letter that outlived its item is caught, not
 * read), and its live count in the overlay. Its slots are reserved when the game starts, so picking up never
 * grows it mid-game; the pool closes with the game.</p>
 */
public final class Pack implements AutoCloseable {
    /** Letters a..z. */
    public static final int SLOTS = 26;

    private final Pool pool;
    private final Population pop;
    private final int[] handle = new int[SLOTS];
    private int weapon = -1;
    private int armour = -1;

    Pack(EngineMemory mem, Population pop) {
        this.pop = pop;
        this.pool = mem.pool("pack", ItemRecord.BYTES);
        try {
            pool.reserve(SLOTS);
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /** @return whether the slot holds an item */
    public boolean has(int slot) {
        return slot >= 0 && slot < SLOTS && handle[slot] != 0;
    }

    /** @return the record of the item in a slot (0 when empty) */
    public long record(int slot) {
        return has(slot) ? pool.address(handle[slot]) : 0;
    }

    /** @return the item type in a slot, or -1 */
    public int type(int slot) {
        return has(slot) ? ItemRecord.type(record(slot)) : -1;
    }

    /** @return its class, or -1 */
    public int cls(int slot) {
        return has(slot) ? pop.item(type(slot)).cls() : -1;
    }

    /** @return the amount (stack size, charges) */
    public int amount(int slot) {
        return has(slot) ? ItemRecord.amount(record(slot)) : 0;
    }

    /** @return the enchantment */
    public int bonus(int slot) {
        return has(slot) ? ItemRecord.bonus(record(slot)) : 0;
    }

    /** @return the wielded weapon's slot, or -1 */
    public int weapon() {
        return weapon;
    }

    /** @return the worn armour's slot, or -1 */
    public int armour() {
        return armour;
    }

    /** @return whether the slot holds the wielded weapon or the worn armour */
    public boolean equipped(int slot) {
        return slot >= 0 && (slot == weapon || slot == armour);
    }

    /** @return items carried (letters in use) */
    public int count() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            n += handle[i] != 0 ? 1 : 0;
        }
        return n;
    }

    /** @return the pool (its live slots are the letters in use) */
    public Pool pool() {
        return pool;
    }

    /** @param cls an item class @return the first slot holding one, or -1 */
    public int find(int cls) {
        for (int i = 0; i < SLOTS; i++) {
            if (has(i) && cls(i) == cls) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Takes a copy of an item record: onto a stack of the same type when it stacks, else into the first free letter.
     *
     * @param from the record (on the floor)
     * @return the letter it went to, or -1 when the pack is full
     */
    int add(long from) {
        int type = ItemRecord.type(from);
        if (pop.item(type).stacks()) {
            for (int i = 0; i < SLOTS; i++) {
                if (has(i) && type(i) == type) {
                    long r = record(i);
                    ItemRecord.setAmount(r, ItemRecord.amount(r) + ItemRecord.amount(from));
                    return i;
                }
            }
        }
        for (int i = 0; i < SLOTS; i++) {
            if (handle[i] == 0) {
                int h = pool.acquire();
                if (h == 0) {
                    return -1;
                }
                handle[i] = h;
                ItemRecord.copy(from, pool.address(h));
                ItemRecord.setFlags(pool.address(h), 0);
                return i;
            }
        }
        return -1;
    }

    /** Puts a new item straight into a free letter (the starting kit). @return its letter, or -1 */
    int give(int type, int amount, int bonus) {
        for (int i = 0; i < SLOTS; i++) {
            if (handle[i] == 0) {
                int h = pool.acquire();
                if (h == 0) {
                    return -1;
                }
                handle[i] = h;
                ItemRecord.write(pool.address(h), type, amount, bonus, 0);
                return i;
            }
        }
        return -1;
    }

    /** Wields or wears the item in a slot, replacing what was in use. */
    void equip(int slot) {
        int cls = cls(slot);
        if (cls == ItemType.WEAPON) {
            setEquipped(weapon, false);
            weapon = slot;
        } else if (cls == ItemType.ARMOUR) {
            setEquipped(armour, false);
            armour = slot;
        }
        setEquipped(slot, true);
    }

    /** Takes off or puts away the item in a slot. */
    void unequip(int slot) {
        setEquipped(slot, false);
        if (slot == weapon) {
            weapon = -1;
        }
        if (slot == armour) {
            armour = -1;
        }
    }

    private void setEquipped(int slot, boolean on) {
        if (has(slot)) {
            long r = record(slot);
            int f = ItemRecord.flags(r);
            ItemRecord.setFlags(r, on ? f | ItemRecord.EQUIPPED : f & ~ItemRecord.EQUIPPED);
        }
    }

    /** Uses up one of a stack (or the item): its slot goes back to the pool when nothing is left. */
    void consumeOne(int slot) {
        if (!has(slot)) {
            return;
        }
        long r = record(slot);
        int n = ItemRecord.amount(r) - 1;
        if (n > 0 && pop.item(type(slot)).stacks()) {
            ItemRecord.setAmount(r, n);
        } else {
            remove(slot);
        }
    }

    /** Empties a slot, returning its record to the pool. */
    void remove(int slot) {
        if (!has(slot)) {
            return;
        }
        unequip(slot);
        pool.release(handle[slot]);
        handle[slot] = 0;
    }

    /** Empties the pack (a new game). */
    void clear() {
        for (int i = 0; i < SLOTS; i++) {
            remove(i);
        }
    }

    @Override
    public void close() {
        clear();
        pool.close();
    }
}
