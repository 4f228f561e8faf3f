package dev.burrow.dungeon.arena;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.Pool;
import org.lwjgl.system.MemoryUtil;

/**
 * Short-lived things with a position, a velocity and a time to live — projectiles, particles — each a slot of a
 * {@link Pool}, held through its handle and listed in a native array of live handles so a step can walk them.
 * Handles, not addresses: {@link #compact()} may move the slots (the handles follow), so a burst's slabs can go back.
 * Expired ones go back to the pool at once; the list is fixed-capacity, and a full list refuses (and counts) a spawn
 * rather than growing.
 *
 * <p>The pool reserves {@link #reserved()} slots up front (what ordinary play needs, so it never grows then); a burst
 * past that grows the pool by slabs, up to the list's capacity, and {@link #compact()} gives those slabs back after it.
 * Slot layout: x, y, vx, vy (float), ttl, value (int): {@value #BYTES} bytes.</p>
 */
final class Shots implements AutoCloseable {
    static final int X = 0;
    static final int Y = 4;
    static final int VX = 8;
    static final int VY = 12;
    static final int TTL = 16;
    /** Damage for a projectile, colour (0xRRGGBB) for a particle. */
    static final int VALUE = 20;
    static final int BYTES = 24;
    private final Pool pool;
    private final long live;   // capacity ints: the live handles
    private final int capacity;
    private final int reserve;
    private final int reservedCapacity; // the reservation in whole slabs
    private int count;
    private long refused;

    /**
     * @param capacity most alive at once (the list's size)
     * @param reserve slots the pool holds from the start, at most {@code capacity}
     */
    Shots(EngineMemory mem, LevelGroup group, String name, int capacity, int reserve) {
        this.pool = mem.pool(name, BYTES);
        this.reserve = Math.min(capacity, reserve);
        this.pool.reserve(this.reserve); // ordinary play is paid for now, not mid-game
        this.reservedCapacity = pool.capacity();
        this.capacity = capacity;
        this.live = group.alloc(capacity * 4L, 64);
    }

    boolean spawn(float x, float y, float vx, float vy, int ttl, int value) {
        if (count == capacity) {
            refused++;
            return false;
        }
        int h = pool.acquire();
        long a = pool.address(h);
        MemoryUtil.memPutFloat(a + X, x);
        MemoryUtil.memPutFloat(a + Y, y);
        MemoryUtil.memPutFloat(a + VX, vx);
        MemoryUtil.memPutFloat(a + VY, vy);
        MemoryUtil.memPutInt(a + TTL, ttl);
        MemoryUtil.memPutInt(a + VALUE, value);
        MemoryUtil.memPutInt(live + 4L * count++, h);
        return true;
    }

    int count() { return count; }

    /** @return the i-th live one's address, good until the next {@link #compact()} */
    long at(int i) { return pool.address(handle(i)); }

    private int handle(int i) { return MemoryUtil.memGetInt(live + 4L * i); }

    /** Frees the i-th live one; the last takes its place (walk backwards when removing in a loop). */
    void kill(int i) {
        pool.release(handle(i));
        MemoryUtil.memPutInt(live + 4L * i, handle(--count));
    }

    /** Moves everything by its velocity, ages it, frees the expired. */
    void advance(float dt) {
        for (int i = count - 1; i >= 0; i--) {
            long a = at(i);
            int ttl = MemoryUtil.memGetInt(a + TTL) - 1;
            if (ttl <= 0) {
                kill(i);
                continue;
            }
            MemoryUtil.memPutInt(a + TTL, ttl);
            MemoryUtil.memPutFloat(a + X, MemoryUtil.memGetFloat(a + X) + MemoryUtil.memGetFloat(a + VX) * dt);
            MemoryUtil.memPutFloat(a + Y, MemoryUtil.memGetFloat(a + Y) + MemoryUtil.memGetFloat(a + VY) * dt);
        }
    }

    void clear() {
        while (count > 0) {
            kill(count - 1);
        }
    }

    /** @return whether a burst grew the pool past the slabs of its reservation (slots held, not live ones) */
    boolean grown() {
        return pool.capacity() > reservedCapacity;
    }

    /**
     * After a burst: moves the live slots into the fewest slabs, frees the rest, and tops the pool up to its
     * reservation again, so ordinary play does not grow it. Allocates Java heap (the engine's compaction works in
     * proportion to the pool, and each slab it grows back records a site below OFF): not for every frame.
     *
     * @return slabs the compaction freed
     */
    int compact() {
        int freed = pool.compact();
        pool.reserve(reserve);
        return freed;
    }

    /** Grows the pool to the list's whole capacity (when a burst outgrows the reservation). */
    void reserveAll() {
        pool.reserve(capacity);
    }

    long refused() { return refused; }

    int capacity() { return capacity; }

    int reserved() { return reserve; }

    Pool pool() { return pool; }

    @Override
    public void close() {
        clear();
        pool.close();
    }
}
