package dev.burrow.memory;

/**
 * Every block a {@link SizeClassHeap} (or the LWJGL allocator while no engine is attached) took straight from the
 * native allocator, for the whole process: address to size, alignment, owner and site. A free from any thread finds
 * its block here without reading native memory; an address that is not here was never such a block, or was freed.
 *
 * <p>64 stripes, each an open-addressing map under its own lock (large blocks cost a native call anyway), in
 * primitive arrays: no Java heap per block once a stripe has grown. Each stripe also remembers the last
 * {@value #GRAVE} addresses freed through it (a graveyard), so a second free of one of them is told apart from a
 * pointer Burrow never saw; an address leaves the graveyard when a new block is recorded there.</p>
 */
final class LargeBlocks {
    static final LargeBlocks INSTANCE = new LargeBlocks();
    /** {@link #free} found and freed the block. */
    static final int FREED = 1;
    /** {@link #free}: not a recorded block, and not freed recently either. */
    static final int UNKNOWN = 0;
    /** {@link #free}: not recorded now, but freed recently: a double free. */
    static final int FREED_BEFORE = -1;
    /** {@link #free}: a block of another engine. */
    static final int OTHER_ENGINE = -2;
    static final int GRAVE = 64;
    private static final int STRIPES = 64;
    private static final int ALIGN_SHIFT = 56;
    private static final long SIZE_MASK = (1L << ALIGN_SHIFT) - 1;

    /** Whoever accounts for a block: a heap, or the LWJGL allocator's pass-through. */
    interface Owner {
        /** Called after the block left the map, outside any lock: free it and count it. */
        void largeFreed(long address, long bytes, long align);

        /** @return the engine the block belongs to, or null for pass-through blocks */
        EngineMemory engine();
    }

    private static final class Stripe {
        long[] keys = new long[16];
        long[] meta = new long[16]; // size | log2(align) << 56
        Owner[] owners = new Owner[16];
        String[] sites = new String[16];
        int size;
        final long[] grave = new long[GRAVE];
        int graveNext;

