package dev.burrow.memory;

import org.lwjgl.system.MemoryUtil;

import java.util.Arrays;

/**
 * Fixed-size slots for many same-sized things, with O(1) {@link #alloc}/{@link #free} and generation-checked
 * handles. Obtain one with {@link EngineMemory#pool} (or {@link LevelGroup#pool} for slabs that live in a level).
 *
 * <h2>Layout</h2>
 * <p>Slots of {@code stride} bytes (the slot size rounded up to 8, plus 16 guard bytes at PARANOID) live on
 * <em>slabs</em>: native blocks of a power-of-two size, aligned to that size. The pool grows a slab at a time
 * and never moves a slot. Slot {@code i} is slot {@code i % perSlab} of slab {@code i / perSlab}; the alignment
 * of a slot is the largest power of two dividing the stride, capped at 64.</p>
 *
 * <h2>Free list</h2>
 * <p>Free slots form an intrusive LIFO list: the first 8 bytes of a free slot hold the index of the next one
 * (with the poison pattern in the upper half when poisoning is on). Slots a slab has never handed out are given
 * out by bumping, so a new slab is not touched until used.</p>
 *
 * <h2>Finding a slot from an address</h2>
 * <p>{@code free(address)} masks the address down to its slab (slabs are aligned to their size), checks the last
 * slab used, else looks the slab up in an open-addressing map; the slot's offset is divided by the stride with a
 * multiply and a shift (a precomputed reciprocal exact for every offset in a slab), and an address that is not
 * the start of a slot of this pool is refused ({@code EM102}). Per slot an {@code int} stamp counts allocations and
 * frees: odd means live, so a second free is caught ({@code EM101}).</p>
 *
 * <h2>Handles</h2>
 * <p>{@link #acquire()} returns {@code (generation << 20) | index}: 20 bits of index (a pool holds at most
 * {@link #MAX_SLOTS} slots) and the low 11 bits of the slot's stamp. A released or re-acquired slot has another
 * stamp, so an old handle is refused ({@code EM103}). Before the 11 bits could come round again (1024 reuses of
 * one slot) the slot is retired for good, so a stale handle is never silently accepted; {@link #retired()}
 * counts them. Handle 0 is never valid.</p>
 *
 * <h2>Threads</h2>
 * <p>A pool is confined to the thread that created it (every operation checks; {@code EM301}), unless it is a
 * {@link EngineMemory#concurrentPool concurrent pool}, whose frees and releases may come from any thread through
 * a lock-free deferred list that the owner drains before it grows.</p>
 *
 * <h2>Cost</h2>
 * <p>{@code alloc}: a list pop, a stamp increment, the tag's counters; at {@link DebugLevel#SIMPLE} plus a check
 * that the freed slot's poison is intact. {@code free}: the lookup above, a stamp check, a push; at SIMPLE plus a
 * memset of the slot. No Java heap is allocated on either path below PARANOID.</p>
 */
public class Pool implements AutoCloseable {
    /** The most slots one pool can hold (20 bits of a handle). */
    public static final int MAX_SLOTS = 1 << 20;
    /** The largest slot size. */
    public static final int MAX_SLOT_BYTES = 1 << 20;
    static final int INDEX_BITS = 20;
    static final int INDEX_MASK = MAX_SLOTS - 1;
    static final int GEN_MASK = 0x7FF;
    private static final long POISON_HIGH = 0xCDCDCDCD00000000L;

    final EngineMemory engine;
    final NativeHeap heap;
    final Diagnostics diagnostics;
    private final LevelGroup group;
    private final String name;
    private final int slotBytes;
    final int stride;
    private final int slotAlign;
    private final int linkBytes;
    private final boolean perSlotMalloc;
    private final DebugLevel debug;
    private final boolean poison;
    private final boolean guard;
    private final TagAccount tag;
    private final String label; // built once: messages on the hot path's error branches must not concatenate

    private final long slabBytes;
    private final long keyMask;
    private final int perSlab;
    private final long offsetMagic;
    private final int offsetShift;
    private final long indexMagic;
    private final int indexShift;

