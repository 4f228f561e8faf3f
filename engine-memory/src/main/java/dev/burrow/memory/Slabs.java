package dev.burrow.memory;

import java.util.Arrays;

/**
 * A pool's slot storage: slabs of {@code slabBytes} (a power of two, aligned to it), {@code perSlab} slots of
 * {@code stride} bytes each, numbered {@code slab * perSlab + i}. Never moves a slot.
 *
 * <p>Index to address is a multiply-shift division by {@code perSlab} and a load; address to index masks the
 * address to its slab base, finds the slab in a {@link SlabTable} (Java side only) and divides the offset by the
 * stride with one multiply that also tells an exact multiple from anything else ({@link #slotOf}); an offset that
 * is not a slot start (an interior pointer) or a base that is not ours (a foreign pointer) gives -1. Slots a slab has never handed out are
 * given out by bumping, so a new slab's pages are not touched until used.</p>
 *
 * <h2>Compaction</h2>
 * <p>A pool's slot numbers (its handles' indices) are <em>logical</em>; where a slot sits in memory is its
 * <em>physical</em> number. They are the same until the pool first compacts: then {@link #swap} exchanges two slots'
 * places (a live one into a free one's), two int arrays map logical to physical and back, and the slabs left empty are
 * freed ({@link #releaseSlab}): their numbers stay, absent, and the next growth fills the lowest absent number again,
 * with the same logical slots (free, their generations intact), so the index space never grows from compacting.</p>
 */
final class Slabs {
    final int stride;
    final long slabBytes;
    final int perSlab;
    private final long baseMask;
    /** The inverse, modulo 2^64, of the stride's odd part (see {@link #slotOf}). */
    private final long strideInverse;
    /** The stride's power-of-two part, as a shift. */
    private final int strideTwos;
    private final long indexMagic;
    private final int indexShift;
    private final SlabSource source;
    private final boolean sampleSites;

    private long[] base = new long[4];
    private String[] site = new String[4];
    private int count;
    private int bumpNext;
    private final SlabTable table;
    /** Slabs with memory: {@link #count} less those a compaction freed. */
    private int present;
    /** Logical slot to physical, and back; null while they are the same (no compaction yet). */
    private int[] phys;
    private int[] logi;

    /** The most slots one slab holds, so a pool can always reach {@link Pool#MAX_SLOTS} in several slabs. */
    static final int MAX_PER_SLAB = 1 << 16;

    Slabs(int stride, long wantSlabBytes, SlabSource source, boolean sampleSites) {
        this.stride = stride;
        long roundedUp = Long.highestOneBit(Math.max(wantSlabBytes, 8L * stride) * 2 - 1);
        this.slabBytes = Math.min(roundedUp, Long.highestOneBit((long) MAX_PER_SLAB * stride));
        this.perSlab = (int) (slabBytes / stride);
        this.baseMask = -slabBytes;
        this.source = source;
        this.sampleSites = sampleSites;
        this.strideTwos = Integer.numberOfTrailingZeros(stride);
        this.strideInverse = inverseOfOdd(stride >>> strideTwos);
        this.indexShift = HandleLayout.INDEX_BITS + log2Ceil(perSlab);
        this.indexMagic = (1L << indexShift) / perSlab + 1;
        this.table = new SlabTable(slabBytes);
    }

