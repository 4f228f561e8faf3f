package dev.burrow.memory;

import java.util.Arrays;

/**
 * Every block any {@link NativeHeap} of the process holds, while an LWJGL allocator is attached: how
 * {@code memFree} tells an address inside Burrow's own memory (a pool slot, a group or frame allocation, passed to
 * the wrong free) from memory Burrow never allocated, which it must hand to the native allocator. Handing one of
 * Burrow's addresses to jemalloc would free a slab under a live pool, or crash.
 *
 * <p>Two indexes, both on the Java side: blocks of 64 KiB and more (slabs, chunks, frame blocks) as sorted ranges,
 * so an interior address is found by binary search; smaller blocks (per-allocation blocks under the kill switch, a
 * group's own chunks) by the 4 KiB pages they touch, counted in a striped hash map. Big blocks are few and grow
 * rarely, so the sorted insert is a short array copy; a page is coarser than a block, so an address next to a small
 * Burrow block on the same page counts as Burrow's: refused (it leaks), never handed to jemalloc.</p>
 *
 * <p>Recording costs a lock per native malloc and free, so it runs only while an LWJGL allocator is attached
 * ({@link #track}). Blocks recorded then are forgotten when freed, whenever that is.</p>
 *
 * <p>A freed block's range is remembered a while longer ({@value #FREED_RANGES} ranges, newest kept): a stale
 * pointer into it (a block freed twice after its heap gave its slab back, a slot of a pool closed since) is Burrow's
 * mistake to refuse, not a stranger's block to hand to jemalloc, which would crash on it. The price: a block native
 * code got from jemalloc itself inside such a range is refused too (it leaks). Memory Burrow takes again leaves the
 * freed ranges exactly ({@link #retake}), so they are asked before the page index: a stale pointer beside a live
 * small block is stale, one inside memory Burrow holds again is Burrow's.</p>
 */
final class NativeBlocks {
    static final NativeBlocks INSTANCE = new NativeBlocks();
    private static final int STRIPES = 16;
    private static final long CONTAINER_BYTES = 64 * 1024;
    private static final int PAGE_SHIFT = 12;

    private volatile int trackers;
    private volatile int recorded;

    private final Object rangeLock = new Object();
    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private int ranges;
    private final LongIntMap[] pages = new LongIntMap[STRIPES];
    /** Ranges freed lately, a ring: {@code [freedStarts[i], freedEnds[i])}. */
    static final int FREED_RANGES = 4096;
    private final long[] freedStarts = new long[FREED_RANGES];
    private final long[] freedEnds = new long[FREED_RANGES];
    private int freedNext;

    private NativeBlocks() {
        for (int i = 0; i < STRIPES; i++) {
            pages[i] = new LongIntMap();
        }
    }

    /** An LWJGL allocator attached ({@code +1}) or detached ({@code -1}). */
    synchronized void track(int delta) {
        trackers = Math.max(0, trackers + delta);
    }

    private static boolean isContainer(long bytes) {
        return bytes >= CONTAINER_BYTES;
    }

    private LongIntMap stripe(long page) {
        return pages[(int) (page ^ (page >>> 8)) & (STRIPES - 1)];
    }

    /** Adds {@code delta} to the count of every page {@code [address, address + bytes)} touches. */
    private void countPages(long address, long bytes, int delta) {
        for (long page = address >>> PAGE_SHIFT, last = (address + bytes - 1) >>> PAGE_SHIFT; page <= last; page++) {
            LongIntMap m = stripe(page);
            synchronized (m) {
                int n = m.get(page);
                if (n < 0) {
                    if (delta > 0) {
                        m.put(page, delta);
                    }
                } else if (n + delta > 0) {
                    m.put(page, n + delta);
                } else {
                    m.remove(page);
                }
            }
        }
    }

    /** Called by {@link NativeHeap#malloc}. */
    void allocated(long address, long bytes, long align) {
        if (trackers == 0) {
            return;
        }
        if (isContainer(bytes)) {
            synchronized (rangeLock) {
                int at = insertionPoint(address);
                if (ranges == starts.length) {
                    starts = Arrays.copyOf(starts, ranges * 2);
                    ends = Arrays.copyOf(ends, ranges * 2);
                }
                System.arraycopy(starts, at, starts, at + 1, ranges - at);
                System.arraycopy(ends, at, ends, at + 1, ranges - at);
                starts[at] = address;
                ends[at] = address + bytes;
                ranges++;
            }
        } else {
            countPages(address, bytes, 1);
        }
        recorded = 1;
        // Burrow's own memory now, all of it: a stale pointer into it is refused as such (EM102), not as a double
        // free. Indexed first, so a memFree racing with this call finds the address in one place or the other.
        LargeBlocks.INSTANCE.unburyRange(address, bytes);
        retake(address, bytes);
    }

