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
 * <p>Slot layout: x, y, vx, vy (float), ttl, value (int): 24 bytes.</p>
 */
final class Shots implements AutoCloseable {
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
        MemoryUtil.memPutFloat(a, x);
        MemoryUtil.memPutFloat(a + 4, y);
        MemoryUtil.memPutFloat(a + 8, vx);
        MemoryUtil.memPutFloat(a + 12, vy);
        MemoryUtil.memPutInt(a + 16, ttl);
        MemoryUtil.memPutInt(a + 20, value);
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
            int ttl = MemoryUtil.memGetInt(a + 16) - 1;
            if (ttl <= 0) {
                kill(i);
                continue;
            }
            MemoryUtil.memPutInt(a + 16, ttl);
            MemoryUtil.memPutFloat(a, MemoryUtil.memGetFloat(a) + MemoryUtil.memGetFloat(a + 8) * dt);
            MemoryUtil.memPutFloat(a + 4, MemoryUtil.memGetFloat(a + 4) + MemoryUtil.memGetFloat(a + 12) * dt);
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