    private long[] slabBase = new long[4];
    private String[] slabSite = new String[4];
    private int slabCount;
    private int[] stamp = new int[0];
    private int capacity;
    private int bumpNext;
    private int freeHead = -1;
    private int[] freeStack;
    private int freeTop;
    private final LongIntMap slabByKey = new LongIntMap();
    private long lastKey;
    private int lastSlab;

    private int live;
    private int peakLive;
    private long allocs;
    private long frees;
    private int retired;
    private boolean handlesIssued;
    private long[] keepBits;
    private String[] slotSite;
    Thread owner;
    private boolean closed;

    Pool(EngineMemory engine, String name, int slotBytes, LevelGroup group, boolean concurrent, TagAccount tag) {
        if (slotBytes < 1 || slotBytes > MAX_SLOT_BYTES) {
            throw new IllegalArgumentException("pool \"" + name + "\": slot size must be in [1, " + MAX_SLOT_BYTES + "]: " + slotBytes);
        }
        MemoryConfig config = engine.config();
        this.engine = engine;
        this.heap = engine.heap();
        this.diagnostics = engine.diagnostics();
        this.group = group;
        this.name = name;
        this.label = "pool \"" + name + "\"";
        this.slotBytes = slotBytes;
        this.debug = engine.debugLevel();
        this.poison = debug != DebugLevel.OFF;
        this.guard = debug == DebugLevel.PARANOID;
        this.linkBytes = concurrent ? 16 : 8; // concurrent: next address + handle for the deferred list
        this.perSlotMalloc = heap.isSystem() && group == null;
        this.tag = tag;
        this.owner = Thread.currentThread();
        int body = (int) align8(Math.max(slotBytes, linkBytes));
        // Alignment follows the slot size alone, so PARANOID's guard bytes never change where slots may start.
        this.slotAlign = Math.min(64, Integer.lowestOneBit(body));
        int padded = body + (guard ? GuardTracker.GUARD_BYTES : 0);
        this.stride = (padded + slotAlign - 1) & -slotAlign;
        if (perSlotMalloc) {
            slabBytes = stride;
            keyMask = -1L;
            perSlab = 1;
            freeStack = new int[16];
        } else {
            long want = Math.max(config.poolSlabBytes(), 8L * stride);
            slabBytes = Long.highestOneBit(want * 2 - 1);
            keyMask = -slabBytes;
            perSlab = (int) (slabBytes / stride);
        }
        offsetShift = log2Ceil(slabBytes) + log2Ceil(stride);
        offsetMagic = (1L << offsetShift) / stride + 1;
        indexShift = INDEX_BITS + log2Ceil(perSlab);
        indexMagic = (1L << indexShift) / perSlab + 1;
        if (guard) {
            slotSite = new String[0];
        }
    }

    private static long align8(long n) {
        return (n + 7) & -8L;
    }

    private static int log2Ceil(long n) {
        return 64 - Long.numberOfLeadingZeros(n - 1);
    }

    // ---------------------------------------------------------------- address API

    /**
     * Allocates one slot. Its contents are undefined (0xCD poison when the debug level is not OFF).
     *
     * @return the slot's address; 0 when refused (closed pool or wrong thread, non-strict mode)
     * @throws MemoryBudgetExceededException when the pool's tag would cross its hard budget
     * @throws OutOfNativeMemoryException when a new slab cannot be allocated
     */
    public long alloc() {
        if (Thread.currentThread() != owner || closed) {
            return refuse("alloc");
        }
        int idx = take();
        return idx < 0 ? 0 : addressOf(idx);
    }

    /**
     * Returns a slot from {@link #alloc()}. A second free of the same slot ({@code EM101}) or an address that is not
     * a slot of this pool ({@code EM102}) is diagnosed and ignored.
     *
     * @param address the slot
     */
    public void free(long address) {
        if (Thread.currentThread() != owner || closed) {
            refuse("free");
            return;
        }
        freeAt(address);
    }

    /** Frees a slot by address, after the thread and closed checks: refuses foreign pointers and double frees. */
    private void freeAt(long address) {
        int idx = indexOf(address);
        if (idx >= 0) {
            if ((stamp[idx] & 1) == 0) {
                doubleFree(idx, address);
            } else {
                give(idx, address);
            }
        }
    }

    // ---------------------------------------------------------------- handle API

