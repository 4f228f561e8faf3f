package dev.burrow.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * malloc for the odd sizes: blocks of any size, freed one by one, from any thread. Obtain the calling thread's heap
 * of a tag with {@link EngineMemory#heap(String)} and keep it in the thread's loop.
 *
 * <h2>How it works</h2>
 * <p>Sizes up to 4096 bytes ({@link #MAX_SMALL}) are rounded up to a size class (16, 32, 48, 64, 96, 128 ...
 * 3072, 4096: powers of two and the halves between them) and served by one {@link Pool} per class, on slabs of
 * {@value #SLAB_BYTES} bytes aligned to that size. A free masks the address to its slab base and finds the class in
 * a table on the Java side (no header, no native read), then frees the pool slot: both are a few loads.
 * Larger sizes are a block of their own from the native heap (jemalloc), recorded in a process-wide striped map.
 * Blocks are aligned to 16 bytes at least; {@link #alloc(long, int)} gives up to 64 from a class, more from a block
 * of its own. Under the kill switch every block is its own system malloc.</p>
 *
 * <h2>Threads</h2>
 * <p>A heap belongs to the thread that got it: only that thread allocates from it (below OFF another thread is
 * refused with {@code EM301}). Any thread may {@link #free} any block of any heap of the engine, through any heap
 * object: the owner frees its own in place; a block of another thread's heap travels as a value through that heap's
 * bounded ring (as in {@link ConcurrentPool}) and is applied, validated, when its owner next allocates or calls
 * {@link #drain()}. Large blocks are freed at once by any thread. A heap whose owner thread died is adopted by the
 * next thread that frees into it, or that asks the engine for a heap of the same name.</p>
 *
 * <h2>Debug levels</h2>
 * <p>As for pools, the level picks the class pools' implementation: OFF is unchecked like malloc (a double free of a
 * small block is undefined); SIMPLE and PARANOID refuse double frees, interior and foreign pointers, writes after
 * free and use after close with the pool codes ({@code EM101}, {@code EM102}, {@code EM104}, {@code EM105}), and a
 * block freed twice through the map of large blocks is a double free at every level. Sites: SIMPLE records one per
 * slab grown (the heap behind the LWJGL allocator: one per slot's first use) and one per large block; PARANOID one
 * per allocation, plus guard bytes.</p>
 *
 * <h2>Cost</h2>
 * <p>{@code alloc}: a table load for the class, a check of the ring, the pool's pop. {@code free} by the owner: a
 * slab lookup and the pool's push. Neither allocates Java heap at OFF or SIMPLE; large blocks cost a native call and
 * a striped lock, and at SIMPLE a stack walk.</p>
 */
public final class SizeClassHeap implements AutoCloseable, LargeBlocks.Owner {
    /** The largest request served from a size class. */
    public static final int MAX_SMALL = SizeClasses.MAX_SMALL;
    /** The largest single allocation (1 TiB): anything larger is refused before any arithmetic ({@code EM007}). */
    public static final long MAX_ALLOC = 1L << 40;
    /** Bytes of one class slab (and its alignment). */
    public static final long SLAB_BYTES = 64 * 1024;
    static final int RING_CELLS = 1024;

    final EngineMemory engine;
    final String name;
    final TagAccount tag;
    final Diagnostics diagnostics;
    final NativeHeap nativeHeap;
    final DebugLevel debug;
    final boolean lwjgl;
    final String label;
    private final boolean perBlockMalloc;
    private final SlotPool[] pools = new SlotPool[SizeClasses.COUNT];
    private final HeapClass[] classes = new HeapClass[SizeClasses.COUNT];
    private final SlabTable slabClass = new SlabTable(SLAB_BYTES);
    private final MpscLongRing ring = new MpscLongRing(RING_CELLS);
    private final MpscLongRing.LongSink applyDrained = this::freeOwned;
    /**
     * Plain, not volatile: only the owner finds itself here, and a thread that reads a stale value takes the safe way
     * (the ring). It changes only when a thread adopts the heap of a dead owner, under the heap's lock.
     */
    Thread owner;
    /** No hand-overs any more: the heap is closing or closed. */
    private volatile boolean closing;
    /** LWJGL heaps after their engine closed: no more allocations; blocks stay valid and can still be freed. */
    volatile boolean retired;
    private volatile boolean closed;
    private final AtomicLong largeLive = new AtomicLong();
    private final AtomicLong largeBlocks = new AtomicLong();
    private final AtomicLong largeAllocs = new AtomicLong();
    private final AtomicLong largeFrees = new AtomicLong();

    SizeClassHeap(EngineMemory engine, String name, TagAccount tag, boolean lwjgl) {
        this.engine = engine;
        this.name = name;
        this.tag = tag;
        this.lwjgl = lwjgl;
        this.diagnostics = engine.diagnostics();
        this.nativeHeap = engine.heap();
        this.debug = engine.debugLevel();
        this.owner = Thread.currentThread();
        this.label = lwjgl ? "LWJGL memory under tag \"" + name + "\"" : "heap \"" + name + "\"";
        this.perBlockMalloc = nativeHeap.isSystem();
        if (!perBlockMalloc) {
            for (int c = 0; c < SizeClasses.COUNT; c++) {
                HeapClass hc = new HeapClass(this, c);
                SlotPool p = debug == DebugLevel.OFF
                    ? new LeanPool(engine, name, hc.bytes, null, tag, 0, slabSource(hc), SLAB_BYTES)
                    : new CheckedSlabPool(engine, name, hc.bytes, null, tag, 0, slabSource(hc), SLAB_BYTES);
                p.relabel(label + " (" + hc.bytes + "-byte blocks)");
                if (lwjgl && p instanceof CheckedPool) {
                    ((CheckedPool) p).recordFirstUseSites();
                    ((CheckedPool) p).recordLwjglSites();
                }
                hc.pool = p;
                classes[c] = hc;
                pools[c] = p;
            }
        }
    }

    /** Slabs of a class come from the native heap and are registered where frees look them up. */
    private SlabSource slabSource(HeapClass hc) {
        return new SlabSource() {
            @Override
            public long allocSlab(long bytes, String pool) {
                long base = nativeHeap.malloc(bytes, bytes, name);
                slabClass.put(base, hc.index);
                SlabDirectory.INSTANCE.put(base, hc);
                return base;
            }

            @Override
            public void freeSlab(long base, long bytes) {
                SlabDirectory.INSTANCE.remove(base);
                slabClass.remove(base);
                nativeHeap.free(base, bytes, bytes);
            }
        };
    }

    // ---------------------------------------------------------------- allocation (owner thread)

    /**
     * Allocates {@code bytes} (uncleared), aligned to 16 bytes.
     *
     * @param bytes 0 to {@link #MAX_ALLOC}; 0 gives a smallest block, as malloc may
     * @return the address; 0 when refused (closed or retired heap, another thread below OFF, too large), in
     *         non-strict mode
     * @throws MemoryBudgetExceededException when the heap's tag would cross its hard budget
     * @throws OutOfNativeMemoryException when the native heap fails
     * @throws IllegalArgumentException for a negative size
     */
    public long alloc(long bytes) {
        if (bytes >= 0 && bytes <= MAX_SMALL) {
            SlotPool p = pools[SizeClasses.of(bytes)];
            if (p != null) {
                long a = p.allocIfFree(); // reuse first; growing (or the ring) is the slow path's business
                if (a != 0) {
                    return a;
                }
            }
        }
        return allocSlow(bytes, 16);
    }

    /**
     * Allocates {@code bytes} aligned to {@code align}: from a class up to 64-byte alignment, else a block of its own.
     *
     * @param bytes size
     * @param align a power of two
     * @return the address, or 0 when refused
     */
    public long alloc(long bytes, int align) {
        Alignment.check(align);
        return allocSlow(bytes, align);
    }

    /**
     * {@link #alloc(long)} and zero the block.
     *
     * @param bytes size
     * @return the address, or 0 when refused
     */
    public long calloc(long bytes) {
        long p = alloc(bytes);
        if (p != 0) {
            org.lwjgl.system.MemoryUtil.memSet(p, 0, bytes);
        }
        return p;
    }

    /**
     * Resizes a block as C's realloc does: the contents up to the smaller size are kept, the block may move.
     * {@code realloc(0, n)} allocates, {@code realloc(p, 0)} frees and returns 0. The new block comes from this
     * heap (the calling thread must own it below OFF); the old one may belong to any heap of the engine.
     *
     * @param address a block of a heap of this engine, or 0
     * @param bytes the new size
     * @return the block's new address; 0 when refused or when {@code bytes} is 0 (the old block is untouched when
     *         refused)
     * @throws IllegalArgumentException for a negative size (the old block is untouched)
     */
    public long realloc(long address, long bytes) {
        if (address == 0) {
            return alloc(bytes);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("reallocation to " + bytes + " bytes in " + label);
        }
        if (bytes == 0) {
            free(address);
            return 0;
        }
        long old = usableSize(address);
        if (old < 0) {
            free(address); // diagnoses it as a free would (double, foreign), frees nothing
            return 0;
        }
        if (old <= MAX_SMALL && bytes <= MAX_SMALL && SizeClasses.of(bytes) == SizeClasses.of(old)) {
            return address; // the same class: nothing to move
        }
        long p = alloc(bytes);
        if (p != 0) {
            org.lwjgl.system.MemoryUtil.memCopy(address, p, Math.min(old, bytes));
            free(address);
        }
        return p;
    }

    /**
     * @param address a block
     * @return the bytes it can hold (its class size, or a large block's size), or -1 when it is not a live block of
     *         a heap of this engine (as far as the debug level tracks: OFF does not know a freed small block)
     */
    public long usableSize(long address) {
        HeapClass hc = SlabDirectory.INSTANCE.find(address);
        if (hc != null) {
            return hc.heap.engine == engine && !hc.heap.closed && hc.pool.holdsLive(address) ? hc.bytes : -1;
        }
        LargeBlocks.Owner o = LargeBlocks.INSTANCE.ownerOf(address);
        return o != null && o.engine() == engine ? LargeBlocks.INSTANCE.sizeOf(address) : -1;
    }

    private long allocSlow(long bytes, long align) {
        if (closed || retired) {
            // Behind LWJGL's allocator only a race with engine close gets here: it takes 0 as "go to jemalloc".
            return lwjgl ? 0 : refuse("alloc", DiagnosticCode.EM105);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("allocation of " + bytes + " bytes in " + label);
        }
        if (bytes > MAX_ALLOC) {
            diagnostics.report(DiagnosticCode.EM007, "allocation of " + bytes + " bytes in " + label
                + " is over the limit of " + MAX_ALLOC + " bytes", null, name + "size");
            return 0;
        }
        if (Thread.currentThread() == owner && ring.mayHaveValues()) {
            drainNow();
        }
        int c = SizeClasses.of(bytes, align);
        if (c >= 0 && !perBlockMalloc) {
            return pools[c].alloc();
        }
        if (debug != DebugLevel.OFF && Thread.currentThread() != owner) {
            return refuse("alloc", DiagnosticCode.EM301);
        }
        // Under the kill switch a small block is its own malloc of its class size: the same figures as on slabs.
        return allocLarge(c >= 0 ? SizeClasses.BYTES[c] : bytes, Math.max(align, NativeHeap.MALLOC_ALIGN));
    }

    /** A block of its own: counted, budgeted, recorded (with a site below OFF). */
    private long allocLarge(long bytes, long align) {
        if (tag.budgeted) {
            tag.charge(bytes, label);
        }
        long p;
        try {
            p = nativeHeap.malloc(Math.max(bytes, 1), align, name);
        } catch (RuntimeException e) {
            if (tag.budgeted) {
                tag.discharge(bytes);
            }
            throw e;
        }
        // SIMPLE samples growth: a large block is always new memory, and so is every LWJGL block under the kill
        // switch (each its own malloc, so each is the first use of its memory, as a fresh slot is on slabs).
        String site = debug == DebugLevel.PARANOID || (debug == DebugLevel.SIMPLE && (bytes > MAX_SMALL || lwjgl))
            ? (lwjgl ? AllocationSite.captureLwjgl() : AllocationSite.capture()) : null;
        largeLive.addAndGet(bytes);
        largeBlocks.incrementAndGet();
        largeAllocs.incrementAndGet();
        LargeBlocks.INSTANCE.put(p, bytes, align, this, site);
        return p;
    }

    @Override
    public void largeFreed(long address, long bytes, long align) {
        nativeHeap.free(address, Math.max(bytes, 1), align);
        if (tag.budgeted) {
            tag.discharge(bytes);
        }
        largeLive.addAndGet(-bytes);
        largeBlocks.decrementAndGet();
        largeFrees.incrementAndGet();
        if (retired && (Thread.currentThread() == owner || adoptIfOrphaned())) {
            releaseIfEmpty(); // as a small block's free does: the owner, or whoever adopts a dead owner's heap
        }
    }

    @Override
    public EngineMemory engine() {
        return engine;
    }

    // ---------------------------------------------------------------- free (any thread)

    /**
     * Frees a block of any heap of this engine, from any thread. {@code free(0)} does nothing. Below OFF a block
     * freed twice ({@code EM101}), an address that is not a block start ({@code EM102}) and a block of a closed heap
     * ({@code EM105}) are refused; a block of another thread's heap is handed to that heap's owner.
     *
     * @param address the block
     */
    public void free(long address) {
        if (address == 0) {
            return;
        }
        if (Thread.currentThread() == owner) {
            int c = slabClass.find(address & -SLAB_BYTES);
            if (c >= 0) {
                pools[c].freeOnOwnSlab(address);
                return;
            }
        }
        freeSlow(address);
    }

    private void freeSlow(long address) {
        HeapClass hc = SlabDirectory.INSTANCE.find(address);
        if (hc != null) {
            if (hc.heap.engine != engine) {
                foreign(address, "a block of another engine");
            } else {
                hc.heap.freeInClass(address, hc);
            }
            return;
        }
        switch (LargeBlocks.INSTANCE.free(address, engine)) {
            case LargeBlocks.FREED:
                return;
            case LargeBlocks.FREED_BEFORE:
                diagnostics.report(DiagnosticCode.EM101, "double free of heap block 0x" + Long.toHexString(address)
                    + " through " + label + ": it was freed before", null, name + "double");
                return;
            default:
                foreign(address, address < 0 ? "a negative address" : "not a block of any heap of this engine");
        }
    }

    /** Frees a block of this heap's class {@code hc} from any thread: in place by the owner, else handed over. */
    void freeInClass(long address, HeapClass hc) {
        Thread me = Thread.currentThread();
        if (me == owner) {
            hc.pool.freeOnOwnSlab(address); // the directory found its slab: the pool need not look again
            if (retired) {
                releaseIfEmpty();
            }
            return;
        }
        if (!owner.isAlive() && adopt(me)) {
            drainNow(); // what other threads handed the dead owner first
            hc.pool.freeOnOwnSlab(address);
            if (retired) {
                releaseIfEmpty();
            }
            return;
        }
        if (closing) {
            refuse("free", DiagnosticCode.EM105);
            return;
        }
        ring.offer(address);
    }

    /**
     * The owner applies a free that another thread handed over, validating it as its own. Engine close applies them
     * too, from whichever thread closes: the pool validates without asking for its owner thread.
     */
    private void freeOwned(long address) {
        int c = slabClass.find(address & -SLAB_BYTES);
        if (c >= 0) {
            pools[c].freeDrained(address);
        } else if (!closed) {
            foreign(address, "not a block of this heap");
        }
    }

    /** Applies the frees other threads handed to this heap. The owner calls it; allocation does it by itself. */
    public void drain() {
        if (Thread.currentThread() == owner) {
            drainNow();
            if (retired) {
                releaseIfEmpty();
            }
        }
    }

    private void drainNow() {
        for (long v = ring.poll(); v != 0; v = ring.poll()) {
            freeOwned(v);
        }
        ring.drainOverflow(applyDrained);
    }

    /** Takes over a heap whose owner thread died. @return whether the calling thread owns it now */
    private synchronized boolean adopt(Thread me) {
        Thread o = owner;
        if (o == me) {
            return true;
        }
        if (o.isAlive()) {
            return false;
        }
        for (SlotPool p : pools) {
            if (p != null) {
                p.claim();
            }
        }
        owner = me;
        return true;
    }

    /** Makes the calling thread the owner of a heap whose owner died (the engine's {@code heap(name)} does it). */
    boolean adoptIfOrphaned() {
        return !owner.isAlive() && adopt(Thread.currentThread());
    }

    // ---------------------------------------------------------------- close

    /**
     * Frees every slab and large block. Live blocks are reported as a leak ({@code EM602}) by site; frees other
     * threads handed over are applied first. Owner thread only below OFF ({@code EM301}); twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (debug != DebugLevel.OFF && Thread.currentThread() != owner) {
            refuse("close", DiagnosticCode.EM301);
            return;
        }
        closeAndReport(DiagnosticCode.EM602, " closed");
    }

    /** Engine close, for a heap of the game: any thread (the game's threads are done), leaks are {@code EM603}. */
    void closeAtEngineClose() {
        if (!closed) {
            closeAndReport(DiagnosticCode.EM603, " still open at engine close");
        }
    }

    private void closeAndReport(DiagnosticCode code, String what) {
        closing = true;
        drainNow();
        LeakReport leaks = new LeakReport();
        for (SlotPool p : pools) {
            if (p != null) {
                merge(leaks, p.closeQuietly());
            }
        }
        largeLeaks(leaks);
        LargeBlocks.INSTANCE.freeAll(this);
        closed = true;
        slabClass.clear();
        engine.forget(this);
        if (!leaks.isEmpty()) {
            leaks.emit(name, engine.events());
            diagnostics.report(code, label + what + " with " + leaks.count() + " live block(s), " + leaks.bytes()
                + " bytes: " + leaks.describe(), null, name + "leak" + code);
        }
    }

    /**
     * Engine close, for a heap behind the LWJGL allocator: LWJGL and native libraries may still use and free its
     * blocks, so nothing live is freed. Live blocks are reported ({@code EM902}); the heap takes no more
     * allocations and frees its memory once its last block is freed (by its owner, or a thread adopting it).
     */
    void retireAtEngineClose() {
        if (closed || retired) {
            return;
        }
        retired = true;
        boolean mine = Thread.currentThread() == owner || adoptIfOrphaned();
        if (mine) {
            drainNow(); // blocks other threads freed are not leaks
        }
        if (debug != DebugLevel.OFF) {
            reportLwjglLeaks();
        }
        if (mine) {
            releaseIfEmpty();
        }
    }

    /**
     * Reports the blocks still live at engine close ({@code EM902}), except those LWJGL's own code allocated for
     * itself (its static state, a context's capabilities: not the game's to free), which are only counted in the line.
     * OFF records no sites, so it cannot tell the two apart and reports nothing (the snapshot still counts the bytes).
     */
    private void reportLwjglLeaks() {
        LeakReport all = new LeakReport();
        for (SlotPool p : pools) {
            if (p != null) {
                merge(all, p.leaks()); // read without the owner's help: figures may be a free or two stale
            }
        }
        largeLeaks(all);
        LeakReport game = new LeakReport();
        long ownCount = 0;
        long ownBytes = 0;
        for (java.util.Map.Entry<String, long[]> e : all.sites()) {
            if (e.getKey().startsWith(AllocationSite.LWJGL_OWN)) {
                ownCount += e.getValue()[0];
                ownBytes += e.getValue()[1];
            } else {
                game.add(e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
        }
        if (game.isEmpty()) {
            return;
        }
        game.emit(name, engine.events());
        diagnostics.report(DiagnosticCode.EM902, label + " (thread \"" + owner.getName() + "\") still holds "
            + game.count() + " block(s), " + game.bytes() + " bytes at engine close: " + game.describe()
            + "; they stay valid" + (ownCount == 0 ? "" : "; LWJGL also keeps " + ownCount + " block(s), " + ownBytes
            + " bytes it allocated for itself"), null, name + "lwjglleak" + owner.getName());
    }

    /** A retired heap with no live block frees its memory (owner thread), after what others handed it. */
    private void releaseIfEmpty() {
        if (closed) {
            return;
        }
        drainNow();
        if (liveBlocks() != 0) {
            return;
        }
        closing = true;
        for (SlotPool p : pools) {
            if (p != null) {
                p.closeQuietly();
            }
        }
        closed = true;
        slabClass.clear();
        engine.forget(this);
    }

    private void largeLeaks(LeakReport into) {
        LargeBlocks.INSTANCE.forEach(this, (address, bytes, align, site) -> into.add(site, 1, bytes));
    }

    private static void merge(LeakReport into, LeakReport from) {
        for (java.util.Map.Entry<String, long[]> e : from.sites()) {
            into.add(e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
    }

    // ---------------------------------------------------------------- diagnostics

    private long refuse(String op, DiagnosticCode code) {
        String why = code == DiagnosticCode.EM301
            ? " owned by thread \"" + owner.getName() + "\" from thread \"" + Thread.currentThread().getName() + "\""
            : (retired ? " after its engine closed" : " after close()");
        diagnostics.report(code, op + "() on " + label + why, null, name + op + code);
        return 0;
    }

    private void foreign(long address, String why) {
        diagnostics.report(DiagnosticCode.EM102, "free of 0x" + Long.toHexString(address) + " through " + label + ": "
            + why, null, name + "foreign");
    }

    // ---------------------------------------------------------------- statistics

    /** @return the heap's name, also its tag */
    public String name() { return name; }

    /** @return the owner thread's name */
    public String threadName() { return owner.getName(); }

    /** @return whether this heap serves the LWJGL allocator */
    public boolean isLwjgl() { return lwjgl; }

    /** @return whether the heap is closed */
    public boolean isClosed() { return closed; }

    /** @return whether the heap's engine closed while it still held LWJGL blocks (see {@link #retireAtEngineClose}) */
    public boolean isRetired() { return retired; }

    /** @return the debug level this heap was created with */
    public DebugLevel debugLevel() { return debug; }

    /** @return live blocks (small and large) */
    public long liveBlocks() {
        return largeBlocks.get() + sum(SlotPool::live);
    }

    /** @return bytes of live blocks: class sizes for small ones, requested sizes for large ones */
    public long liveBytes() {
        return largeLive.get() + sum(p -> (long) p.live() * p.slotBytes());
    }

    /** @return native bytes the heap holds: its slabs and its large blocks */
    public long reservedBytes() {
        return largeLive.get() + sum(SlotPool::reservedBytes);
    }

    /** @return allocations so far */
    public long allocs() {
        return largeAllocs.get() + sum(SlotPool::allocs);
    }

    /** @return frees so far (frees from other threads count once applied) */
    public long frees() {
        return largeFrees.get() + sum(SlotPool::frees);
    }

    private long sum(java.util.function.ToLongFunction<SlotPool> figure) {
        long n = 0;
        for (SlotPool p : pools) {
            if (p != null) {
                n += figure.applyAsLong(p);
            }
        }
        return n;
    }

    /** @return live large blocks */
    public long largeBlocks() { return largeBlocks.get(); }

    /** @return bytes of live large blocks */
    public long largeBytes() { return largeLive.get(); }

    /** @return number of size classes */
    public static int classCount() { return SizeClasses.COUNT; }

    /**
     * @param c class index
     * @return its block size
     */
    public static int classBytes(int c) { return SizeClasses.BYTES[c]; }

    /**
     * @param c class index
     * @return live blocks of that class
     */
    public int classLive(int c) { return pools[c] == null ? 0 : pools[c].live(); }

    /**
     * @param c class index
     * @return slots of that class the heap holds
     */
    public int classCapacity(int c) { return pools[c] == null ? 0 : pools[c].capacity(); }

    /**
     * @param c class index
     * @return slabs of that class
     */
    public int classSlabs(int c) { return pools[c] == null ? 0 : pools[c].slabs(); }

    /** @return values other threads handed over that found the ring full */
    public long deferredOverflows() { return ring.overflows(); }

    TagAccount tag() { return tag; }

    @Override
    public String toString() {
        return label + " of thread \"" + owner.getName() + "\"";
    }
}
