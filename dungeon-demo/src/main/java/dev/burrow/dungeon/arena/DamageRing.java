package dev.burrow.dungeon.arena;

import dev.burrow.memory.LevelGroup;
import org.lwjgl.system.MemoryUtil;

/**
 * Damage events of a step: (target id, amount, source), pushed while enemies and projectiles act, drained once at
 * the end of the step. Fixed capacity in native memory: a full ring refuses the event and counts it — never drops
 * it silently, never grows.
 */
final class DamageRing {
    static final int PLAYER = -1;
    private final long events; // 3 ints each
    private final int capacity;
    private int head;
    private int size;
    private int peak;
    private long dropped;
    private long pushed;

    DamageRing(LevelGroup group, int capacity) {
        this.capacity = capacity;
        this.events = group.alloc(capacity * 12L, 64);
    }

    /** @return false (and counted) when the ring is full */
    boolean push(int target, int amount, int source) {
        if (size == capacity) {
            dropped++;
            return false;
        }
        long e = events + 12L * ((head + size) % capacity);
        MemoryUtil.memPutInt(e, target);
        MemoryUtil.memPutInt(e + 4, amount);
        MemoryUtil.memPutInt(e + 8, source);
        size++;
        pushed++;
        if (size > peak) {
            peak = size;
        }
        return true;
    }

    int size() { return size; }

    int target(int i) { return MemoryUtil.memGetInt(events + 12L * ((head + i) % capacity)); }

    int amount(int i) { return MemoryUtil.memGetInt(events + 12L * ((head + i) % capacity) + 4); }

    void clear() {
        head = (head + size) % capacity;
        size = 0;
    }

    int capacity() { return capacity; }

    int peak() { return peak; }

    long dropped() { return dropped; }

    long pushed() { return pushed; }
}
