package dev.burrow.memory;

/**
 * A bounded FIFO of slot indices: the quarantine that delays reuse of freed slots at SIMPLE and PARANOID (so a
 * double free after reuse is still a double free), and the cooling queue that holds slots whose handle generation
 * wrapped. {@link #offer} on a full queue evicts and returns the oldest entry. Allocates nothing after creation.
 */
final class SlotQueue {
    private final int[] ring;
    private int head;
    private int size;

    SlotQueue(int capacity) {
        ring = new int[capacity];
    }

    /**
     * @param slot an index to hold
     * @return the index that had to leave to make room (the oldest), {@code slot} itself when the capacity is 0,
     *         or -1 when nothing left
     */
    int offer(int slot) {
        int cap = ring.length;
        if (cap == 0) {
            return slot;
        }
        if (size == cap) {
            int oldest = ring[head];
            ring[head] = slot;
            head = head + 1 == cap ? 0 : head + 1;
            return oldest;
        }
        int at = head + size;
        ring[at >= cap ? at - cap : at] = slot;
        size++;
        return -1;
    }

    /** @return the oldest index, or -1 when empty */
    int poll() {
        if (size == 0) {
            return -1;
        }
        int oldest = ring[head];
        head = head + 1 == ring.length ? 0 : head + 1;
        size--;
        return oldest;
    }

    /** @param i 0 is the oldest @return the i-th index held */
    int get(int i) {
        int at = head + i;
        return ring[at >= ring.length ? at - ring.length : at];
    }

    int size() {
        return size;
    }

    int capacity() {
        return ring.length;
    }

    /** Keeps, in order, only the indices {@code keep} accepts (a compaction dropping slots of freed slabs). */
    void retainIf(java.util.function.IntPredicate keep) {
        int n = size;
        int[] kept = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int slot = get(i);
            if (keep.test(slot)) {
                kept[k++] = slot;
            }
        }
        head = 0;
        size = 0;
        for (int i = 0; i < k; i++) {
            ring[i] = kept[i];
        }
        size = k;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}
