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
 * frees that all vanish at {@code close()} (live ones are reported, {@code EM601}).</p>
 *
 * <h2>Cost</h2>
 * <p>{@code alloc}: an align, a compare, a store and the tag's counters. Below PARANOID the only site recorded is
 * where the group was created (named when it is used after close or left open); PARANOID records every
 * allocation's site and checks its guard bytes at close.</p>
 *
 * <p>Under the kill switch every allocation is its own system malloc, all freed at {@code close()}.</p>
 */
public final class LevelGroup implements AutoCloseable {
    private final EngineMemory engine;
    private final NativeHeap heap;
    private final Diagnostics diagnostics;
    private final String name;
    private final TagAccount tag;
    private final String label;
    private final DebugLevel debug;
    private final boolean perAllocMalloc;
    private final long firstChunk;
    private final String createdAt;
    private final Thread owner;

    private final BlockList chunks = new BlockList();
    private final List<Pool> pools = new ArrayList<>(2);
    private final List<long[]> marks = new ArrayList<>(2);
    private long markSerial;
    private static final long SYSTEM_HEADER = 16;
    private long systemBlocks;
    private long systemBlockBytes;
    private int systemBlockCount;
    private long cursor;
    private long limit;
    private long nextChunkBytes;
    private long bytes;
    private long allocs;
    private boolean closed;
    private boolean kept;
    private final GuardTracker guards;

    LevelGroup(EngineMemory engine, String name, TagAccount tag) {
        this.engine = engine;
        this.heap = engine.heap();
        this.diagnostics = engine.diagnostics();
        this.name = name;
        this.label = "level group \"" + name + "\"";
        this.tag = tag;
        MemoryConfig config = engine.config();
        this.debug = engine.debugLevel();
        this.perAllocMalloc = heap.isSystem();
        this.firstChunk = config.groupChunkBytes();
        this.nextChunkBytes = firstChunk;
        this.owner = Thread.currentThread();
        this.createdAt = debug == DebugLevel.OFF ? null : AllocationSite.capture();
        this.guards = debug == DebugLevel.PARANOID ? new GuardTracker(describe(), diagnostics) : null;
    }

