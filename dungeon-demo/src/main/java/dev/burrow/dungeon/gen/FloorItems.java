package dev.burrow.dungeon.gen;

import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.Pool;
import org.lwjgl.system.MemoryUtil;

/**
 * What lies on a level's floor: at most one item per cell. Each item is an {@link ItemRecord} in a slot of the
 * level's own pool ("level::items", its slabs drawn from the level's group); a cell-sized grid in the group holds
 * the slot's handle (0 = nothing). Monsters and features live in the entity table, so a monster may stand on an
 * item.
 *
 * <p>The generator creates the pool and {@linkplain #RESERVED reserves} its slots before its first attempt, and
 * never places more than were reserved: a failed attempt releases its items and rolls the group back, which must
 * not free a slab the pool still uses. {@link #releaseAll()} runs before the level's group closes, so closing a
 * level reports no leak: every item goes back to the pool, then the pool and its slabs go with the group.</p>
 */
public final class FloorItems {
    /** Slots reserved per level before generation (the generator places far fewer; drops may grow the pool). */
    public static final int RESERVED = 192;

    private final Level level;
    private final Pool pool;
    private final long grid;
    private final int cells;
    private int count;

    /**
     * @param level the level
     * @param group its group (the grid lives there)
     * @param pool the level's item pool, or null for a level that holds no items (the arena)
     */
    FloorItems(Level level, LevelGroup group, Pool pool) {
        this.level = level;
        this.pool = pool;
        this.cells = level.width() * level.height();
        this.grid = group.calloc(cells * 4L, 8);
    }

    /** @return items on the floor */
    public int count() {
        return count;
    }

    /** @return the pool the items live in, or null */
    public Pool pool() {
        return pool;
    }

    /** @param x column @param y row @return the pool handle of the item there, or 0 */
    public int at(int x, int y) {
        return MemoryUtil.memGetInt(grid + 4L * ((long) y * level.width() + x));
    }

    /** @param i cell index @return the pool handle of the item there, or 0 */
    public int atCell(int i) {
        return MemoryUtil.memGetInt(grid + 4L * i);
    }

    /** @param handle a handle from {@link #at} @return the record's address (0 for a stale handle) */
    public long record(int handle) {
        return pool.address(handle);
    }

    /** @return whether nothing lies at the cell and it could hold an item */
    public boolean free(int x, int y) {
        return pool != null && level.inBounds(x, y) && at(x, y) == 0 && Terrain.walkable(level.terrain(x, y));
    }

    /** @return whether the generator may still place an item without growing the pool */
    boolean roomToPlace() {
        return pool != null && pool.live() < pool.capacity();
    }

    /**
     * Puts a new item on an empty walkable cell.
     *
     * @return whether it was placed
     */
    public boolean place(int x, int y, int type, int amount, int bonus) {
        if (!free(x, y)) {
            return false;
        }
        int h = pool.acquire();
        if (h == 0) {
            return false;
        }
        ItemRecord.write(pool.address(h), type, amount, bonus, 0);
        put(x, y, h);
        return true;
    }

    /** Copies a record (from the pack) onto an empty walkable cell, marked {@link ItemRecord#DROPPED}. @return whether it was placed */
    public boolean placeCopy(int x, int y, long from) {
        if (!free(x, y)) {
            return false;
        }
        int h = pool.acquire();
        if (h == 0) {
            return false;
        }
        ItemRecord.copy(from, pool.address(h));
        ItemRecord.setFlags(pool.address(h), ItemRecord.DROPPED);
        put(x, y, h);
        return true;
    }

    private void put(int x, int y, int h) {
        MemoryUtil.memPutInt(grid + 4L * ((long) y * level.width() + x), h);
        count++;
    }

    /** Removes the item at a cell and returns its slot to the pool (after the caller copied what it needs). */
    public void remove(int x, int y) {
        long at = grid + 4L * ((long) y * level.width() + x);
        int h = MemoryUtil.memGetInt(at);
        if (h != 0) {
            MemoryUtil.memPutInt(at, 0);
            pool.release(h);
            count--;
        }
    }

    /** Returns every item's slot to the pool (before the group closes, or when an attempt is undone). */
    void releaseAll() {
        if (pool == null || count == 0) {
            return;
        }
        for (int i = 0; i < cells; i++) {
            int h = MemoryUtil.memGetInt(grid + 4L * i);
            if (h != 0) {
                pool.release(h);
                MemoryUtil.memPutInt(grid + 4L * i, 0);
            }
        }
        count = 0;
    }
}
