package dev.burrow.memory;

import java.util.Arrays;

/**
 * Finds the slab a pool address lies in, from the Java side only: no native memory is read, so a forged address
 * is simply not found. Slabs are aligned to their (power-of-two) size, so {@code address & -slabBytes} is the
 * slab's base; the base indexes a direct-mapped table (one compare for the common case), and the rare bases that
 * collide go to an open-addressing overflow map.
 */
final class SlabTable {
    // Never a slab base: bases are aligned to at least 256 bytes.
    private static final long EMPTY = -1L;

    private final int shift;
    private long[] bases;
    private int[] slabs;
    private int mask;
    private LongIntMap overflow;
    private int size;

    SlabTable(long slabBytes) {
        this.shift = Long.numberOfTrailingZeros(slabBytes);
        resize(16);
    }

    /** @return the slab number of the slab at {@code base}, or -1 */
    int find(long base) {
        int i = (int) (base >>> shift) & mask;
        if (bases[i] == base) {
            return slabs[i];
        }
        return overflow == null ? -1 : overflow.get(base);
    }

    void put(long base, int slab) {
        if (++size * 2 > bases.length) {
            rehash(bases.length * 2);
        }
        insert(base, slab);
    }

    private void insert(long base, int slab) {
        int i = (int) (base >>> shift) & mask;
        if (bases[i] == EMPTY) {
            bases[i] = base;
            slabs[i] = slab;
        } else {
            if (overflow == null) {
                overflow = new LongIntMap();
            }
            overflow.put(base, slab);
        }
    }

    /** Forgets the slab at {@code base} (a heap freed it); the table keeps its size. */
    void remove(long base) {
        int i = (int) (base >>> shift) & mask;
        if (bases[i] == base) {
            bases[i] = EMPTY;
            size--;
        } else if (overflow != null && overflow.get(base) >= 0) {
            overflow.remove(base);
            size--;
        }
    }

    /** Forgets every slab: later lookups find nothing. */
    void clear() {
        Arrays.fill(bases, EMPTY);
        overflow = null;
        size = 0;
    }

    private void rehash(int capacity) {
        long[] oldBases = bases;
        int[] oldSlabs = slabs;
        LongIntMap oldOverflow = overflow;
        resize(capacity);
        for (int i = 0; i < oldBases.length; i++) {
            if (oldBases[i] != EMPTY) {
                insert(oldBases[i], oldSlabs[i]);
            }
        }
        if (oldOverflow != null) {
            oldOverflow.forEach(this::insert);
        }
    }

    private void resize(int capacity) {
        bases = new long[capacity];
        Arrays.fill(bases, EMPTY);
        slabs = new int[capacity];
        mask = capacity - 1;
        overflow = null;
    }
}