    /**
     * Allocates {@code bytes} aligned to {@code align}, uncleared, until {@link #close()}.
     *
     * @param bytes size, at least 0
     * @param align a power of two up to 1 MiB
     * @return the address; 0 when refused (closed group, non-strict mode)
     * @throws MemoryBudgetExceededException when the group's tag would cross its hard budget
     * @throws OutOfNativeMemoryException when a chunk cannot be allocated
     */
    public long alloc(long bytes, int align) {
        if (closed) {
            diagnostics.report(DiagnosticCode.EM201, "alloc(" + bytes + ") on closed " + describe(), createdAt, name + "closed");
            return 0;
        }
        if (guards == null) {
            long p = (cursor + align - 1) & -(long) align;
            if (p + bytes <= limit && p >= cursor && p != 0 && bytes >= 0 && Integer.bitCount(align) == 1) {
                tag.charge(bytes, label);
                cursor = p + bytes;
                this.bytes += bytes;
                allocs++;
                return p;
            }
        }
        return allocSlow(bytes, align);
    }

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
        if (bytes < 0) {
            throw new IllegalArgumentException("group allocation of " + bytes + " bytes in " + describe());
        }
        Alignment.check(align);
        if (debug == DebugLevel.PARANOID && Thread.currentThread() != owner) {
            diagnostics.report(DiagnosticCode.EM301, "alloc() on " + describe() + " owned by thread \"" + owner.getName()
                + "\" from thread \"" + Thread.currentThread().getName() + "\"", createdAt, name + "thread");
        }
        long total = guards != null ? bytes + GuardTracker.GUARD_BYTES : bytes;
        tag.charge(bytes, label);
        long p;
        try {
            p = place(total, align);
        } catch (RuntimeException e) {
            tag.discharge(bytes);
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
        long p = (cursor + align - 1) & -(long) align;
        if (!perAllocMalloc && p + total <= limit && p >= cursor && p != 0) {
            cursor = p + total;
            return p;
        }
        if (perAllocMalloc) {
            return systemBlock(total, align);
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
        limit = chunk + size;
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

    private void freeSystemBlocks() {
        for (long b = systemBlocks; b != 0; ) {
            long next = MemoryUtil.memGetLong(b);
            long info = MemoryUtil.memGetLong(b + 8);
            heap.free(b, info & 0xFFFF_FFFF_FFFFL, info >>> 48);
            b = next;
        }
        systemBlocks = 0;
        systemBlockBytes = 0;
        systemBlockCount = 0;
    }

    /** Carves a pool slab aligned to its size (pools find slabs by masking addresses). */
    long allocSlab(long slabBytes, String pool) {
        if (closed) {
            throw new IllegalStateException("pool \"" + pool + "\" grows in closed " + describe());
        }
        long chunk = heap.malloc(slabBytes, slabBytes, name);
        chunks.add(chunk, slabBytes, slabBytes);
        return chunk;
    }

    /**
     * Creates a pool whose slabs come from this group. Individual frees work as usual; {@link #close()} closes it
     * and reports its live slots as leaks ({@code EM601}).
     *
     * @param poolName the pool's name and tag
     * @param slotBytes slot size
     * @return the pool, owned by the calling thread
     */
    public Pool pool(String poolName, int slotBytes) {
        if (closed) {
            diagnostics.report(DiagnosticCode.EM201, "pool(\"" + poolName + "\") on closed " + describe(), createdAt, name + "closed");
            return null;
        }
        Pool p = engine.newPool(poolName, slotBytes, this);
        pools.add(p);
        return p;
    }

    /**
     * Frees every chunk at once and closes the pools drawn from this group, reporting their live slots
     * ({@code EM601}). Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        GroupCloseEvent event = engine.events().groupClosing();
        for (Pool p : pools) {
            if (!p.isClosed()) {
                p.drain();
                p.closeInternal(DiagnosticCode.EM601);
            }
        }
        pools.clear();
        MemoryDiagnosticException overrun = null;
        if (guards != null) {
            try {
                guards.checkAll();
            } catch (MemoryDiagnosticException e) {
                overrun = e; // strict mode: free everything first, then throw
            }
            guards.clear();
        }
        closed = true;
        long reserved = reservedBytes();
        int n = chunks();
        chunks.freeFrom(0, heap);
        freeSystemBlocks();
        if (bytes > 0) {
            tag.discharge(bytes);
        }
        cursor = 0;
        limit = 0;
        engine.forget(this);
        engine.events().groupClosed(event, name, bytes, reserved, n);
        if (overrun != null) {
            throw overrun;
        }
    }

    /**
     * Remembers the group's current position, so a failed attempt (a level that did not validate) can be undone
     * with {@link #rollback(long)}. Marks nest; rolling back to one discards the marks taken after it.
     *
     * @return the mark
     */
    public long mark() {
        if (closed) {
            diagnostics.report(DiagnosticCode.EM201, "mark() on closed " + describe(), createdAt, name + "closed");
            return -1;
        }
        long[] m = {chunks.count(), cursor, limit, nextChunkBytes, bytes, allocs, systemBlocks, pools.size(),
            guards == null ? 0 : guards.size()};
        marks.add(m);
        return ((long) markSerial++ << 32) | (marks.size() - 1);
    }

    /**
     * Frees everything allocated since {@code mark}: chunks added after it go back to the heap, the tag is
     * discharged, the cursor returns. A pool drawn from the group after the mark makes the rollback refuse
     * (its slabs would vanish under it).
     *
     * @param mark from {@link #mark()} on this group
     * @throws IllegalArgumentException for a mark that is not (or no longer) this group's
     * @throws IllegalStateException when a pool was drawn from the group after the mark
     */
    public void rollback(long mark) {
        if (closed) {
            diagnostics.report(DiagnosticCode.EM201, "rollback() on closed " + describe(), createdAt, name + "closed");
            return;
        }
        int i = (int) mark;
        if (mark < 0 || i >= marks.size() || (mark >>> 32) != markSerial - (marks.size() - i)) {
            throw new IllegalArgumentException("not a live mark of " + describe() + ": 0x" + Long.toHexString(mark));
        }
        long[] m = marks.get(i);
        if (pools.size() > m[7]) {
            throw new IllegalStateException("rollback of " + describe() + " past the creation of pool \""
                + pools.get((int) m[7]).name() + "\"");
        }
        chunks.freeFrom((int) m[0], heap);
        while (systemBlocks != m[6]) {
            long next = MemoryUtil.memGetLong(systemBlocks);
            long info = MemoryUtil.memGetLong(systemBlocks + 8);
            heap.free(systemBlocks, info & 0xFFFF_FFFF_FFFFL, info >>> 48);
            systemBlockBytes -= info & 0xFFFF_FFFF_FFFFL;
            systemBlockCount--;
            systemBlocks = next;
        }
        cursor = m[1];
        limit = m[2];
        nextChunkBytes = m[3];
        if (bytes > m[4]) {
            tag.discharge(bytes - m[4]);
        }
        bytes = m[4];
        allocs = m[5];
        if (guards != null) {
            guards.truncate((int) m[8]);
        }
        while (marks.size() > i + 1) {
            marks.remove(marks.size() - 1);
            markSerial--;
        }
    }

    /** Marks this group long-lived on purpose (e.g. game-wide data): it is not reported as a leak at engine close. */
    public void keep() {
        kept = true;
    }

    boolean isKept() { return kept; }

    /** Engine close: close from whatever thread closes the engine, without owner checks. */
    void closeAtEngineClose() {
        close();
    }

    private String describe() {
        return label;
    }

    /** @return the group's name, also its tag */
    public String name() { return name; }

    /** @return bytes allocated (requested) in this group */
    public long bytes() { return bytes; }

    /** @return native bytes held by the group's chunks (including pool slabs drawn from it) */
    public long reservedBytes() { return chunks.totalBytes() + systemBlockBytes; }

    /** @return chunks held */
    public int chunks() { return chunks.count() + systemBlockCount; }

    /** @return allocations made */
    public long allocs() { return allocs; }

    /** @return pools drawn from this group that are open */
    public int pools() { return pools.size(); }

    /** @return whether {@link #close()} ran */
    public boolean isClosed() { return closed; }

    /** @return where the group was created (below OFF), else null */
    String createdAt() { return createdAt; }
}
