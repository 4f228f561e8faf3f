package dev.burrow.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded multi-producer, single-consumer queue of non-zero {@code long} values: how frees and releases from
 * other threads reach a concurrent pool's owner as plain values, never as writes into slot memory.
 *
 * <h2>Layout</h2>
 * <p>Each cell has a value and a sequence number (Vyukov's bounded queue). A producer claims cell {@code t} by a CAS
 * on the tail when the cell's sequence is {@code t} (free for that lap), writes the value, then publishes it by
 * setting the sequence to {@code t + 1} (release). The consumer reads cell {@code h} when its sequence is
 * {@code h + 1} (acquire), then frees it for the next lap with {@code h + capacity}. No value is ever lost: a claimed
 * cell not yet published stops the consumer until the next drain.</p>
 *
 * <h2>Full ring</h2>
 * <p>A producer that finds the ring full does not wait and does not drop: it appends the value to an overflow list
 * under a lock (the only path that may allocate Java heap, when the list grows) and the consumer drains that list
 * too. {@link #overflows()} counts how often that happened, so a ring that is too small shows up in the snapshot.</p>
 */
final class MpscLongRing {
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values;
    private final long[] sequences;
    private final int mask;
    private final AtomicLong tail = new AtomicLong();
    private long head;

    private final Object overflowLock = new Object();
    private long[] overflow = new long[0];
    private int overflowSize;
    private volatile int overflowPending;
    private final AtomicLong overflows = new AtomicLong();

    /** @param capacity cells, a power of two */
    MpscLongRing(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 2: " + capacity);
        }
        values = new long[capacity];
        sequences = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            sequences[i] = i;
        }
        mask = capacity - 1;
    }

    /** Adds {@code value} (never 0) from any thread. Never blocks, never loses the value. */
    void offer(long value) {
        long t;
        for (;;) {
            t = tail.get();
            long seq = (long) SEQ.getAcquire(sequences, (int) (t & mask));
            long dif = seq - t;
            if (dif == 0) {
                if (tail.compareAndSet(t, t + 1)) {
                    break;
                }
            } else if (dif < 0) {
                spill(value); // full: the consumer has not freed this cell for the current lap
                return;
            }
            // else another producer took cell t: retry with the new tail
        }
        int cell = (int) (t & mask);
        values[cell] = value;
        SEQ.setRelease(sequences, cell, t + 1);
    }

    private void spill(long value) {
        synchronized (overflowLock) {
            if (overflowSize == overflow.length) {
                overflow = Arrays.copyOf(overflow, Math.max(16, overflowSize * 2));
            }
            overflow[overflowSize++] = value;
            overflowPending = overflowSize;
        }
        overflows.incrementAndGet();
    }

    /** @return the next value, or 0 when none is published. Owner thread only. */
    long poll() {
        long h = head;
        int cell = (int) (h & mask);
        if ((long) SEQ.getAcquire(sequences, cell) != h + 1) {
            return 0;
        }
        long v = values[cell];
        SEQ.setRelease(sequences, cell, h + mask + 1);
        head = h + 1;
        return v;
    }

    /** @return whether a value may be waiting (a cheap check for the owner's allocation path) */
    boolean mayHaveValues() {
        return (long) SEQ.getAcquire(sequences, (int) (head & mask)) == head + 1 || overflowPending != 0;
    }

    /**
     * Moves the overflow list's values to {@code sink}. Owner thread only.
     *
     * @return how many
     */
    int drainOverflow(LongSink sink) {
        if (overflowPending == 0) {
            return 0;
        }
        long[] taken;
        int n;
        synchronized (overflowLock) {
            taken = overflow;
            n = overflowSize;
            overflow = new long[0];
            overflowSize = 0;
            overflowPending = 0;
        }
        for (int i = 0; i < n; i++) {
            sink.accept(taken[i]);
        }
        return n;
    }

    /** @return values that found the ring full and went to the overflow list */
    long overflows() {
        return overflows.get();
    }

    /** @return cells */
    int capacity() {
        return mask + 1;
    }

    /** Receives drained values. */
    interface LongSink {
        void accept(long value);
    }
}