    /**
     * Allocates one slot and returns a generation-checked handle to it.
     *
     * @return the handle (never 0); 0 when refused
     */
    public int acquire() {
        if (Thread.currentThread() != owner || closed) {
            refuse("acquire");
            return 0;
        }
        int idx = take();
        if (idx < 0) {
            return 0;
        }
        handlesIssued = true;
        return ((stamp[idx] & GEN_MASK) << INDEX_BITS) | idx;
    }

    /**
     * @param handle from {@link #acquire()}
     * @return the slot's address, or 0 for a stale, released or foreign handle ({@code EM103})
     */
    public long address(int handle) {
        if (Thread.currentThread() != owner || closed) {
            return refuse("address");
        }
        int idx = handle & INDEX_MASK;
        if (handle <= 0 || idx >= capacity || (stamp[idx] & GEN_MASK) != (handle >>> INDEX_BITS)) {
            staleHandle(handle, "address");
            return 0;
        }
        return addressOf(idx);
    }

    /**
     * Releases the slot of a handle. A stale or already-released handle is diagnosed ({@code EM103} / {@code EM101})
     * and ignored: the slot is never freed twice.
     *
     * @param handle from {@link #acquire()}
     */
    public void release(int handle) {
        if (Thread.currentThread() != owner || closed) {
            refuse("release");
            return;
        }
        releaseOwned(handle);
    }

    final void releaseOwned(int handle) {
        int idx = handle & INDEX_MASK;
        if (handle <= 0 || idx >= capacity || (stamp[idx] & GEN_MASK) != (handle >>> INDEX_BITS)) {
            if (handle > 0 && idx < capacity && (stamp[idx] & GEN_MASK) == ((handle >>> INDEX_BITS) + 1 & GEN_MASK)) {
                doubleFree(idx, addressOf(idx)); // released right before: a double release
            } else {
                staleHandle(handle, "release");
            }
            return;
        }
        give(idx, addressOf(idx));
    }

    /**
     * @param handle a handle
     * @return whether it is the live handle of its slot (no diagnostic either way)
     */
    public boolean isValid(int handle) {
        int idx = handle & INDEX_MASK;
        return handle > 0 && idx < capacity && !closed && (stamp[idx] & GEN_MASK) == (handle >>> INDEX_BITS);
    }

    // ---------------------------------------------------------------- internals

    /** Pops a free slot index (growing if needed), marks it live, charges the tag. */
    private int take() {
        tag.charge(slotBytes, label);
        int idx;
        if (perSlotMalloc) {
            idx = takeMalloc();
        } else if (freeHead >= 0) {
            idx = freeHead;
            long a = addressOf(idx);
            long link = MemoryUtil.memGetLong(a);
            freeHead = (int) link;
            if (poison) {
                checkPoison(idx, a, link);
            }
        } else if (bumpNext < capacity) {
            idx = bumpNext++;
        } else {
            idx = refill();
        }
        stamp[idx]++;
        allocs++;
        if (++live > peakLive) {
            peakLive = live;
        }
        if (guard) {
            long a = addressOf(idx);
            GuardTracker.arm(a, slotBytes);
            slotSite[idx] = AllocationSite.capture();
        }
        return idx;
    }

    private int refill() {
        drain();
        if (freeHead >= 0) {
            int idx = freeHead;
            long a = addressOf(idx);
            long link = MemoryUtil.memGetLong(a);
            freeHead = (int) link;
            if (poison) {
                checkPoison(idx, a, link);
            }
            return idx;
        }
        try {
            growSlab(null);
        } catch (RuntimeException e) {
            tag.discharge(slotBytes);
            throw e;
        }
        return bumpNext++;
    }

