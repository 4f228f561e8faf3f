package dev.burrow.memory;

import java.util.Arrays;

/**
 * The native blocks one allocator owns, in allocation order: a frame's spill blocks, a group's chunks.
 * Parallel primitive arrays, so adding a block allocates Java heap only when the arrays grow (never in a
 * steady state), and freeing from an index backwards is a tight loop.
 */
final class BlockList {
    private long[] address = new long[16];
    private long[] bytes = new long[16];
    private long[] align = new long[16];
    private int count;
    private long totalBytes;

    int count() { return count; }

    long totalBytes() { return totalBytes; }

    long address(int i) { return address[i]; }

    long bytes(int i) { return bytes[i]; }

    long last() { return address[count - 1]; }

    long lastBytes() { return bytes[count - 1]; }

    void add(long a, long n, long al) {
        if (count == address.length) {
            int cap = count * 2;
            address = Arrays.copyOf(address, cap);
            bytes = Arrays.copyOf(bytes, cap);
            align = Arrays.copyOf(align, cap);
        }
        address[count] = a;
        bytes[count] = n;
        align[count] = al;
        count++;
        totalBytes += n;
    }

    /** Frees blocks {@code [from, count)} to {@code heap}, newest first. */
    void freeFrom(int from, NativeHeap heap) {
        for (int i = count - 1; i >= from; i--) {
            heap.free(address[i], bytes[i], align[i]);
            totalBytes -= bytes[i];
        }
        count = Math.min(count, from);
    }

    /** @return the index of the block holding {@code [a, a+n)}, or -1 */
    int find(long a, long n) {
        for (int i = count - 1; i >= 0; i--) {
            if (a >= address[i] && n >= 0 && a - address[i] <= bytes[i] - n) { // no a + n: it may overflow
                return i;
            }
        }
        return -1;
    }
}
