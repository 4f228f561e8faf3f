package dev.burrow.memory;

import java.util.Locale;

/**
 * Plain data describing an {@link EngineMemory} at one moment: the native heap, every frame arena, pool, level
 * group and tag, and the diagnostics. Taken with {@link EngineMemory#snapshot()} (a new object) or
 * {@link EngineMemory#snapshot(MemorySnapshot)} (refills an old one without allocating, for overlays that read
 * it every frame). Read it through the getters; it does not change until it is refilled.
 *
 * <p>Counters are read without locks while other threads may allocate, so figures of allocators used by other
 * threads can be a few operations stale; they are exact when those threads are idle.</p>
 */
public final class MemorySnapshot {
    private static final DiagnosticCode[] CODES = DiagnosticCode.values(); // values() clones: once, not per call

    /** Version of {@link #toJson()}'s schema; bumped when a field changes meaning or goes away. */
    public static final int SCHEMA_VERSION = 1;

    String allocator = "";
    long takenAtNanos;
    long nativeBytes;
    long nativePeakBytes;
    long nativeBlocks;
    long nativeMallocs;
    long nativeFrees;
    DebugLevel debug = DebugLevel.SIMPLE;
    boolean strict;
    long groupsClosed;
    String lastClosedGroup;
    long lastClosedGroupBytes;
    long lastClosedGroupAtNanos;

    FrameStats[] frames = new FrameStats[0];
    int frameCount;
    PoolStats[] pools = new PoolStats[0];
    int poolCount;
    GroupStats[] groups = new GroupStats[0];
    int groupCount;
    TagStats[] tags = new TagStats[0];
    int tagCount;
    // Size-class heaps and the LWJGL allocator (issue 13).
    HeapStats[] heaps = new HeapStats[0];
    int heapCount;
    boolean lwjglInstalled;
    boolean lwjglAttached;
    long lwjglUntrackedBlocks;
    long lwjglUntrackedBytes;
    long lwjglStrangerFrees;
    StreamingStats[] streaming = new StreamingStats[0];
    int streamingCount;
    final long[] diagnosticCounts = new long[DiagnosticCode.values().length];
    final String[] recent = new String[Diagnostics.RECENT];
    int recentCount;

    MemorySnapshot() {
    }

    /** @return "jemalloc" or "system" */
    public String allocator() { return allocator; }

    /** @return {@link System#nanoTime()} when taken */
    public long takenAtNanos() { return takenAtNanos; }

    /** @return native bytes held from the system by all allocators */
    public long nativeBytes() { return nativeBytes; }

    /** @return the most native bytes ever held at once */
    public long nativePeakBytes() { return nativePeakBytes; }

    /** @return native blocks held */
    public long nativeBlocks() { return nativeBlocks; }

    /** @return native mallocs so far */
    public long nativeMallocs() { return nativeMallocs; }

    /** @return native frees so far */
    public long nativeFrees() { return nativeFrees; }

    /** @return the engine's debug level */
    public DebugLevel debug() { return debug; }

    /** @return whether the engine is strict */
    public boolean strict() { return strict; }

    /** @return level groups closed so far */
    public long groupsClosed() { return groupsClosed; }

    /** @return the name of the last group closed, or null */
    public String lastClosedGroup() { return lastClosedGroup; }

    /** @return bytes the last closed group had */
    public long lastClosedGroupBytes() { return lastClosedGroupBytes; }

    /** @return {@link System#nanoTime()} of the last group close */
    public long lastClosedGroupAtNanos() { return lastClosedGroupAtNanos; }

    /** @return frame arenas (one per thread that asked) */
    public int frameCount() { return frameCount; }

    /**
     * @param i index below {@link #frameCount()}
     * @return that arena's figures
     */
    public FrameStats frame(int i) { return frames[check(i, frameCount)]; }

    /** @return open pools */
    public int poolCount() { return poolCount; }

    /**
     * @param i index below {@link #poolCount()}
     * @return that pool's figures
     */
    public PoolStats pool(int i) { return pools[check(i, poolCount)]; }

    /** @return open level groups */
    public int groupCount() { return groupCount; }

    /**
     * @param i index below {@link #groupCount()}
     * @return that group's figures
     */
    public GroupStats group(int i) { return groups[check(i, groupCount)]; }

    /** @return tags, sorted by name */
    public int tagCount() { return tagCount; }