    private int takeMalloc() {
        int idx;
        if (freeTop > 0) {
            idx = freeStack[--freeTop];
        } else {
            drain();
            if (freeTop > 0) {
                idx = freeStack[--freeTop];
            } else {
                idx = capacity;
                boolean grows = capacity == stamp.length;
                ensureSlots(1);
                // Sampled site: one per growth of the bookkeeping arrays, like one per slab in the slab layout.
                slabSite[idx] = debug == DebugLevel.OFF ? null : grows || idx == 0 ? AllocationSite.capture() : slabSite[idx - 1];
            }
        }
        long a;
        try {
            a = heap.malloc(stride, Math.max(slotAlign, 8), name);
        } catch (RuntimeException e) {
            freeStack[freeTop++] = idx;
            tag.discharge(slotBytes);
            throw e;
        }
        // A freed slot keeps its address in the map (so a second free is a double free, not a foreign pointer)
        // until the slot or the address is reused.
        long old = slabBase[idx];
        if (old != 0 && slabByKey.get(old) == idx) {
            slabByKey.remove(old);
        }
        slabBase[idx] = a;
        slabByKey.put(a, idx);
        lastKey = 0;
        return idx;
    }

    private void ensureSlots(int more) {
        if ((long) capacity + more > MAX_SLOTS) {
            tag.discharge(slotBytes);
            throw new IllegalStateException("pool \"" + name + "\" is full: at most " + MAX_SLOTS + " slots");
        }
        int need = capacity + more;
        if (need > stamp.length) {
            // Per-slot arrays grow geometrically, so growing one slot at a time (kill switch) stays amortised O(1).
            int cap = (int) Math.min(MAX_SLOTS, Math.max(need, stamp.length * 2L));
            stamp = Arrays.copyOf(stamp, cap);
            if (slotSite != null) {
                slotSite = Arrays.copyOf(slotSite, cap);
            }
            if (keepBits != null) {
                keepBits = Arrays.copyOf(keepBits, (cap + 63) >>> 6);
            }
            if (perSlotMalloc) {
                freeStack = Arrays.copyOf(freeStack, cap);
            }
        }
        int slabs = perSlotMalloc ? need : slabCount + 1;
        if (slabs > slabBase.length) {
            int cap = Math.max(slabs, slabBase.length * 2);
            slabBase = Arrays.copyOf(slabBase, cap);
            slabSite = Arrays.copyOf(slabSite, cap);
        }
        capacity = need;
    }

    private void growSlab(String siteHint) {
        if ((long) capacity + perSlab > MAX_SLOTS) {
            throw new IllegalStateException("pool \"" + name + "\" is full: at most " + MAX_SLOTS + " slots");
        }
        long base = group != null ? group.allocSlab(slabBytes, name) : heap.malloc(slabBytes, slabBytes, name);
        ensureSlots(perSlab);
        slabBase[slabCount] = base;
        slabSite[slabCount] = debug == DebugLevel.OFF ? null : (siteHint != null ? siteHint : AllocationSite.capture());
        slabByKey.put(base, slabCount);
        slabCount++;
    }

    /** Marks idx free, poisons it, pushes it on the free list (or frees its memory under the kill switch). */
    private void give(int idx, long address) {
        MemoryDiagnosticException overrun = null;
        if (guard) {
            try {
                GuardTracker.check(address, slotBytes, describe(), slotSite[idx], diagnostics);
            } catch (MemoryDiagnosticException e) {
                overrun = e; // strict mode: the slot is still freed, then the overrun is thrown
            }
            slotSite[idx] = null;
        }
        giveChecked(idx, address);
        if (overrun != null) {
            throw overrun;
        }
    }

    private void giveChecked(int idx, long address) {
        int s = ++stamp[idx];
        live--;
        frees++;
        tag.discharge(slotBytes);
        if (keepBits != null) {
            keepBits[idx >>> 6] &= ~(1L << idx);
        }
        boolean retire = handlesIssued && (s & GEN_MASK) == 0;
        if (perSlotMalloc) {
            lastKey = 0; // malloc may hand this address to another slot
            if (poison) {
                MemoryUtil.memSet(address, FrameArena.POISON, stride);
            }
            heap.free(address, stride, Math.max(slotAlign, 8));
            if (!retire) {
                freeStack[freeTop++] = idx;
            } else {
                retired++;
            }
            return;
        }
        if (retire) {
            retired++;
            if (poison) {
                MemoryUtil.memSet(address, FrameArena.POISON, stride);
            }
            return;
        }
        if (poison) {
            MemoryUtil.memSet(address + 8, FrameArena.POISON, stride - 8);
            MemoryUtil.memPutLong(address, POISON_HIGH | (freeHead & 0xFFFFFFFFL));
        } else {
            MemoryUtil.memPutLong(address, freeHead & 0xFFFFFFFFL);
        }
        freeHead = idx;
    }

