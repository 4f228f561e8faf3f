package dev.burrow.dungeon.arena;

import dev.burrow.memory.LevelGroup;
import org.lwjgl.system.MemoryUtil;

/**
 * Every enemy as a row across native columns (structure of arrays): position, previous position (for render
 * interpolation), velocity, this step's spacing correction and crowding (summed overlap with neighbours) as floats;
 * health, type, target (the row of a foe
 * in reach this step, or -1) and cooldown as ints. Capacity is fixed when the arena starts; no enemy is a Java
 * object.
 *
 * <p>Rows are dense ({@code 0..count-1}) so steps stream through memory; removal moves the last row into the hole.
 * Callers hold <em>ids</em> instead of rows: an id is {@code (generation << 20) | slot}, and a slot map gives the
 * current row of each slot. Removing an enemy bumps its slot's generation, so an old id is refused ({@link #row}
 * returns -1) rather than reaching whoever got the row or the slot later.</p>
 */
public final class EnemyTable {
    static final int SLOT_BITS = 20;
    static final int SLOT_MASK = (1 << SLOT_BITS) - 1;
    static final int GEN_MASK = 0x7FF;

    private final int capacity;
    final long x;
    final long y;
    final long px;
    final long py;
    final long vx;
    final long vy;
    final long sx;
    final long sy;
    final long crowd;
    final long hp;
    final long type;
    final long target;
    final long cooldown;
    private final long slotOfRow;   // row -> slot
    private final long rowOfSlot;   // slot -> row, -1 when free
    private final long generation;  // slot -> generation
    private final long freeSlots;   // stack of free slots
    private int freeTop;
    private int count;

    /** @param group where the columns live (they die with it) @param capacity most enemies alive at once */
    public EnemyTable(LevelGroup group, int capacity) {
        if (capacity < 1 || capacity > SLOT_MASK) {
            throw new IllegalArgumentException("enemy capacity must be 1.." + SLOT_MASK + ": " + capacity);
        }
        this.capacity = capacity;
        long n = capacity * 4L;
        x = group.alloc(n, 64);
        y = group.alloc(n, 64);
        px = group.alloc(n, 64);
        py = group.alloc(n, 64);
        vx = group.alloc(n, 64);
        vy = group.alloc(n, 64);
        sx = group.alloc(n, 64);
        sy = group.alloc(n, 64);
        crowd = group.alloc(n, 64);
        hp = group.alloc(n, 64);
        type = group.alloc(n, 64);
        target = group.alloc(n, 64);
        cooldown = group.alloc(n, 64);
        slotOfRow = group.alloc(n, 64);
        rowOfSlot = group.alloc(n, 64);
        generation = group.calloc(n, 64);
        freeSlots = group.alloc(n, 64);
        for (int s = 0; s < capacity; s++) {
            MemoryUtil.memPutInt(rowOfSlot + 4L * s, -1);
            MemoryUtil.memPutInt(freeSlots + 4L * s, capacity - 1 - s); // slot 0 on top
        }
        freeTop = capacity;
    }

    /** @return enemies alive */
    public int count() { return count; }

    /** @return the most enemies the table holds */
    public int capacity() { return capacity; }

    /**
     * Adds an enemy.
     *
     * @return its id, or 0 when the table is full
     */
    public int add(float ex, float ey, int etype, int ehp) {
        if (count == capacity) {
            return 0;
        }
        int slot = MemoryUtil.memGetInt(freeSlots + 4L * --freeTop);
        int row = count++;
        int gen = (MemoryUtil.memGetInt(generation + 4L * slot) + 1) & GEN_MASK;
        if (gen == 0) {
            gen = 1; // id 0 means "none"
        }
        MemoryUtil.memPutInt(generation + 4L * slot, gen);
        MemoryUtil.memPutInt(rowOfSlot + 4L * slot, row);
        MemoryUtil.memPutInt(slotOfRow + 4L * row, slot);
        putF(x, row, ex);
        putF(y, row, ey);
        putF(px, row, ex);
        putF(py, row, ey);
        putF(vx, row, 0);
        putF(vy, row, 0);
        putF(sx, row, 0);
        putF(sy, row, 0);
        putF(crowd, row, 0);
        putI(hp, row, ehp);
        putI(type, row, etype);
        putI(target, row, -1);
        putI(cooldown, row, 0);
        return (gen << SLOT_BITS) | slot;
    }

