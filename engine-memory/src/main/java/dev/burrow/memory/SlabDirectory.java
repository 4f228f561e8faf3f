package dev.burrow.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which heap size class a slab belongs to, for every {@link SizeClassHeap} of the process: how a free from any thread
 * (and LWJGL's {@code memFree}) finds the owner of an address without reading native memory.
 *
 * <p>Heap slabs are {@link SizeClassHeap#SLAB_BYTES} bytes aligned to that size, so {@code address & -SLAB_BYTES}
 * is the slab's base. Reads are lock-free: an open-addressing table whose key is published with a release store
 * after its value, read with an acquire load. Writes (a slab added or freed: rare) take a lock. A removed slab leaves
 * a tombstone that still names its (closed) class, so a late free racing with the removal is refused by that class
 * instead of being mistaken for memory Burrow never saw; tombstones go when the table is rebuilt into a new array,
 * which readers holding the old one still read safely.</p>
 */
final class SlabDirectory {
    static final SlabDirectory INSTANCE = new SlabDirectory();
    private static final VarHandle KEY = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long EMPTY = 0;
    private static final long TOMBSTONE = 1; // never a slab base: bases are aligned to 64 KiB

    private static final class Table {
        final long[] keys;
        final HeapClass[] values;
        final int mask;
        final int shift;
        int used; // live entries and tombstones
        int live;

        Table(int capacity) {
            keys = new long[capacity];
            values = new HeapClass[capacity];
            mask = capacity - 1;
            shift = 64 - Integer.numberOfTrailingZeros(capacity);
        }

        int home(long base) {
            return (int) ((base * 0x9E3779B97F4A7C15L) >>> shift);
        }
    }

    private volatile Table table = new Table(256);

    /** @return the class whose slab holds {@code address} (possibly closed), or null */
    HeapClass find(long address) {
        long base = address & -SizeClassHeap.SLAB_BYTES;
        Table t = table;
        for (int i = t.home(base); ; i = (i + 1) & t.mask) {
            long k = (long) KEY.getAcquire(t.keys, i);
            if (k == base) {
                return t.values[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    synchronized void put(long base, HeapClass value) {
        Table t = table;
        if ((t.used + 1) * 4 > t.keys.length * 3) {
            t = rebuild(Math.max(256, Integer.highestOneBit(Math.max(1, t.live + 1) * 4)));
        }
        for (int i = t.home(base); ; i = (i + 1) & t.mask) {
            long k = t.keys[i];
            if (k == EMPTY || k == base) {
                t.values[i] = value;
                KEY.setRelease(t.keys, i, base);
                if (k == EMPTY) {
                    t.used++;
                    t.live++;
                }
                return;
            }
        }
    }

    synchronized void remove(long base) {
        Table t = table;
        for (int i = t.home(base); ; i = (i + 1) & t.mask) {
            long k = t.keys[i];
            if (k == base) {
                KEY.setRelease(t.keys, i, TOMBSTONE);
                t.live--;
                return; // the value stays until a rebuild: see the class comment
            }
            if (k == EMPTY) {
                return;
            }
        }
    }

    /** Copies live entries into a new table and publishes it (lock held). */
    private Table rebuild(int capacity) {
        Table old = table;
        Table t = new Table(capacity);
        for (int i = 0; i < old.keys.length; i++) {
            long k = old.keys[i];
            if (k != EMPTY && k != TOMBSTONE) {
                int j = t.home(k);
                while (t.keys[j] != EMPTY) {
                    j = (j + 1) & t.mask;
                }
                t.keys[j] = k;
                t.values[j] = old.values[i];
                t.used++;
                t.live++;
            }
        }
        table = t;
        return t;
    }

    /** @return slabs registered now (for tests) */
    synchronized int size() {
        return table.live;
    }
}