    private void checkPoison(int idx, long address, long link) {
        boolean intact = (link & 0xFFFFFFFF00000000L) == POISON_HIGH;
        for (long p = address + linkBytes; intact && p < address + stride; p += 8) {
            intact = MemoryUtil.memGetLong(p) == FrameArena.POISON_LONG;
        }
        if (!intact) {
            String site = slabSite[slabOf(idx)];
            diagnostics.report(DiagnosticCode.EM104, "pool slot 0x" + Long.toHexString(address) + " in " + describe()
                + " was written after it was freed", site, name + "uaf");
        }
    }

    /** @return the slot index for an address, or -1 after diagnosing a foreign pointer */
    final int indexOf(long address) {
        long key = address & keyMask;
        int slab;
        if (key == lastKey && key != 0) {
            slab = lastSlab;
        } else {
            slab = slabByKey.get(key);
            if (slab < 0) {
                foreign(address);
                return -1;
            }
            lastKey = key;
            lastSlab = slab;
        }
        long off = address - slabBase[slab];
        long q = (off * offsetMagic) >>> offsetShift;
        if (q * stride != off || q >= perSlab) {
            foreign(address);
            return -1;
        }
        return slab * perSlab + (int) q;
    }

    final long addressOf(int idx) {
        int slab = (int) ((idx * indexMagic) >>> indexShift);
        return slabBase[slab] + (long) (idx - slab * perSlab) * stride;
    }

    private int slabOf(int idx) {
        return (int) ((idx * indexMagic) >>> indexShift);
    }

    private long refuse(String op) {
        if (closed) {
            diagnostics.report(group != null && group.isClosed() ? DiagnosticCode.EM201 : DiagnosticCode.EM105,
                op + "() on closed " + describe(), null, name + "closed" + op);
        } else {
            diagnostics.report(DiagnosticCode.EM301, op + "() on " + describe() + " owned by thread \"" + owner.getName()
                + "\" from thread \"" + Thread.currentThread().getName() + "\"", null, name + "thread" + op);
        }
        return 0;
    }

    private void doubleFree(int idx, long address) {
        String site = slotSite != null ? slotSite[idx] : slabSite[slabOf(idx)];
        diagnostics.report(DiagnosticCode.EM101, "double free of pool slot 0x" + Long.toHexString(address) + " in "
            + describe(), site, name + "double");
    }

    private void foreign(long address) {
        diagnostics.report(DiagnosticCode.EM102, "free of 0x" + Long.toHexString(address) + ", which is not a slot of "
            + describe(), null, name + "foreign");
    }

    private void staleHandle(int handle, String op) {
        diagnostics.report(DiagnosticCode.EM103, op + "() with stale handle 0x" + Integer.toHexString(handle) + " (slot "
            + (handle & INDEX_MASK) + ", generation " + (handle >>> INDEX_BITS) + ") in " + describe(), null, name + "stale" + op);
    }

    String describe() {
        return label;
    }

    /**
     * Drains frees that other threads handed to a concurrent pool. A no-op for a confined pool. The owner calls it
     * (alloc calls it before growing); counters include deferred frees only once drained.
     */
    public void drain() {
    }

    /** Frees a slot on behalf of the owner thread: used when draining the deferred list. */
    final void freeDrained(long address, int handle) {
        if (handle != 0) {
            releaseOwned(handle);
        } else {
            freeAt(address);
        }
    }

    final boolean isLive(int idx) {
        return (stamp[idx] & 1) == 1;
    }

    final boolean isOwnerThread() {
        return Thread.currentThread() == owner;
    }

    final boolean isClosedFlag() {
        return closed;
    }

    /**
     * Marks a live slot as long-lived on purpose: it is not reported as a leak when the pool closes.
     *
     * @param address a live slot of this pool
     */
    public void keep(long address) {
        if (Thread.currentThread() != owner || closed) {
            refuse("keep");
            return;
        }
        int idx = indexOf(address);
        if (idx >= 0 && (stamp[idx] & 1) == 1) {
            if (keepBits == null) {
                keepBits = new long[(stamp.length + 63) >>> 6];
            }
            keepBits[idx >>> 6] |= 1L << idx;
        }
    }

