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
    private static final int TARGET = 0;
    private static final int AMOUNT = 4;
    private static final int SOURCE = 8;
    private static final int EVENT = 12;
    private final long events;
    private final int capacity;
    private int head;
    private int size;
    private int peak;
    private long dropped;
    private long pushed;

    DamageRing(LevelGroup group, int capacity) {
        this.capacity = capacity;
        this.events = group.alloc((long) capacity * EVENT, 64);
    }

    /** @return false (and counted) when the ring is full */
    boolean push(int target, int amount, int source) {
        if (size == capacity) {
            dropped++;
            return false;
        }
        long e = at(size);
        MemoryUtil.memPutInt(e + TARGET, target);
        MemoryUtil.memPutInt(e + AMOUNT, amount);
        MemoryUtil.memPutInt(e + SOURCE, source);
        size++;
        pushed++;
        if (size > peak) {
            peak = size;
        }
        return true;
    }

    int size() { return size; }

    private long at(int i) {
        return events + (long) EVENT * ((head + i) % capacity);
    }

    int target(int i) { return MemoryUtil.memGetInt(at(i) + TARGET); }

    int amount(int i) { return MemoryUtil.memGetInt(at(i) + AMOUNT); }

    int source(int i) { return MemoryUtil.memGetInt(at(i) + SOURCE); }

    void clear() {
        head = (head + size) % capacity;
        size = 0;
    }

    int capacity() { return capacity; }

    int peak() { return peak; }

    long dropped() { return dropped; }

    long pushed() { return pushed; }
}