    /** @return x with {@code odd * x == 1} modulo 2^64 (Newton's iteration doubles the correct low bits each step) */
    static long inverseOfOdd(long odd) {
        long x = odd; // correct to 3 bits: odd * odd == 1 mod 8
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /**
     * Exact division by the stride, and the test that there is nothing to divide, in one multiply: for an offset
     * that is a multiple of the stride, multiplying by the inverse of the stride's odd part and rotating out its
     * power-of-two part gives the quotient exactly; for any other offset it gives a number above 2^64 / stride
     * (Granlund and Montgomery's divisibility test), so above {@code perSlab} too.
     *
     * @return the slot number {@code off} starts, or a value not below {@code perSlab} (compared unsigned) when it
     *         is not a slot start
     */
    private long slotOf(long off) {
        return Long.rotateRight(off * strideInverse, strideTwos);
    }

    private static int log2Ceil(long n) {
        return 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /** @return the address of slot {@code idx} (which must exist) */
    long addressOf(int idx) {
        int p = phys == null ? idx : phys[idx];
        int s = (int) ((p * indexMagic) >>> indexShift);
        return base[s] + (long) (p - s * perSlab) * stride;
    }

    /** @return the slot index starting at {@code address}, or -1 for an address that is not a slot start here */
    int indexOf(long address) {
        long key = address & baseMask;
        int s = table.find(key);
        if (s < 0) {
            return -1;
        }
        long q = slotOf(address - key);
        if (Long.compareUnsigned(q, perSlab) >= 0) {
            return -1;
        }
        int p = s * perSlab + (int) q;
        return logi == null ? p : logi[p];
    }

    /** @return whether {@code address}, which lies in one of these slabs, is the start of a slot */
    boolean isSlotStart(long address) {
        return Long.compareUnsigned(slotOf(address & ~baseMask), perSlab) < 0; // slabs are aligned to their size
    }

    /** @return the slab number a physical slot is on */
    int slabOf(int physical) {
        return (int) ((physical * indexMagic) >>> indexShift);
    }

    /** @return where logical slot {@code idx} sits */
    int physicalOf(int idx) {
        return phys == null ? idx : phys[idx];
    }

    /** @return the logical slot sitting at physical slot {@code p} */
    int logicalAt(int p) {
        return logi == null ? p : logi[p];
    }

    /** @return a never-used slot of the newest slab, or -1 when every slot has been handed out once */
    int bump() {
        return bumpNext < count * perSlab ? bumpNext++ : -1;
    }

    /**
     * Adds a slab. The caller checks the slot limit first.
     *
     * @param pool name, for messages
     * @throws OutOfNativeMemoryException when the slab cannot be allocated (nothing changes)
     */
    int grow(String pool) {
        int s = 0;
        while (s < count && base[s] != 0) {
            s++; // the lowest number a compaction freed, else a new one
        }
        long b = source.allocSlab(slabBytes, pool);
        if (s == count) {
            if (count == base.length) {
                base = Arrays.copyOf(base, count * 2);
                site = Arrays.copyOf(site, count * 2);
            }
            count++;
            if (phys != null) {
                int from = phys.length;
                phys = Arrays.copyOf(phys, count * perSlab);
                logi = Arrays.copyOf(logi, count * perSlab);
                for (int i = from; i < phys.length; i++) {
                    phys[i] = i;
                    logi[i] = i;
                }
            }
        }
        base[s] = b;
        site[s] = sampleSites ? AllocationSite.capture() : null;
        table.put(b, s);
        present++;
        return s;
    }

    /** Frees every slab to its source and forgets them: later lookups find nothing. */
    void release() {
        for (int s = 0; s < count; s++) {
            if (base[s] != 0) {
                source.freeSlab(base[s], slabBytes);
                base[s] = 0;
            }
        }
        table.clear();
        count = 0;
        present = 0;
        bumpNext = 0;
        phys = null;
        logi = null;
    }

    /** @return slots held (handed out or not), on slabs with memory */
    int capacity() {
        return present * perSlab;
    }

    /** @return the bound of slot numbers: slabs ever numbered times slots per slab */
    int indexLimit() {
        return count * perSlab;
    }

    /** @return slab numbers ever used (some may be absent after a compaction) */
    int numbered() {
        return count;
    }

    /** @return whether a compaction left a slab number without memory (the next growth fills it) */
    boolean hasAbsent() {
        return present < count;
    }

    /** @return whether slab {@code s} has memory */
    boolean isPresent(int s) {
        return base[s] != 0;
    }

    /** Marks every slot handed out once, so a compaction sees the whole slab (the caller frees the bumped ones). */
    int bumpAll() {
        int from = bumpNext;
        bumpNext = count * perSlab;
        return from;
    }

    /** Exchanges where two logical slots sit; the caller copies the bytes. */
    void swap(int a, int b) {
        if (phys == null) {
            phys = new int[count * perSlab];
            logi = new int[count * perSlab];
            for (int i = 0; i < phys.length; i++) {
                phys[i] = i;
                logi[i] = i;
            }
        }
        int pa = phys[a];
        int pb = phys[b];
        phys[a] = pb;
        phys[b] = pa;
        logi[pa] = b;
        logi[pb] = a;
    }

    /** @return the address of physical slot {@code p} */
    long physicalAddress(int p) {
        int s = slabOf(p);
        return base[s] + (long) (p - s * perSlab) * stride;
    }

    /** Frees slab {@code s} (every slot on it free): its number stays, absent, until {@link #grow} fills it again. */
    void releaseSlab(int s) {
        source.freeSlab(base[s], slabBytes);
        base[s] = 0;
        site[s] = null;
        present--;
        table.clear();
        for (int i = 0; i < count; i++) {
            if (base[i] != 0) {
                table.put(base[i], i);
            }
        }
    }

    /** @return the base address of slab {@code s} */
    long baseOf(int s) {
        return base[s];
    }

    /** @return slots given out at least once */
    int touched() {
        return bumpNext;
    }

    /** @return slabs with memory */
    int count() {
        return present;
    }

    /** @return where the slab of slot {@code idx} was grown (sampled site), or null */
    String siteOf(int idx) {
        return site[slabOf(physicalOf(idx))];
    }
}