    /** @return the id of the enemy in {@code row} */
    public int id(int row) {
        int slot = MemoryUtil.memGetInt(slotOfRow + 4L * row);
        return (MemoryUtil.memGetInt(generation + 4L * slot) << SLOT_BITS) | slot;
    }

    /** @return the row of a live id, or -1 for a dead, stale or foreign one */
    public int row(int id) {
        int slot = id & SLOT_MASK;
        if (id <= 0 || slot >= capacity || MemoryUtil.memGetInt(generation + 4L * slot) != (id >>> SLOT_BITS)) {
            return -1;
        }
        return MemoryUtil.memGetInt(rowOfSlot + 4L * slot);
    }

    /** Removes the enemy in {@code row}; the last row moves into its place. */
    public void removeRow(int row) {
        int slot = MemoryUtil.memGetInt(slotOfRow + 4L * row);
        int last = --count;
        if (row != last) {
            int lastSlot = MemoryUtil.memGetInt(slotOfRow + 4L * last);
            copyRow(last, row);
            MemoryUtil.memPutInt(slotOfRow + 4L * row, lastSlot);
            MemoryUtil.memPutInt(rowOfSlot + 4L * lastSlot, row);
        }
        MemoryUtil.memPutInt(rowOfSlot + 4L * slot, -1);
        // A new generation now: the dead enemy's id stops resolving at once.
        MemoryUtil.memPutInt(generation + 4L * slot, (MemoryUtil.memGetInt(generation + 4L * slot) + 1) & GEN_MASK);
        MemoryUtil.memPutInt(freeSlots + 4L * freeTop++, slot);
    }

    private void copyRow(int from, int to) {
        long f = 4L * from;
        long t = 4L * to;
        MemoryUtil.memPutInt(x + t, MemoryUtil.memGetInt(x + f));
        MemoryUtil.memPutInt(y + t, MemoryUtil.memGetInt(y + f));
        MemoryUtil.memPutInt(px + t, MemoryUtil.memGetInt(px + f));
        MemoryUtil.memPutInt(py + t, MemoryUtil.memGetInt(py + f));
        MemoryUtil.memPutInt(vx + t, MemoryUtil.memGetInt(vx + f));
        MemoryUtil.memPutInt(vy + t, MemoryUtil.memGetInt(vy + f));
        MemoryUtil.memPutInt(sx + t, MemoryUtil.memGetInt(sx + f));
        MemoryUtil.memPutInt(sy + t, MemoryUtil.memGetInt(sy + f));
        MemoryUtil.memPutInt(crowd + t, MemoryUtil.memGetInt(crowd + f));
        MemoryUtil.memPutInt(hp + t, MemoryUtil.memGetInt(hp + f));
        MemoryUtil.memPutInt(type + t, MemoryUtil.memGetInt(type + f));
        MemoryUtil.memPutInt(target + t, MemoryUtil.memGetInt(target + f));
        MemoryUtil.memPutInt(cooldown + t, MemoryUtil.memGetInt(cooldown + f));
    }

    static float f(long column, int row) {
        return MemoryUtil.memGetFloat(column + 4L * row);
    }

    static void putF(long column, int row, float v) {
        MemoryUtil.memPutFloat(column + 4L * row, v);
    }

    static int i(long column, int row) {
        return MemoryUtil.memGetInt(column + 4L * row);
    }

    static void putI(long column, int row, int v) {
        MemoryUtil.memPutInt(column + 4L * row, v);
    }

    /** @return x of a row (cells) */
    public float x(int row) { return f(x, row); }

    /** @return y of a row */
    public float y(int row) { return f(y, row); }

    /** @return x at the previous step */
    public float prevX(int row) { return f(px, row); }

    /** @return y at the previous step */
    public float prevY(int row) { return f(py, row); }

    /** @return health of a row */
    public int hp(int row) { return i(hp, row); }

    /** @return type of a row */
    public int type(int row) { return i(type, row); }
}
