package dev.burrow.memory;

import org.lwjgl.system.MemoryUtil;

/**
 * What every frame collection shares: frame memory at {@link #address}, a fixed capacity, and the rule that a
 * collection lives exactly as long as the allocation under it (the frame, or a rollback past its creation).
 *
 * <p>When that memory goes, the arena sets the capacity and size to 0, so every operation on the stale view fails its
 * ordinary bounds check and lands in the error path ({@code EM011}): no extra test on the hot path, at any level. The
 * view objects are recycled by the arena (first in, first out), so creating a collection allocates no Java heap.</p>
 */
abstract class FrameCollection {
    final FrameArena arena;
    long address;
    int capacity;
    int size;
    /** The frame the collection was made in; 0 once it is gone. */
    long frame;

    FrameCollection(FrameArena arena) {
        this.arena = arena;
    }

    void attach(long address, int capacity, long frame) {
        this.address = address;
        this.capacity = capacity;
        this.size = 0;
        this.frame = frame;
    }

    /** The memory under the collection is gone (frame end, rollback, release). */
    void detach() {
        address = 0;
        capacity = 0;
        size = 0;
        frame = 0;
    }

    /** @return whether the collection's frame memory is still there */
    public final boolean isLive() {
        return frame != 0;
    }

    /** @return elements held */
    public final int size() {
        return size;
    }

    /** @return the most elements it can hold, fixed at creation (0 once its frame ended) */
    public final int capacity() {
        return capacity;
    }

    /** @return whether it holds nothing */
    public final boolean isEmpty() {
        return size == 0;
    }

    /** Empties it (the memory stays the collection's). */
    public final void clear() {
        if (frame == 0) {
            stale("clear");
            return;
        }
        size = 0;
        cleared();
    }

    /** Hook: what a collection must reset beyond its size. */
    void cleared() {
    }

    /** @return the frame-memory address of the first element (for bulk native access) */
    public final long address() {
        return address;
    }

    /**
     * Appends {@code count} zero elements of {@code bytes} each with one memset (a list sized up front, then
     * written at any index, e.g. by several workers).
     *
     * @return whether they were added (false: not enough room, or the frame is gone: diagnosed)
     * @throws IllegalArgumentException when {@code count} is negative
     */
    final boolean appendZeros(int count, int bytes) {
        if (count < 0) {
            throw new IllegalArgumentException(kind() + ": cannot add " + count + " zeros");
        }
        int n = size;
        if (frame == 0 || count > capacity - n) { // a stale view is refused even for 0 zeros
            return refuseAdd();
        }
        if (count == 0) {
            return true;
        }
        MemoryUtil.memSet(address + (long) n * bytes, 0, (long) count * bytes);
        size = n + count;
        return true;
    }

    /** The slow path of a failed bounds check on add: a stale view ({@code EM011}) or a full one ({@code EM010}). */
    final boolean refuseAdd() {
        if (frame == 0) {
            stale("add");
        } else {
            arena.diagnostics.report(DiagnosticCode.EM010, kind() + " of capacity " + capacity + " in " + arena.label
                + " is full", null, arena.label + "full" + kind());
        }
        return false;
    }

    /** The slow path of a failed bounds check on a read or write at {@code i}. */
    final void refuseIndex(int i) {
        if (frame == 0) {
            stale("get/set");
            return;
        }
        throw new IndexOutOfBoundsException(kind() + " index " + i + " out of [0, " + size + ")");
    }

    final void stale(String op) {
        arena.diagnostics.report(DiagnosticCode.EM011, op + "() on a " + kind() + " of " + arena.label
            + " whose frame memory is gone (its frame ended or was rolled back past it)", null, arena.label + "stale" + kind());
    }

    abstract String kind();
}