    /**
     * Grows the pool now to hold at least {@code slots} slots, so a game can pay for its peak (a burst of particles)
     * at load time instead of mid-frame. Slots reserved are free; nothing is charged to the tag.
     *
     * @param slots the capacity wanted (at most {@link #MAX_SLOTS})
     */
    public void reserve(int slots) {
        if (Thread.currentThread() != owner || closed) {
            refuse("reserve");
            return;
        }
        if (slots > MAX_SLOTS) {
            throw new IllegalArgumentException(describe() + ": cannot reserve " + slots + " slots, at most " + MAX_SLOTS);
        }
        if (perSlotMalloc) {
            return; // the kill switch mallocs each slot when it is used: nothing to reserve
        }
        while (capacity < slots) {
            growSlab(null);
        }
    }

    /**
     * Makes the calling thread the owner, after a hand-off (e.g. a pool built on a loading thread). The caller must
     * make sure the old owner no longer uses it.
     */
    public void claim() {
        owner = Thread.currentThread();
    }

    /**
     * Frees every slab (unless they belong to a level group) and reports live slots as a leak ({@code EM602}),
     * grouped by site. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        drain();
        closeInternal(DiagnosticCode.EM602);
    }

    void closeInternal(DiagnosticCode leakCode) {
        if (closed) {
            return;
        }
        LeakReport leaks = leaks();
        closed = true;
        if (live > 0) {
            tag.discharge((long) live * slotBytes);
        }
        if (!leaks.isEmpty()) {
            leaks.emit(name, engine.events());
            diagnostics.report(leakCode, describe() + " closed with " + leaks.count() + " live slot(s), "
                + leaks.bytes() + " bytes: " + leaks.describe(), null, name + "leak");
        }
        if (perSlotMalloc) {
            for (int i = 0; i < capacity; i++) {
                if ((stamp[i] & 1) == 1) {
                    heap.free(slabBase[i], stride, Math.max(slotAlign, 8));
                }
            }
        } else if (group == null) {
            for (int s = 0; s < slabCount; s++) {
                heap.free(slabBase[s], slabBytes, slabBytes);
            }
        }
        slabCount = 0;
        engine.forget(this);
    }

    LeakReport leaks() {
        LeakReport r = new LeakReport();
        for (int i = 0; i < capacity; i++) {
            if ((stamp[i] & 1) == 1 && (keepBits == null || (keepBits[i >>> 6] & (1L << i)) == 0)) {
                String site = slotSite != null ? slotSite[i] : slabSite[slabOf(i)];
                r.add(site, 1, slotBytes);
            }
        }
        return r;
    }

    // ---------------------------------------------------------------- statistics

    /** @return the pool's name, also its tag */
    public String name() { return name; }

    /** @return the slot size asked for */
    public int slotBytes() { return slotBytes; }

    /** @return the distance between slots in bytes (slot size rounded up, plus guard bytes at PARANOID) */
    public int strideBytes() { return stride; }

    /** @return the guaranteed alignment of every slot */
    public int slotAlignment() { return slotAlign; }

    /** @return live slots */
    public int live() { return live; }

    /** @return the most slots ever live at once */
    public int peakLive() { return peakLive; }

    /** @return slots the pool holds (live, free and retired) */
    public int capacity() { return capacity; }

    /** @return slabs (under the kill switch: live slots, each its own malloc) */
    public int slabs() { return perSlotMalloc ? live : slabCount; }

    /** @return native bytes the pool's slabs hold */
    public long reservedBytes() { return perSlotMalloc ? (long) live * stride : slabCount * slabBytes; }

    /** @return slots retired because their handle generation would have wrapped */
    public int retired() { return retired; }

    /** @return allocations so far */
    public long allocs() { return allocs; }

    /** @return frees so far */
    public long frees() { return frees; }

    /** @return whether {@link #close()} ran (directly or by the pool's group) */
    public boolean isClosed() { return closed; }

    /** @return the group the slabs come from, or null */
    public LevelGroup group() { return group; }

    /** @return whether this pool accepts frees from other threads */
    public boolean isConcurrent() { return false; }
}