        int slot(long key) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(keys.length)));
        }

        int find(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key); ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return i;
                }
                if (keys[i] == 0) {
                    return -1;
                }
            }
        }

        void insert(long key, long m, Owner o, String site) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = slot(key);
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (keys[i] == 0) {
                size++;
            }
            keys[i] = key;
            meta[i] = m;
            owners[i] = o;
            sites[i] = site;
        }

        private void grow() {
            long[] k = keys;
            long[] m = meta;
            Owner[] o = owners;
            String[] s = sites;
            int cap = k.length * 2;
            keys = new long[cap];
            meta = new long[cap];
            owners = new Owner[cap];
            sites = new String[cap];
            size = 0;
            for (int i = 0; i < k.length; i++) {
                if (k[i] != 0) {
                    insert(k[i], m[i], o[i], s[i]);
                }
            }
        }

        /** Backward-shift deletion, so lookups never stop early. */
        void delete(int i) {
            int mask = keys.length - 1;
            int hole = i;
            for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
                int home = slot(keys[j]);
                if (((j - home) & mask) >= ((j - hole) & mask)) {
                    keys[hole] = keys[j];
                    meta[hole] = meta[j];
                    owners[hole] = owners[j];
                    sites[hole] = sites[j];
                    hole = j;
                }
            }
            keys[hole] = 0;
            owners[hole] = null;
            sites[hole] = null;
            size--;
        }

        void bury(long address) {
            grave[graveNext] = address;
            graveNext = (graveNext + 1) & (GRAVE - 1);
        }

        boolean buried(long address, boolean unbury) {
            for (int i = 0; i < GRAVE; i++) {
                if (grave[i] == address) {
                    if (unbury) {
                        grave[i] = 0;
                    }
                    return true;
                }
            }
            return false;
        }
    }

    private final Stripe[] stripes = new Stripe[STRIPES];

    LargeBlocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    private Stripe stripe(long address) {
        return stripes[(int) ((address >>> 4) ^ (address >>> 12) ^ (address >>> 20)) & (STRIPES - 1)];
    }

    /** Records a block just allocated. */
    void put(long address, long bytes, long align, Owner owner, String site) {
        Stripe s = stripe(address);
        long m = bytes | ((long) Long.numberOfTrailingZeros(align) << ALIGN_SHIFT);
        synchronized (s) {
            s.buried(address, true);
            s.insert(address, m, owner, site);
        }
    }

    /**
     * Frees a recorded block: removes it, then calls its owner's {@link Owner#largeFreed} outside the lock.
     *
     * @param engine only blocks of this engine are freed (others give {@link #OTHER_ENGINE}); null accepts any
     * @return {@link #FREED}, {@link #UNKNOWN}, {@link #FREED_BEFORE} or {@link #OTHER_ENGINE}
     */
    int free(long address, EngineMemory engine) {
        Stripe s = stripe(address);
        Owner owner;
        long m;
        synchronized (s) {
            int i = s.find(address);
            if (i < 0) {
                return s.buried(address, false) ? FREED_BEFORE : UNKNOWN;
            }
            owner = s.owners[i];
            if (engine != null && owner.engine() != engine) {
                return OTHER_ENGINE;
            }
            m = s.meta[i];
            s.delete(i);
            s.bury(address);
        }
        owner.largeFreed(address, m & SIZE_MASK, 1L << (m >>> ALIGN_SHIFT));
        return FREED;
    }

    /**
     * Burrow's native heap just gave {@code [address, address + bytes)} to something else (a slab, a chunk, a block
     * under the kill switch): a free of any address in it is no longer a double free of a block that was there before,
     * but a free of Burrow's memory. The new block may start anywhere in an old one, or cover several, so every
     * graveyard is scanned ({@value #STRIPES} x {@value #GRAVE} compares): this runs only while an LWJGL allocator is
     * attached, once per native block Burrow takes.
     */
    void unburyRange(long address, long bytes) {
        for (Stripe s : stripes) {
            synchronized (s) {
                long[] g = s.grave;
                for (int i = 0; i < GRAVE; i++) {
                    if (Long.compareUnsigned(g[i] - address, bytes) < 0) {
                        g[i] = 0;
                    }
                }
            }
        }
    }

    /** @return the size of a recorded block, or -1 */
    long sizeOf(long address) {
        Stripe s = stripe(address);
        synchronized (s) {
            int i = s.find(address);
            return i < 0 ? -1 : s.meta[i] & SIZE_MASK;
        }
    }

    /** @return the owner of a recorded block, or null */
    Owner ownerOf(long address) {
        Stripe s = stripe(address);
        synchronized (s) {
            int i = s.find(address);
            return i < 0 ? null : s.owners[i];
        }
    }

    /** @return whether {@code address} was freed recently and not allocated again since */
    boolean freedRecently(long address) {
        Stripe s = stripe(address);
        synchronized (s) {
            return s.find(address) < 0 && s.buried(address, false);
        }
    }

    /** Receives one block of an owner. */
    interface Visitor {
        void block(long address, long bytes, long align, String site);
    }

    /** Calls {@code v} for every block of {@code owner} (each stripe under its lock; {@code v} must not call back). */
    void forEach(Owner owner, Visitor v) {
        for (Stripe s : stripes) {
            synchronized (s) {
                for (int i = 0; i < s.keys.length; i++) {
                    if (s.keys[i] != 0 && s.owners[i] == owner) {
                        v.block(s.keys[i], s.meta[i] & SIZE_MASK, 1L << (s.meta[i] >>> ALIGN_SHIFT), s.sites[i]);
                    }
                }
            }
        }
    }

    /** Removes every block of {@code owner} and frees it through {@link Owner#largeFreed}. @return how many */
    int freeAll(Owner owner) {
        int n = 0;
        for (Stripe s : stripes) {
            long[] address;
            long[] m;
            int k = 0;
            synchronized (s) {
                address = new long[s.size];
                m = new long[s.size];
                for (int i = 0; i < s.keys.length; i++) {
                    if (s.keys[i] != 0 && s.owners[i] == owner) {
                        address[k] = s.keys[i];
                        m[k++] = s.meta[i];
                    }
                }
                for (int j = 0; j < k; j++) {
                    s.delete(s.find(address[j]));
                    s.bury(address[j]);
                }
            }
            for (int j = 0; j < k; j++) {
                owner.largeFreed(address[j], m[j] & SIZE_MASK, 1L << (m[j] >>> ALIGN_SHIFT));
            }
            n += k;
        }
        return n;
    }
}
