package dev.burrow.memory;

import org.lwjgl.system.MemoryUtil;

/**
 * A bounded list of {@code int} in frame memory: {@link FrameArena#intList(int)} makes one for the current frame.
 * Its capacity is fixed at creation; an {@link #add} past it is refused ({@code EM010}, {@code false}); a list used
 * after its frame ended (or after a rollback past its creation) is refused ({@code EM011}). No Java heap is allocated
 * by any method; {@code add} and {@code get} cost a bounds check and one native store or load.
 */
public final class FrameIntList extends FrameCollection {
    static final int BYTES = 4;

    FrameIntList(FrameArena arena) {
        super(arena);
    }

    /**
     * Appends a value.
     *
     * @param value the value
     * @return whether it was added (false: full, or the list's frame is gone)
     */
    public boolean add(int value) {
        int n = size;
        if (n < capacity) {
            MemoryUtil.memPutInt(address + (long) n * BYTES, value);
            size = n + 1;
            return true;
        }
        return refuseAdd();
    }

    /**
     * @param i an index below {@link #size()}
     * @return the value at {@code i}
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public int get(int i) {
        if (i >= 0 && i < size) {
            return MemoryUtil.memGetInt(address + (long) i * BYTES);
        }
        refuseIndex(i);
        return 0;
    }

    /**
     * @param i an index below {@link #size()}
     * @param value the new value
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public void set(int i, int value) {
        if (i >= 0 && i < size) {
            MemoryUtil.memPutInt(address + (long) i * BYTES, value);
            return;
        }
        refuseIndex(i);
    }

    /**
     * Removes and returns the last value (a stack).
     *
     * @return the last value
     * @throws IndexOutOfBoundsException when the list is empty
     */
    public int removeLast() {
        int n = size - 1;
        if (n >= 0) {
            size = n;
            return MemoryUtil.memGetInt(address + (long) n * BYTES);
        }
        refuseIndex(n);
        return 0;
    }

    /**
     * Adds {@code count} zeros at the end in one memset: the way to size a list before writing it at any index
     * with {@link #set} (from several threads, each its own indices).
     *
     * @param count zeros to add, 0 or more
     * @return whether they were added (false: not enough room ({@code EM010}) or the list's frame is gone
     *         ({@code EM011}); nothing is added then)
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public boolean addZeros(int count) {
        return appendZeros(count, BYTES);
    }

    @Override
    String kind() {
        return "FrameIntList";
    }
}