    /**
     * @param i index below {@link #tagCount()}
     * @return that tag's figures
     */
    public TagStats tag(int i) { return tags[check(i, tagCount)]; }

    /**
     * @param name a tag name
     * @return its figures, or null
     */
    public TagStats tag(String name) {
        for (int i = 0; i < tagCount; i++) {
            if (tags[i].name.equals(name)) {
                return tags[i];
            }
        }
        return null;
    }

    /**
     * @param name a pool name
     * @return the first open pool of that name, or null
     */
    public PoolStats pool(String name) {
        for (int i = 0; i < poolCount; i++) {
            if (pools[i].name.equals(name)) {
                return pools[i];
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- size-class heaps and LWJGL memory

    /** @return open size-class heaps, one per thread and tag (those behind the LWJGL allocator included) */
    public int heapCount() { return heapCount; }

    /**
     * @param i index below {@link #heapCount()}
     * @return that heap's figures
     */
    public HeapStats heap(int i) { return heaps[check(i, heapCount)]; }

    /** @return bytes held by heaps' slabs and large blocks, the LWJGL allocator's included */
    public long heapBytes() {
        long n = 0;
        for (int i = 0; i < heapCount; i++) {
            n += heaps[i].reservedBytes;
        }
        return n;
    }

    /** @return bytes of live LWJGL memory (memAlloc and friends) charged to this engine, over every tag */
    public long lwjglBytes() {
        long n = 0;
        for (int i = 0; i < heapCount; i++) {
            if (heaps[i].lwjgl) {
                n += heaps[i].liveBytes;
            }
        }
        return n;
    }

    /**
     * @param tag a tag
     * @return bytes of live LWJGL memory allocated under {@code tag} itself (all threads)
     */
    public long lwjglBytes(String tag) {
        long n = 0;
        for (int i = 0; i < heapCount; i++) {
            if (heaps[i].lwjgl && heaps[i].name.equals(tag)) {
                n += heaps[i].liveBytes;
            }
        }
        return n;
    }

    /** @return whether BurrowLwjglAllocator is LWJGL's allocator in this process */
    public boolean lwjglInstalled() { return lwjglInstalled; }

    /** @return whether this engine is the one LWJGL's memory is charged to */
    public boolean lwjglAttached() { return lwjglAttached; }

    /** @return LWJGL blocks allocated while no engine was attached, not freed yet (jemalloc's, not in any tag) */
    public long lwjglUntrackedBlocks() { return lwjglUntrackedBlocks; }

    /** @return bytes of {@link #lwjglUntrackedBlocks()} */
    public long lwjglUntrackedBytes() { return lwjglUntrackedBytes; }

    /** @return frees and reallocs of blocks Burrow never allocated, refused ({@code EM903}) */
    public long lwjglStrangerFrees() { return lwjglStrangerFrees; }

    /** @return streaming budgets */
    public int streamingCount() { return streamingCount; }

    /**
     * @param i index below {@link #streamingCount()}
     * @return that budget's figures
     */
    public StreamingStats streaming(int i) { return streaming[check(i, streamingCount)]; }

    /**
     * @param name a streaming budget's name
     * @return its figures, or null
     */
    public StreamingStats streaming(String name) {
        for (int i = 0; i < streamingCount; i++) {
            if (streaming[i].name.equals(name)) {
                return streaming[i];
            }
        }
        return null;
    }

    /** Figures of one streaming budget and its resident entries. */
    public static final class StreamingStats {
        String name;
        long capacityBytes;
        long usedBytes;
        int pinned;
        long evictions;
        long evictedBytes;
        long refusals;
        long clock;
        int entryCount;
        String[] entryNames = new String[0];
        long[] entryBytes = new long[0];
        int[] entryPriority = new int[0];
        boolean[] entryPinned = new boolean[0];
        long[] entryLastUse = new long[0];

        void ensure(int n) {
            if (entryNames.length < n) {
                int cap = Math.max(n, entryNames.length * 2);
                entryNames = java.util.Arrays.copyOf(entryNames, cap);
                entryBytes = java.util.Arrays.copyOf(entryBytes, cap);
                entryPriority = java.util.Arrays.copyOf(entryPriority, cap);
                entryPinned = java.util.Arrays.copyOf(entryPinned, cap);
                entryLastUse = java.util.Arrays.copyOf(entryLastUse, cap);
            }
        }

        /** @return the budget's name */
        public String name() { return name; }
        /** @return bytes it may hold */
        public long capacityBytes() { return capacityBytes; }
        /** @return bytes its resident entries count */
        public long usedBytes() { return usedBytes; }
        /** @return resident entries */
        public int entries() { return entryCount; }
        /** @return pinned entries */
        public int pinned() { return pinned; }
        /** @return entries evicted so far */
        public long evictions() { return evictions; }
        /** @return bytes evicted so far */
        public long evictedBytes() { return evictedBytes; }
        /** @return reservations refused so far ({@code EM503}) */
        public long refusals() { return refusals; }
        /**
         * @param i index below {@link #entries()}
         * @return that entry's name
         */
        public String entryName(int i) { return entryNames[check(i, entryCount)]; }
        /**
         * @param i entry index
         * @return its bytes
         */
        public long entryBytes(int i) { return entryBytes[check(i, entryCount)]; }
        /**
         * @param i entry index
         * @return its priority
         */
        public int entryPriority(int i) { return entryPriority[check(i, entryCount)]; }
        /**
         * @param i entry index
         * @return whether it is pinned
         */
        public boolean entryPinned(int i) { return entryPinned[check(i, entryCount)]; }
        /**
         * @param i entry index
         * @return uses of the budget since this entry was last used (0: the latest)
         */
        public long entryAge(int i) { return clock - entryLastUse[check(i, entryCount)]; }
    }

    /** Figures of one size-class heap (one thread, one tag). */
    public static final class HeapStats {
        String name;
        String thread;
        boolean lwjgl;
        boolean retired;
        long liveBlocks;
        long liveBytes;
        long largeBlocks;
        long largeBytes;
        long reservedBytes;
        long allocs;
        long frees;
        final int[] classLive = new int[SizeClasses.COUNT];
        final int[] classCapacity = new int[SizeClasses.COUNT];
        final int[] classSlabs = new int[SizeClasses.COUNT];

        /** @return heap name, also its tag */
        public String name() { return name; }
        /** @return owner thread's name */
        public String thread() { return thread; }
        /** @return whether it serves the LWJGL allocator */
        public boolean lwjgl() { return lwjgl; }
        /** @return whether its engine closed while it held LWJGL blocks (they stay valid) */
        public boolean retired() { return retired; }
        /** @return live blocks */
        public long liveBlocks() { return liveBlocks; }
        /** @return bytes of live blocks (class sizes for small ones) */
        public long liveBytes() { return liveBytes; }
        /** @return live blocks larger than the biggest class */
        public long largeBlocks() { return largeBlocks; }
        /** @return their bytes */
        public long largeBytes() { return largeBytes; }
        /** @return native bytes held: slabs and large blocks */
        public long reservedBytes() { return reservedBytes; }
        /** @return allocations so far */
        public long allocs() { return allocs; }
        /** @return frees so far */
        public long frees() { return frees; }
        /** @return the number of size classes */
        public int classCount() { return SizeClasses.COUNT; }
        /**
         * @param c class index
         * @return its block size
         */
        public int classBytes(int c) { return SizeClasses.BYTES[c]; }
        /**
         * @param c class index
         * @return live blocks of the class
         */
        public int classLive(int c) { return classLive[c]; }
        /**
         * @param c class index
         * @return blocks the class holds (live and free)
         */
        public int classCapacity(int c) { return classCapacity[c]; }
        /**
         * @param c class index
         * @return slabs of the class
         */
        public int classSlabs(int c) { return classSlabs[c]; }
    }

    /**
     * @param code a diagnostic
     * @return how often it occurred
     */
    public long diagnostics(DiagnosticCode code) { return diagnosticCounts[code.ordinal()]; }

    /**
     * @param atLeast the severity threshold
     * @return occurrences of all codes of at least that severity
     */
    public long diagnosticsTotal(Severity atLeast) {
        long n = 0;
        for (DiagnosticCode c : CODES) {
            if (c.severity().compareTo(atLeast) >= 0) {
                n += diagnosticCounts[c.ordinal()];
            }
        }
        return n;
    }

    /** @return how many recent diagnostic messages are kept (up to 32) */
    public int recentDiagnosticCount() { return recentCount; }

    /**
     * @param i 0 is the oldest kept
     * @return that message
     */
    public String recentDiagnostic(int i) { return recent[check(i, recentCount)]; }

    /** @return bytes held by frame arena blocks */
    public long frameBytes() {
        long n = 0;
        for (int i = 0; i < frameCount; i++) {
            n += frames[i].capacityBytes;
        }
        return n;
    }

    /** @return bytes held by pool slabs (excluding slabs drawn from level groups) */
    public long poolBytes() {
        long n = 0;
        for (int i = 0; i < poolCount; i++) {
            if (!pools[i].inGroup) {
                n += pools[i].reservedBytes;
            }
        }
        return n;
    }

    /** @return bytes held by level group chunks */
    public long groupBytes() {
        long n = 0;
        for (int i = 0; i < groupCount; i++) {
            n += groups[i].reservedBytes;
        }
        return n;
    }

    private static int check(int i, int n) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException(i + " of " + n);
        }
        return i;
    }

    /** Figures of one thread's frame arena. */
    public static final class FrameStats {
        String thread;
        long capacityBytes;
        long usedBytes;
        long highWaterBytes;
        long overflows;
        long frames;
        long heapBytesLastFrame;
        long allocsLastFrame;
        boolean inFrame;
        long budgetBytes = -1;
        long overBudgetFrames;
        int promotedLastFrame;
        long promotedBytesLastFrame;
        int promotionsFailedLastFrame;
        PhaseStats[] phases = new PhaseStats[0];
        int phaseCount;

        /** @return whether the arena's thread was inside a frame when the snapshot was taken */
        public boolean inFrame() { return inFrame; }
        /** @return allocations the arena made in its last frame */
        public long allocsLastFrame() { return allocsLastFrame; }
        /** @return the arena's frame budget, or -1 when none */
        public long budgetBytes() { return budgetBytes; }
        /** @return frames that crossed the budget */
        public long overBudgetFrames() { return overBudgetFrames; }
        /** @return promotions carried out at the last frame end */
        public int promotedLastFrame() { return promotedLastFrame; }
        /** @return bytes promoted at the last frame end */
        public long promotedBytesLastFrame() { return promotedBytesLastFrame; }
        /** @return promotions that failed at the last frame end */
        public int promotionsFailedLastFrame() { return promotionsFailedLastFrame; }
        /** @return phase names the arena has seen */
        public int phaseCount() { return phaseCount; }
        /**
         * @param i index below {@link #phaseCount()}
         * @return that phase's figures
         */
        public PhaseStats phase(int i) { return phases[check(i, phaseCount)]; }

        /** @return owner thread's name */
        public String thread() { return thread; }
        /** @return main block size */
        public long capacityBytes() { return capacityBytes; }
        /** @return bytes used in the current (or last) frame */
        public long usedBytes() { return usedBytes; }
        /** @return most bytes a frame used */
        public long highWaterBytes() { return highWaterBytes; }
        /** @return frames that overflowed */
        public long overflows() { return overflows; }
        /** @return frames begun */
        public long frames() { return frames; }
        /** @return Java heap bytes the thread allocated in its last frame */
        public long heapBytesLastFrame() { return heapBytesLastFrame; }
    }

    /** Figures of one frame phase of one arena: its last completed frame and its peak. */
    public static final class PhaseStats {
        String name;
        long lastBytes;
        long lastAllocs;
        long lastHighWaterBytes;
        long peakBytes;
        long peakAllocs;
        long peakHighWaterBytes;

        /** @return the phase's name */
        public String name() { return name; }
        /** @return bytes it allocated in the last frame */
        public long lastBytes() { return lastBytes; }
        /** @return allocations it made in the last frame */
        public long lastAllocs() { return lastAllocs; }
        /** @return the most bytes the frame held while it was open, last frame */
        public long lastHighWaterBytes() { return lastHighWaterBytes; }
        /** @return the most bytes it allocated in one frame */
        public long peakBytes() { return peakBytes; }
        /** @return the most allocations it made in one frame */
        public long peakAllocs() { return peakAllocs; }
        /** @return the highest high water of any frame */
        public long peakHighWaterBytes() { return peakHighWaterBytes; }
    }

    /** Figures of one pool. */
    public static final class PoolStats {
        String name;
        int slotBytes;
        int live;
        int peakLive;
        int capacity;
        int slabs;
        int retired;
        long reservedBytes;
        long allocs;
        long frees;
        boolean inGroup;
        boolean concurrent;
        long compactions;
        long slabsReturned;
        long slotsMoved;
        int pinned;
        int kept;

        /** @return pool name */
        public String name() { return name; }
        /** @return slot size */
        public int slotBytes() { return slotBytes; }
        /** @return live slots */
        public int live() { return live; }
        /** @return peak live slots */
        public int peakLive() { return peakLive; }
        /** @return slots held */
        public int capacity() { return capacity; }
        /** @return slabs held */
        public int slabs() { return slabs; }
        /** @return retired slots */
        public int retired() { return retired; }
        /** @return native bytes of its slabs */
        public long reservedBytes() { return reservedBytes; }
        /** @return allocations so far */
        public long allocs() { return allocs; }
        /** @return frees so far */
        public long frees() { return frees; }
        /** @return live slots marked keep (not leaks) */
        public int kept() { return kept; }
        /** @return whether its slabs come from a level group */
        public boolean inGroup() { return inGroup; }
        /** @return whether other threads may free into it */
        public boolean concurrent() { return concurrent; }
        /** @return compactions so far */
        public long compactions() { return compactions; }
        /** @return slabs compactions gave back so far */
        public long slabsReturned() { return slabsReturned; }
        /** @return slots compactions moved so far */
        public long slotsMoved() { return slotsMoved; }
        /** @return handles pinned in place now */
        public int pinned() { return pinned; }
        /** @return frees per allocation (1.0 means every slot came back), 0 before the first allocation */
        public double reuseRate() { return allocs == 0 ? 0 : (double) frees / allocs; }
    }

    /** Figures of one open level group. */
    public static final class GroupStats {
        String name;
        long bytes;
        long reservedBytes;
        int chunks;
        long allocs;
        int pools;

        /** @return group name */
        public String name() { return name; }
        /** @return bytes allocated in it */
        public long bytes() { return bytes; }
        /** @return native bytes its chunks hold */
        public long reservedBytes() { return reservedBytes; }
        /** @return chunks */
        public int chunks() { return chunks; }
        /** @return allocations */
        public long allocs() { return allocs; }
        /** @return pools drawn from it */
        public int pools() { return pools; }
    }

    /** Figures of one tag, with its budget. */
    public static final class TagStats {
        String name;
        long liveBytes;
        long peakBytes;
        long allocs;
        long frees;
        long softBytes;
        long hardBytes;

        /** @return tag name */
        public String name() { return name; }
        /** @return bytes live under the tag (and its children) */
        public long liveBytes() { return liveBytes; }
        /** @return peak live bytes */
        public long peakBytes() { return peakBytes; }
        /** @return allocations */
        public long allocs() { return allocs; }
        /** @return frees */
        public long frees() { return frees; }
        /** @return soft budget, or {@link Long#MAX_VALUE} when none */
        public long softBytes() { return softBytes; }
        /** @return hard budget, or {@link Long#MAX_VALUE} when none */
        public long hardBytes() { return hardBytes; }
        /** @return whether a budget is set */
        public boolean hasBudget() { return softBytes != Long.MAX_VALUE || hardBytes != Long.MAX_VALUE; }
    }

    /**
     * The snapshot as JSON, schema {@link #SCHEMA_VERSION} (documented in docs/snapshot.md). Allocates; for tools and
     * reports, not for every frame.
     *
     * @return a JSON object
     */
    public String toJson() {
        StringBuilder b = new StringBuilder(1024);
        b.append("{\"schema\":").append(SCHEMA_VERSION)
            .append(",\"allocator\":").append(q(allocator))
            .append(",\"debug\":").append(q(debug.name().toLowerCase(Locale.ROOT)))
            .append(",\"strict\":").append(strict)
            .append(",\"native\":{\"bytes\":").append(nativeBytes).append(",\"peakBytes\":").append(nativePeakBytes)
            .append(",\"blocks\":").append(nativeBlocks).append(",\"mallocs\":").append(nativeMallocs)
            .append(",\"frees\":").append(nativeFrees).append('}')
            .append(",\"totals\":{\"frameBytes\":").append(frameBytes()).append(",\"poolBytes\":").append(poolBytes())
            .append(",\"groupBytes\":").append(groupBytes()).append(",\"heapBytes\":").append(heapBytes()).append('}');
        b.append(",\"frames\":[");
        for (int i = 0; i < frameCount; i++) {
            FrameStats f = frames[i];
            b.append(i > 0 ? "," : "").append("{\"thread\":").append(q(f.thread)).append(",\"capacityBytes\":").append(f.capacityBytes)
                .append(",\"usedBytes\":").append(f.usedBytes).append(",\"highWaterBytes\":").append(f.highWaterBytes)
                .append(",\"overflows\":").append(f.overflows).append(",\"frames\":").append(f.frames)
                .append(",\"heapBytesLastFrame\":").append(f.heapBytesLastFrame)
                .append(",\"allocsLastFrame\":").append(f.allocsLastFrame)
                .append(",\"inFrame\":").append(f.inFrame)
                .append(",\"budgetBytes\":").append(f.budgetBytes < 0 ? "null" : Long.toString(f.budgetBytes))
                .append(",\"overBudgetFrames\":").append(f.overBudgetFrames)
                .append(",\"promotedLastFrame\":").append(f.promotedLastFrame)
                .append(",\"promotedBytesLastFrame\":").append(f.promotedBytesLastFrame)
                .append(",\"promotionsFailedLastFrame\":").append(f.promotionsFailedLastFrame)
                .append(",\"phases\":[");
            for (int j = 0; j < f.phaseCount; j++) {
                PhaseStats ph = f.phases[j];
                b.append(j > 0 ? "," : "").append("{\"name\":").append(q(ph.name)).append(",\"lastBytes\":").append(ph.lastBytes)
                    .append(",\"lastAllocs\":").append(ph.lastAllocs).append(",\"lastHighWaterBytes\":").append(ph.lastHighWaterBytes)
                    .append(",\"peakBytes\":").append(ph.peakBytes).append(",\"peakAllocs\":").append(ph.peakAllocs)
                    .append(",\"peakHighWaterBytes\":").append(ph.peakHighWaterBytes).append('}');
            }
            b.append("]}");
        }
        b.append("],\"pools\":[");
        for (int i = 0; i < poolCount; i++) {
            PoolStats p = pools[i];
            b.append(i > 0 ? "," : "").append("{\"name\":").append(q(p.name)).append(",\"slotBytes\":").append(p.slotBytes)
                .append(",\"live\":").append(p.live).append(",\"peakLive\":").append(p.peakLive)
                .append(",\"capacity\":").append(p.capacity).append(",\"slabs\":").append(p.slabs)
                .append(",\"retired\":").append(p.retired).append(",\"reservedBytes\":").append(p.reservedBytes)
                .append(",\"allocs\":").append(p.allocs).append(",\"frees\":").append(p.frees)
                .append(",\"inGroup\":").append(p.inGroup).append(",\"concurrent\":").append(p.concurrent)
                .append(",\"compactions\":").append(p.compactions).append(",\"slabsReturned\":").append(p.slabsReturned)
                .append(",\"slotsMoved\":").append(p.slotsMoved).append(",\"pinned\":").append(p.pinned)
                .append(",\"kept\":").append(p.kept).append('}');
        }
        b.append("],\"groups\":[");
        for (int i = 0; i < groupCount; i++) {
            GroupStats g = groups[i];
            b.append(i > 0 ? "," : "").append("{\"name\":").append(q(g.name)).append(",\"bytes\":").append(g.bytes)
                .append(",\"reservedBytes\":").append(g.reservedBytes).append(",\"chunks\":").append(g.chunks)
                .append(",\"allocs\":").append(g.allocs).append(",\"pools\":").append(g.pools).append('}');
        }
        b.append("],\"heaps\":[");
        for (int i = 0; i < heapCount; i++) {
            HeapStats h = heaps[i];
            b.append(i > 0 ? "," : "").append("{\"name\":").append(q(h.name)).append(",\"thread\":").append(q(h.thread))
                .append(",\"lwjgl\":").append(h.lwjgl).append(",\"retired\":").append(h.retired)
                .append(",\"liveBlocks\":").append(h.liveBlocks).append(",\"liveBytes\":").append(h.liveBytes)
                .append(",\"largeBlocks\":").append(h.largeBlocks).append(",\"largeBytes\":").append(h.largeBytes)
                .append(",\"reservedBytes\":").append(h.reservedBytes).append(",\"allocs\":").append(h.allocs)
                .append(",\"frees\":").append(h.frees).append(",\"classes\":[");
            boolean firstClass = true;
            for (int c = 0; c < SizeClasses.COUNT; c++) {
                if (h.classCapacity[c] > 0) {
                    b.append(firstClass ? "" : ",").append("{\"bytes\":").append(SizeClasses.BYTES[c])
                        .append(",\"live\":").append(h.classLive[c]).append(",\"capacity\":").append(h.classCapacity[c])
                        .append(",\"slabs\":").append(h.classSlabs[c]).append('}');
                    firstClass = false;
                }
            }
            b.append("]}");
        }
        b.append("],\"lwjgl\":{\"installed\":").append(lwjglInstalled).append(",\"attached\":").append(lwjglAttached)
            .append(",\"bytes\":").append(lwjglBytes()).append(",\"untrackedBlocks\":").append(lwjglUntrackedBlocks)
            .append(",\"untrackedBytes\":").append(lwjglUntrackedBytes).append(",\"strangerFrees\":").append(lwjglStrangerFrees)
            .append('}');
        b.append(",\"streaming\":[");
        for (int i = 0; i < streamingCount; i++) {
            StreamingStats t = streaming[i];
            b.append(i > 0 ? "," : "").append("{\"name\":").append(q(t.name)).append(",\"capacityBytes\":").append(t.capacityBytes)
                .append(",\"usedBytes\":").append(t.usedBytes).append(",\"pinned\":").append(t.pinned)
                .append(",\"evictions\":").append(t.evictions).append(",\"evictedBytes\":").append(t.evictedBytes)
                .append(",\"refusals\":").append(t.refusals).append(",\"entries\":[");
            for (int k = 0; k < t.entryCount; k++) {
                b.append(k > 0 ? "," : "").append("{\"name\":").append(q(t.entryNames[k])).append(",\"bytes\":").append(t.entryBytes[k])
                    .append(",\"priority\":").append(t.entryPriority[k]).append(",\"pinned\":").append(t.entryPinned[k])
                    .append(",\"age\":").append(t.clock - t.entryLastUse[k]).append('}');
            }
            b.append("]}");
        }
        b.append(']');
        b.append(",\"groupsClosed\":").append(groupsClosed);
        b.append(",\"tags\":[");
        for (int i = 0; i < tagCount; i++) {
            TagStats t = tags[i];
            b.append(i > 0 ? "," : "").append("{\"name\":").append(q(t.name)).append(",\"liveBytes\":").append(t.liveBytes)
                .append(",\"peakBytes\":").append(t.peakBytes).append(",\"allocs\":").append(t.allocs)
                .append(",\"frees\":").append(t.frees)
                .append(",\"softBytes\":").append(t.softBytes == Long.MAX_VALUE ? "null" : Long.toString(t.softBytes))
                .append(",\"hardBytes\":").append(t.hardBytes == Long.MAX_VALUE ? "null" : Long.toString(t.hardBytes)).append('}');
        }
        b.append("],\"diagnostics\":{");
        boolean first = true;
        for (DiagnosticCode c : DiagnosticCode.values()) {
            if (diagnosticCounts[c.ordinal()] > 0) {
                b.append(first ? "" : ",").append(q(c.name())).append(':').append(diagnosticCounts[c.ordinal()]);
                first = false;
            }
        }
        b.append("},\"recentDiagnostics\":[");
        for (int i = 0; i < recentCount; i++) {
            b.append(i > 0 ? "," : "").append(q(recent[i]));
        }
        return b.append("]}").toString();
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * Reads a snapshot back from the JSON {@link #toJson()} wrote (a saved file), for comparing it with a live one
     * ({@link SnapshotDiff}). Unknown fields are ignored; a newer schema, malformed JSON, missing names, negative or
     * fractional sizes are refused. Allocates; not for every frame.
     *
     * @param json the file's text
     * @return the snapshot ({@link #takenAtNanos()} is 0: the file does not record it)
     * @throws IllegalArgumentException with one line saying where the text is wrong (line and column, or the field
     *     path such as {@code pools[2].live}) and what was expected
     */
    public static MemorySnapshot fromJson(String json) {
        return SnapshotJson.read(json);
    }

    static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || (Character.isSurrogate(c) && !pairedSurrogate(s, i))) {
                        b.append(String.format("\\u%04x", (int) c)); // a lone surrogate is not valid UTF-8 text
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
