package dev.burrow.dungeon.arena;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.Pool;
import org.lwjgl.system.MemoryUtil;

/**
 * Short-lived things with a position, a velocity and a time to live — projectiles, particles — each a slot of a
 * {@link Pool}, listed in a native array of live slot addresses so a step can walk them. Expired ones go back to
 * the pool at once; the list is fixed-capacity, and a full list refuses (and counts) a spawn rather than growing.
 *
 * <p>Slot layout: x, y, vx, vy (float), ttl, value (int): {@value #BYTES} bytes.</p>
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
    private final long live;
    private final int capacity;
    private int count;
    private long refused;

    Shots(EngineMemory mem, LevelGroup group, String name, int capacity) {
        this.pool = mem.pool(name, BYTES);
        this.pool.reserve(capacity); // the peak is paid for now, not by a burst mid-game
        this.capacity = capacity;
        this.live = group.alloc(capacity * 8L, 64);
    }

    boolean spawn(float x, float y, float vx, float vy, int ttl, int value) {
        if (count == capacity) {
            refused++;
            return false;
        }
        long a = pool.alloc();
        MemoryUtil.memPutFloat(a + X, x);
        MemoryUtil.memPutFloat(a + Y, y);
        MemoryUtil.memPutFloat(a + VX, vx);
        MemoryUtil.memPutFloat(a + VY, vy);
        MemoryUtil.memPutInt(a + TTL, ttl);
        MemoryUtil.memPutInt(a + VALUE, value);
        MemoryUtil.memPutLong(live + 8L * count++, a);
        return true;
    }

    int count() { return count; }

    long at(int i) { return MemoryUtil.memGetLong(live + 8L * i); }

    /** Frees the i-th live one; the last takes its place (walk backwards when removing in a loop). */
    void kill(int i) {
        pool.free(at(i));
        MemoryUtil.memPutLong(live + 8L * i, MemoryUtil.memGetLong(live + 8L * --count));
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

    long refused() { return refused; }

    Pool pool() { return pool; }

    @Override
    public void close() {
        clear();
        pool.close();
    }
}
