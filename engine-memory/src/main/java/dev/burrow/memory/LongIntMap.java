package dev.burrow.memory;

/**
 * Open-addressing map from non-zero {@code long} keys (native addresses) to {@code int} values, linear probing
 * with backward-shift deletion, no boxing. Gets allocate nothing; puts allocate only when the table grows.
 */
final class LongIntMap {
    private long[] keys;
    private int[] values;
    private int mask;
    private int shift;
    private int size;

    LongIntMap() {
        resize(16);
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** @return the value for {@code key}, or -1 */
    int get(long key) {
        if (key == 0) {
            return -1; // 0 marks an empty cell: a forged address below the first slab must not match one
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    /** Grows the table now so that {@code entries} keys fit without growing later (no allocation on later puts). */
    void ensureCapacity(int entries) {
        int want = Integer.highestOneBit(Math.max(16, entries * 2 + 1) * 2 - 1);
        if (want > keys.length) {
            long[] oldK = keys;
            int[] oldV = values;
            resize(want);
            for (int i = 0; i < oldK.length; i++) {
                if (oldK[i] != 0) {
                    insert(oldK[i], oldV[i]);
                }
            }
        }
    }

    void put(long key, int value) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0");
        }
        if ((size + 1) * 2 > keys.length) {
            long[] oldK = keys;
            int[] oldV = values;
            resize(keys.length * 2);
            for (int i = 0; i < oldK.length; i++) {
                if (oldK[i] != 0) {
                    insert(oldK[i], oldV[i]);
                }
            }
        }
        insert(key, value);
    }

    private void insert(long key, int value) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (keys[i] == 0 || keys[i] == key) {
                if (keys[i] == 0) {
                    size++;
                }
                keys[i] = key;
                values[i] = value;
                return;
            }
        }
    }

    void remove(long key) {
        if (key == 0) {
            return; // never a key (0 marks empty cells)
        }
        int i = slot(key);
        while (keys[i] != key) {
            if (keys[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift: pull later entries of the probe chain into the hole so gets never stop early.
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        size--;
    }

    int size() { return size; }

    /** Calls {@code action} for every entry, in no particular order. */
    void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    /** One key and its value, without boxing. */
    interface Entry {
        void accept(long key, int value);
    }

    private void resize(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        size = 0;
    }
}
