package dev.burrow.memory;

import org.lwjgl.system.MemoryUtil;

/**
 * A bounded {@code int -> int} open-addressing map in frame memory: {@link FrameArena#intIntMap(int)} makes one for the
 * current frame. Linear probing over a power-of-two table at most half full; entries are {key, value} pairs of 8
 * bytes. The key {@link #RESERVED_KEY} marks an empty entry and cannot be stored. A put of a new key past the capacity
 * is refused ({@code EM010}); a map used after its frame ended is refused ({@code EM011}). No Java heap is allocated.
 */
public final class FrameIntIntMap extends FrameCollection {
    /** The one key that cannot be stored: the byte pattern {@code 0x80} of an empty entry. */
    public static final int RESERVED_KEY = 0x80808080;
    private static final int ENTRY = 8;
    private int mask;
    private int shift;

    FrameIntIntMap(FrameArena arena) {
        super(arena);
    }

    /** @return the table size (a power of two) for {@code capacity} keys at most half full */
    static int tableFor(int capacity) {
        return Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
    }

    void attachTable(long address, int capacity, int table, long frame) {
        attach(address, capacity, frame);
        this.mask = table - 1;
        this.shift = 32 - Integer.numberOfTrailingZeros(table);
        cleared();
    }

    @Override
    void cleared() {
        MemoryUtil.memSet(address, 0x80, (long) (mask + 1) * ENTRY);
    }

    private int slot(int key) {
        return (key * 0x9E3779B9) >>> shift;
    }

    /**
     * Associates {@code value} with {@code key}.
     *
     * @param key any int but {@link #RESERVED_KEY}
     * @param value the value
     * @return whether it was stored (false: full with a new key, or the map's frame is gone)
     * @throws IllegalArgumentException for {@link #RESERVED_KEY}
     */
    public boolean put(int key, int value) {
        if (key == RESERVED_KEY) {
            throw new IllegalArgumentException("FrameIntIntMap cannot store the reserved key " + RESERVED_KEY);
        }
        if (frame == 0) {
            return refuseAdd();
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long e = address + (long) i * ENTRY;
            int k = MemoryUtil.memGetInt(e);
            if (k == key) {
                MemoryUtil.memPutInt(e + 4, value);
                return true;
            }
            if (k == RESERVED_KEY) {
                if (size == capacity) {
                    return refuseAdd();
                }
                MemoryUtil.memPutInt(e, key);
                MemoryUtil.memPutInt(e + 4, value);
                size++;
                return true;
            }
        }
    }

    /**
     * @param key a key
     * @param missing what to return when the key is absent
     * @return the value for {@code key}, or {@code missing}
     */
    public int get(int key, int missing) {
        if (frame == 0) {
            stale("get");
            return missing;
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long e = address + (long) i * ENTRY;
            int k = MemoryUtil.memGetInt(e);
            if (k == key && key != RESERVED_KEY) {
                return MemoryUtil.memGetInt(e + 4);
            }
            if (k == RESERVED_KEY) {
                return missing;
            }
        }
    }

    /**
     * @param key a key
     * @return whether the map holds {@code key}
     */
    public boolean containsKey(int key) {
        if (frame == 0) {
            stale("containsKey");
            return false;
        }
        if (key == RESERVED_KEY) {
            return false;
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int k = MemoryUtil.memGetInt(address + (long) i * ENTRY);
            if (k == key) {
                return true;
            }
            if (k == RESERVED_KEY) {
                return false;
            }
        }
    }

    @Override
    String kind() {
        return "FrameIntIntMap";
    }
}
