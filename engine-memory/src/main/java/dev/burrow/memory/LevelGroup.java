package dev.burrow.memory;

import dev.burrow.memory.jfr.GroupCloseEvent;
import org.lwjgl.system.MemoryUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * Memory that lives as long as a level: allocate freely, free everything with one {@link #close()}.
 * Obtain one with {@link EngineMemory#group(String)}; its name is its tag.
 *
 * <h2>How it works</h2>
 * <p>A chunked bump arena. Allocations bump a cursor in the current chunk; when a request does not fit, a new
 * chunk twice the size of the last (up to 64 times the first, see {@link MemoryConfig#groupChunkBytes}) becomes
 * current. A request larger than a quarter of the current chunk gets a chunk of its own, so one big array never
 * wastes the rest of a chunk. {@link #close()} frees the chunks: O(chunks), whatever was allocated.</p>
 *
 * <p>{@link #pool(String, int)} makes a pool whose slabs come from this group: per-level objects with individual
 * frees that all vanish at {@code close()} (live ones are reported, {@code EM601}). Those slabs are kept apart from
 * the bump chunks, so {@link #rollback} never frees memory a pool is using.</p>
 *
 * <h2>Marks</h2>
 * <p>{@link #mark()} / {@link #rollback(long)} undo a failed attempt. A mark names a row of this group's mark table:
 * a mark of another group, one already rolled past or a made-up value is refused ({@code EM202}), and so is a
 * rollback past the creation of a pool drawn from the group (the pool would outlive what it was made for).</p>
 *
 * <h2>Debug levels are classes</h2>
 * <p>At OFF (the lean group) {@code alloc} checks nothing a bump does not need; a call from another thread is
 * undefined. At SIMPLE and PARANOID every operation first checks the owner thread ({@code EM301}, refused); below OFF
 * the group records where it was created (named when it leaks or is used after close); PARANOID records every
 * allocation's site and checks guard bytes after each one at close ({@code EM401}). At every level sizes are checked
 * before any arithmetic: a request over {@link #MAX_ALLOC} is refused ({@code EM007}), a closed group refuses
 * everything ({@code EM201}).</p>
 *
 * <h2>Cost</h2>
 * <p>{@code alloc}: an align, four compares, a store and two counters. Under the kill switch every allocation is its
 * own system malloc, all freed at {@code close()}.</p>
 */
public abstract class LevelGroup implements AutoCloseable {
    /** The largest single group allocation (1 TiB): anything larger is refused before any arithmetic. */
    public static final long MAX_ALLOC = 1L << 40;
    private static final int FAST_SIZE_SHIFT = 40;
    private static final long SYSTEM_HEADER = 16;

    // Fields of a mark row (MarkTable): the group's state when the mark was taken.
    private static final int MARK_CHUNKS = 1;
    private static final int MARK_CURSOR = 2;
    private static final int MARK_CHUNK_END = 3;
    private static final int MARK_NEXT_CHUNK = 4;
    private static final int MARK_BYTES = 5;
    private static final int MARK_ALLOCS = 6;
    private static final int MARK_SYSTEM_BLOCKS = 7;
    private static final int MARK_POOLS = 8;
    private static final int MARK_GUARDS = 9;
    private static final int MARK_FIELDS = 10;

    final EngineMemory engine;
    final NativeHeap heap;
    final Diagnostics diagnostics;
    final String name;
    final TagAccount tag;
    final String label;
    final DebugLevel debug;
    final Thread owner;
    private final boolean perAllocMalloc;
    private final boolean fastPath;
    private final long firstChunk;
    private final String createdAt;
    private final GuardTracker guards;
    private final MarkTable marks;

    private final BlockList chunks = new BlockList();
    private final BlockList poolSlabs = new BlockList();
    private final List<Pool> pools = new ArrayList<>(2);
    private long systemBlocks;
    private long systemBlockBytes;
    private int systemBlockCount;
    /** Next free byte of the current chunk. */
    long cursor;
    /** The fast path's bound: the current chunk's end, or 0 when the fast path is off (closed, PARANOID, kill switch). */
    long limit;
    private long chunkEnd;
    private long nextChunkBytes;
    private long bytes;
    private long peakBytes;
    private long allocs;
    private boolean closed;
    private boolean kept;

    /** Pools draw their slabs from here; they stay until the group closes. */
    final SlabSource slabSource = new SlabSource() {
        @Override
        public long allocSlab(long slabBytes, String pool) {
            long slab = heap.malloc(slabBytes, slabBytes, name);
            poolSlabs.add(slab, slabBytes, slabBytes);
            return slab;
        }

        @Override
        public void freeSlab(long base, long slabBytes) {
            // the group frees its pools' slabs when it closes
        }
    };

    LevelGroup(EngineMemory engine, String name, TagAccount tag, int id) {
        this.engine = engine;
        this.heap = engine.heap();
        this.diagnostics = engine.diagnostics();
        this.name = name;
        this.label = "level group \"" + name + "\"";
        this.tag = tag;
        this.debug = engine.debugLevel();
        this.perAllocMalloc = heap.isSystem();
        this.firstChunk = engine.config().groupChunkBytes();
        this.nextChunkBytes = firstChunk;
        this.owner = Thread.currentThread();
        this.createdAt = debug == DebugLevel.OFF ? null : AllocationSite.capture();
        this.guards = debug == DebugLevel.PARANOID ? new GuardTracker(label, diagnostics) : null;
        this.fastPath = guards == null && !perAllocMalloc;
        this.marks = new MarkTable(id, MARK_FIELDS);
    }

    // ---------------------------------------------------------------- allocation

    /**
     * Allocates {@code bytes} aligned to {@code align}, uncleared, until {@link #close()}.
     *
     * @param bytes size, {@code 0 <= bytes <= MAX_ALLOC}
     * @param align a power of two up to 1 MiB
     * @return the address; 0 when refused (closed group, too large, another thread below OFF), in non-strict mode
     * @throws MemoryBudgetExceededException when the group's tag would cross its hard budget
     * @throws OutOfNativeMemoryException when a chunk cannot be allocated
     * @throws IllegalArgumentException for a negative size or an alignment that is not a power of two up to 1 MiB
     */
    public abstract long alloc(long bytes, int align);

    /** The inline bump both implementations share; everything unusual goes to {@link #allocSlow}. */
    final long bump(long bytes, int align) {
        long p = (cursor + align - 1) & -(long) align;
        long end = p + bytes;
        if ((bytes >>> FAST_SIZE_SHIFT) == 0 && p >= cursor && end < limit && Integer.bitCount(align) == 1 && !tag.budgeted) {
            cursor = end;
            this.bytes += bytes;
            allocs++;
            return p;
        }
        return allocSlow(bytes, align);
    }

    /** Hook: the checked group refuses calls from other threads ({@code EM301}). @return whether to go on */
    abstract boolean admit(String op);

    /**
     * {@link #alloc} and zero the bytes.
     *
     * @param bytes size
     * @param align a power of two
     * @return the address, or 0 when refused
     */
    public long calloc(long bytes, int align) {
        long p = alloc(bytes, align);
        if (p != 0) {
            MemoryUtil.memSet(p, 0, bytes);
        }
        return p;
    }

    private long allocSlow(long bytes, int align) {
        if (closed) {
            return refuseClosed("alloc(" + bytes + ")");
        }
        Alignment.check(align);
        if (bytes < 0) {
            throw new IllegalArgumentException("group allocation of " + bytes + " bytes in " + label);
        }
        if (bytes > MAX_ALLOC) {
            diagnostics.report(DiagnosticCode.EM007, "group allocation of " + bytes + " bytes in " + label
                + " is over the limit of " + MAX_ALLOC + " bytes", createdAt, name + "size");
            return 0;
        }
        long total = guards != null ? bytes + GuardTracker.GUARD_BYTES : bytes;
        if (tag.budgeted) {
            tag.charge(bytes, label);
        }
        long p;
        try {
            p = place(total, align);
        } catch (RuntimeException e) {
            if (tag.budgeted) {
                tag.discharge(bytes);
            }
            throw e;
        }
        this.bytes += bytes;
        allocs++;
        if (guards != null) {
            guards.add(p, bytes, AllocationSite.capture());
        }
        return p;
    }

    private long place(long total, int align) {
        if (perAllocMalloc) {
            return systemBlock(total, align);
        }
        long p = (cursor + align - 1) & -(long) align;
        if (cursor != 0 && p >= cursor && p + total <= chunkEnd) {
            cursor = p + total;
            return p;
        }
        if (total > nextChunkBytes / 4) {
            // Its own chunk: exactly the request; the current chunk stays current.
            long a = Math.max(align, NativeHeap.MALLOC_ALIGN);
            long chunk = heap.malloc(Math.max(total, 1), a, name);
            chunks.add(chunk, Math.max(total, 1), a);
            return chunk;
        }
        long size = nextChunkBytes;
        long chunk = heap.malloc(size, 64, name);
        chunks.add(chunk, size, 64);
        nextChunkBytes = Math.min(size * 2, firstChunk * 64);
        p = (chunk + align - 1) & -(long) align;
        cursor = p + total;
        chunkEnd = chunk + size;
        limit = fastPath ? chunkEnd : 0;
        return p;
    }

    /**
     * Kill switch: one malloc per allocation, chained through a 16-byte header {next, bytes} in native memory so
     * the bookkeeping allocates no Java heap however many allocations the group makes.
     */
    private long systemBlock(long total, int align) {
        long blockBytes = SYSTEM_HEADER + (align > SYSTEM_HEADER ? align - SYSTEM_HEADER : 0) + Math.max(total, 1);
        long block = heap.malloc(blockBytes, Math.max(align, NativeHeap.MALLOC_ALIGN), name);
        MemoryUtil.memPutLong(block, systemBlocks);
        MemoryUtil.memPutLong(block + 8, blockBytes | ((long) Math.max(align, NativeHeap.MALLOC_ALIGN) << 48));
        systemBlocks = block;
        systemBlockBytes += blockBytes;
        systemBlockCount++;
        return (block + SYSTEM_HEADER + align - 1) & -(long) align;
    }

    /** Frees kill-switch blocks newer than {@code keep} (0: all). */
    private void freeSystemBlocksUntil(long keep) {
        while (systemBlocks != keep && systemBlocks != 0) {
            long next = MemoryUtil.memGetLong(systemBlocks);
            long info = MemoryUtil.memGetLong(systemBlocks + 8);
            heap.free(systemBlocks, info & 0xFFFF_FFFF_FFFFL, info >>> 48);
            systemBlockBytes -= info & 0xFFFF_FFFF_FFFFL;
            systemBlockCount--;
            systemBlocks = next;
        }
    }

    /**
     * Creates a pool whose slabs come from this group. Individual frees work as usual; {@link #close()} closes it
     * and reports its live slots as leaks ({@code EM601}).
     *
     * @param poolName the pool's name and tag
     * @param slotBytes slot size
     * @return the pool, owned by the calling thread; null when refused (closed group, another thread below OFF)
     */
    public Pool pool(String poolName, int slotBytes) {
        if (!admit("pool")) {
            return null;
        }
        if (closed) {
            refuseClosed("pool(\"" + poolName + "\")");
            return null;
        }
        Pool p = engine.newPool(poolName, slotBytes, this);
        pools.add(p);
        return p;
    }

    // ---------------------------------------------------------------- marks

    /**
     * Remembers the group's current position, so a failed attempt (a level that did not validate) can be undone
     * with {@link #rollback(long)}. Marks nest; rolling back to one drops the marks taken after it.
     *
     * @return the mark; 0 when refused
     */
    public long mark() {
        if (!admit("mark")) {
            return 0;
        }
        if (closed) {
            return refuseClosed("mark()");
        }
        int row = marks.add();
        marks.set(row, MARK_CHUNKS, chunks.count());
        marks.set(row, MARK_CURSOR, cursor);
        marks.set(row, MARK_CHUNK_END, chunkEnd);
        marks.set(row, MARK_NEXT_CHUNK, nextChunkBytes);
        marks.set(row, MARK_BYTES, bytes);
        marks.set(row, MARK_ALLOCS, allocs);
        marks.set(row, MARK_SYSTEM_BLOCKS, systemBlocks);
        marks.set(row, MARK_POOLS, pools.size());
        marks.set(row, MARK_GUARDS, guards == null ? 0 : guards.size());
        return marks.markOf(row);
    }

    /**
     * Frees everything allocated since {@code mark}: chunks added after it go back to the heap, the cursor returns.
     * Pool slabs are never freed by a rollback. A mark that is not a live mark of this group, or a rollback past the
     * creation of a pool drawn from it, is refused ({@code EM202}) and nothing changes.
     *
     * @param mark from {@link #mark()} on this group
     */
    public void rollback(long mark) {
        if (!admit("rollback")) {
            return;
        }
        if (closed) {
            refuseClosed("rollback()");
            return;
        }
        int row = marks.rowOf(mark);
        if (row < 0) {
            diagnostics.report(DiagnosticCode.EM202, "rollback of " + label + " to 0x" + Long.toHexString(mark) + " refused: "
                + (marks.isOurs(mark) ? "the mark was already rolled past" : "it is not a mark of this group"),
                createdAt, name + "mark");
            return;
        }
        int poolsThen = (int) marks.get(row, MARK_POOLS);
        if (pools.size() > poolsThen) {
            diagnostics.report(DiagnosticCode.EM202, "rollback of " + label + " refused: pool \""
                + pools.get(poolsThen).name() + "\" was drawn from the group after the mark", createdAt, name + "pool");
            return;
        }
        chunks.freeFrom((int) marks.get(row, MARK_CHUNKS), heap);
        freeSystemBlocksUntil(marks.get(row, MARK_SYSTEM_BLOCKS));
        cursor = marks.get(row, MARK_CURSOR);
        chunkEnd = marks.get(row, MARK_CHUNK_END);
        limit = fastPath ? chunkEnd : 0;
        nextChunkBytes = marks.get(row, MARK_NEXT_CHUNK);
        long bytesThen = marks.get(row, MARK_BYTES);
        peakBytes = Math.max(peakBytes, bytes);
        if (tag.budgeted && bytes > bytesThen) {
            tag.discharge(bytes - bytesThen);
        }
        bytes = bytesThen;
        allocs = marks.get(row, MARK_ALLOCS);
        if (guards != null) {
            guards.truncate((int) marks.get(row, MARK_GUARDS));
        }
        marks.truncate(row);
    }

    // ---------------------------------------------------------------- close

    /**
     * Frees every chunk at once and closes the pools drawn from this group, reporting their live slots
     * ({@code EM601}). Closing twice does nothing; a close from another thread is refused below OFF ({@code EM301}).
     */
    @Override
    public void close() {
        if (closed || !admit("close")) {
            return;
        }
        closeInternal();
    }

    /** Engine close: any thread; a group left open with bytes (and not kept) is a leak ({@code EM603}). */
    void closeAtEngineClose() {
        if (closed) {
            return;
        }
        MemoryDiagnosticException leak = null;
        if (bytes > 0 && !kept) {
            engine.events().leak(name, createdAt == null ? "?" : createdAt, allocs, bytes);
            try {
                diagnostics.report(DiagnosticCode.EM603, label + " still open at engine close with " + bytes + " bytes in "
                    + allocs + " allocation(s)", createdAt, "group" + name);
            } catch (MemoryDiagnosticException e) {
                leak = e;
            }
        }
        closeInternal();
        if (leak != null) {
            throw leak;
        }
    }

    private void closeInternal() {
        GroupCloseEvent event = engine.events().groupClosing();
        MemoryDiagnosticException first = null;
        for (Pool p : pools) {
            try {
                p.closeInternal(DiagnosticCode.EM601);
            } catch (MemoryDiagnosticException e) {
                first = first == null ? e : first; // strict mode: free everything first, then throw
            }
        }
        pools.clear();
        if (guards != null) {
            try {
                guards.checkAll();
            } catch (MemoryDiagnosticException e) {
                first = first == null ? e : first;
            }
            guards.clear();
        }
        closed = true;
        long reserved = reservedBytes();
        int n = chunks();
        chunks.freeFrom(0, heap);
        poolSlabs.freeFrom(0, heap);
        freeSystemBlocksUntil(0);
        if (tag.budgeted && bytes > 0) {
            tag.discharge(bytes);
        }
        peakBytes = Math.max(peakBytes, bytes);
        cursor = 0;
        limit = 0;
        chunkEnd = 0;
        engine.forget(this);
        engine.events().groupClosed(event, name, bytes, reserved, n);
        if (first != null) {
            throw first;
        }
    }

    final long refuseClosed(String what) {
        diagnostics.report(DiagnosticCode.EM201, what + " on closed " + label, createdAt, name + "closed");
        return 0;
    }

    final void refuseThread(String op) {
        diagnostics.report(DiagnosticCode.EM301, op + "() on " + label + " owned by thread \"" + owner.getName()
            + "\" from thread \"" + Thread.currentThread().getName() + "\"", createdAt, name + "thread" + op);
    }

    /** Marks this group long-lived on purpose (game-wide data): it is not reported as a leak at engine close. */
    public void keep() {
        kept = true;
    }

    boolean isKept() { return kept; }

    /** @return the group's name, also its tag */
    public String name() { return name; }

    /** @return bytes allocated (requested) in this group */
    public long bytes() { return bytes; }

    /** @return the most bytes the group held at once (a rollback lowers {@link #bytes()}, not this) */
    public long peakBytes() { return Math.max(peakBytes, bytes); }

    /** @return native bytes held by the group's chunks, including pool slabs drawn from it */
    public long reservedBytes() { return chunks.totalBytes() + poolSlabs.totalBytes() + systemBlockBytes; }

    /** @return chunks held (bump chunks, pool slabs and kill-switch blocks) */
    public int chunks() { return chunks.count() + poolSlabs.count() + systemBlockCount; }

    /** @return allocations made */
    public long allocs() { return allocs; }

    /** @return pools drawn from this group that are open */
    public int pools() { return pools.size(); }

    /** @return whether {@link #close()} ran */
    public boolean isClosed() { return closed; }

    /** @return the debug level this group was created with (its implementation) */
    public DebugLevel debugLevel() { return debug; }

    /** @return where the group was created (below OFF), else null */
    String createdAt() { return createdAt; }

    TagAccount tag() { return tag; }
}
