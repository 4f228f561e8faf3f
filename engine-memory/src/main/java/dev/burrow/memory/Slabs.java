package dev.burrow.memory;

import java.util.Arrays;

/**
 * A pool's slot storage: slabs of {@code slabBytes} (a power of two, aligned to it), {@code perSlab} slots of
 * {@code stride} bytes each, numbered {@code slab * perSlab + i}. Never moves a slot.
 *
 * <p>Index to address is a multiply-shift division by {@code perSlab} and a load; address to index masks the
 * address to its slab base, finds the slab in a {@link SlabTable} (Java side only) and divides the offset by the
 * stride with a multiply-shift that is exact for every offset in a slab; an offset that is not a slot start (an
 * interior pointer) or a base that is not ours (a foreign pointer) gives -1. Slots a slab has never handed out are
 * given out by bumping, so a new slab's pages are not touched until used.</p>
 */
final class Slabs {
    final int stride;
    final long slabBytes;
    final int perSlab;
    private final long baseMask;
    private final long offsetMagic;
    private final int offsetShift;
    private final long indexMagic;
    private final int indexShift;
    private final SlabSource source;
    private final boolean sampleSites;

    private long[] base = new long[4];
    private String[] site = new String[4];
    private int count;
    private int bumpNext;
    private final SlabTable table;

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
        this.offsetShift = log2Ceil(slabBytes) + log2Ceil(stride);
        this.offsetMagic = (1L << offsetShift) / stride + 1;
        this.indexShift = HandleLayout.INDEX_BITS + log2Ceil(perSlab);
        this.indexMagic = (1L << indexShift) / perSlab + 1;
        this.table = new SlabTable(slabBytes);
    }

    private static int log2Ceil(long n) {
        return 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /** @return the address of slot {@code idx} (which must exist) */
    long addressOf(int idx) {
        int s = (int) ((idx * indexMagic) >>> indexShift);
        return base[s] + (long) (idx - s * perSlab) * stride;
    }

    /** @return the slot index starting at {@code address}, or -1 for an address that is not a slot start here */
    int indexOf(long address) {
        long key = address & baseMask;
        int s = table.find(key);
        if (s < 0) {
            return -1;
        }
        long off = address - key;
        long q = (off * offsetMagic) >>> offsetShift;
        if (q * stride != off || q >= perSlab) {
            return -1;
        }
        return s * perSlab + (int) q;
    }

    /** @return the slab number of slot {@code idx} */
    int slabOf(int idx) {
        return (int) ((idx * indexMagic) >>> indexShift);
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
    void grow(String pool) {
        long b = source.allocSlab(slabBytes, pool);
        if (count == base.length) {
            base = Arrays.copyOf(base, count * 2);
            site = Arrays.copyOf(site, count * 2);
        }
        base[count] = b;
        site[count] = sampleSites ? AllocationSite.capture() : null;
        table.put(b, count);
        count++;
    }

    /** Frees every slab to its source and forgets them: later lookups find nothing. */
    void release() {
        for (int s = 0; s < count; s++) {
            source.freeSlab(base[s], slabBytes);
        }
        table.clear();
        count = 0;
        bumpNext = 0;
    }

    /** @return slots held (handed out or not) */
    int capacity() {
        return count * perSlab;
    }

    /** @return slots given out at least once */
    int touched() {
        return bumpNext;
    }

    int count() {
        return count;
    }

    /** @return where the slab of slot {@code idx} was grown (sampled site), or null */
    String siteOf(int idx) {
        return site[slabOf(idx)];
    }
}