    /** Called by {@link NativeHeap#free}: forgets the block if it was recorded. */
    void freed(long address, long bytes, long align) {
        if (recorded == 0) {
            return;
        }
        // Remembered as freed before it leaves the index, so a racing memFree finds it in one place or the other
        synchronized (freedStarts) {
            rememberFreed(address, address + bytes);
        }
        if (isContainer(bytes)) {
            synchronized (rangeLock) {
                int at = insertionPoint(address) - 1;
                if (at >= 0 && starts[at] == address) {
                    System.arraycopy(starts, at + 1, starts, at, ranges - at - 1);
                    System.arraycopy(ends, at + 1, ends, at, ranges - at - 1);
                    ranges--;
                }
            }
        } else {
            countPages(address, bytes, -1);
        }
    }

    /**
     * Cuts {@code [address, address + bytes)}, a block Burrow holds again, out of the freed ranges: what is left of a
     * range on either side stays remembered (in its slot; the right piece of a range split in two in an empty slot,
     * else the oldest range's), so a stale pointer beside the new block is still known as stale, and one inside it
     * is Burrow's memory.
     */
    private void retake(long address, long bytes) {
        long end = address + bytes;
        synchronized (freedStarts) {
            for (int i = 0; i < FREED_RANGES; i++) {
                long s = freedStarts[i];
                long e = freedEnds[i];
                if (Long.compareUnsigned(s, end) >= 0 || Long.compareUnsigned(address, e) >= 0 || s == e) {
                    continue; // no overlap, or an empty slot of the ring
                }
                boolean left = Long.compareUnsigned(s, address) < 0;
                boolean right = Long.compareUnsigned(end, e) < 0;
                if (left) {
                    freedEnds[i] = address;
                    if (right) {
                        keepPiece(end, e, i); // the new block splits the range: the right piece needs a place
                    }
                } else {
                    freedStarts[i] = right ? end : 0;
                    freedEnds[i] = right ? e : 0;
                }
            }
        }
    }

    /**
     * Stores {@code [start, end)}, the right piece of a freed range split at slot {@code split}, in an empty slot, or
     * else in place of the oldest range other than the left piece's (lock held).
     */
    private void keepPiece(long start, long end, int split) {
        int at = -1;
        for (int i = 0; i < FREED_RANGES && at < 0; i++) {
            if (freedStarts[i] == freedEnds[i]) {
                at = i;
            }
        }
        if (at >= 0) {
            freedStarts[at] = start;
            freedEnds[at] = end;
            return;
        }
        if (freedNext == split) {
            freedNext = (freedNext + 1) & (FREED_RANGES - 1);
        }
        rememberFreed(start, end);
    }

    /** Writes {@code [start, end)} over the oldest freed range, as the newest (lock held). */
    private void rememberFreed(long start, long end) {
        freedStarts[freedNext] = start;
        freedEnds[freedNext] = end;
        freedNext = (freedNext + 1) & (FREED_RANGES - 1);
    }

    /** @return whether {@code address} lies in one of the last {@value #FREED_RANGES} blocks freed while recording */
    boolean freedRecently(long address) {
        synchronized (freedStarts) {
            for (int i = 0; i < FREED_RANGES; i++) {
                if (Long.compareUnsigned(address - freedStarts[i], freedEnds[i] - freedStarts[i]) < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the first index whose start is above {@code address} (lock held) */
    private int insertionPoint(long address) {
        int lo = 0;
        int hi = ranges;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** @return whether {@code address} lies in a recorded big block or on a page of a recorded small one */
    boolean contains(long address) {
        return inBigBlock(address) || onSmallBlockPage(address);
    }

    /** @return whether {@code address} lies in a recorded block of {@code CONTAINER_BYTES} or more (exact) */
    boolean inBigBlock(long address) {
        if (recorded == 0) {
            return false;
        }
        synchronized (rangeLock) {
            int at = insertionPoint(address) - 1;
            return at >= 0 && Long.compareUnsigned(address, ends[at]) < 0;
        }
    }

    /** @return whether {@code address} lies on a 4 KiB page a recorded small block touches (coarser than the block) */
    boolean onSmallBlockPage(long address) {
        if (recorded == 0) {
            return false;
        }
        long page = address >>> PAGE_SHIFT;
        LongIntMap m = stripe(page);
        synchronized (m) {
            return m.get(page) > 0;
        }
    }
}
