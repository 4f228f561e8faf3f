package dev.burrow.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The entry point of engine-memory: one native heap and the allocators over it, by intent.
 *
 * <pre>{@code
 * try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
 *     FrameArena frame = mem.frame();              // lives one frame
 *     Pool bullets = mem.pool("bullets", 32);      // many same-sized things
 *     LevelGroup level = mem.group("level-1");     // lives as long as the level
 *     ...
 * }                                                // close() reports what was left open
 * }</pre>
 *
 * <p>{@link #create} reads the environment and the system properties once: {@code BURROW_SYSTEM_ALLOCATOR=1}
 * or {@code -Dburrow.systemAllocator=true} (kill switch), {@code BURROW_DEBUG} or {@code -Dburrow.debug}
 * ({@code off|simple|paranoid}), {@code BURROW_STRICT=1} or {@code -Dburrow.strict=true},
 * {@code BURROW_FAIL_AFTER=N} or {@code -Dburrow.failAfter=N}. {@link #createExactly} reads neither.</p>
 *
 * <p>The debug level picks each allocator's implementation when it is created ({@link Pool}, {@link FrameArena},
 * {@link LevelGroup} explain what each level checks); {@link #debugLevel(DebugLevel)} changes it for allocators
 * created afterwards. Creating allocators, setting budgets and taking snapshots synchronise on small registries; the
 * allocators' own hot paths never do.</p>
 */
public final class EngineMemory implements AutoCloseable {
    private final MemoryConfig config;
    private final Diagnostics diagnostics;
    private final NativeHeap heap;
    private final SlabSource heapSlabs;
    private final MemoryEvents events = MemoryEvents.INSTANCE;
    private final ThreadLocal<FrameArena> frames = new ThreadLocal<>();

    private final List<FrameArena> arenas = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();
    private final List<LevelGroup> groups = new ArrayList<>();
    private final List<SizeClassHeap> heaps = new ArrayList<>();
    private final List<StreamingBudget> streamingBudgets = new ArrayList<>();
    private volatile BurrowLwjglAllocator lwjgl;
    private final Object tagLock = new Object();
    private final List<TagAccount> tagList = new ArrayList<>();
    private final Map<String, TagAccount> tagByName = new HashMap<>();
    private final AtomicInteger allocatorSerial = new AtomicInteger();
    private volatile boolean closed;
    private volatile DebugLevel debugLevel;
    private volatile BehaviourMonitor behaviour;
    private final AtomicLong groupsClosed = new AtomicLong();
    private volatile String lastClosedGroup;
    private volatile long lastClosedGroupBytes;
    private volatile long lastClosedGroupAtNanos;

    private EngineMemory(MemoryConfig config) {
        this.config = config;
        this.diagnostics = new Diagnostics(config.strict());
        this.diagnostics.strictWarnings(config.strictWarnings());
        this.heap = new NativeHeap(config.systemAllocator(), config.failAfter(), diagnostics);
        this.heapSlabs = new SlabSource() {
            @Override
            public long allocSlab(long bytes, String pool) {
                return heap.malloc(bytes, bytes, pool);
            }

            @Override
            public void freeSlab(long base, long bytes) {
                heap.free(base, bytes, bytes);
            }
        };
        this.debugLevel = config.debug();
        BurrowLwjglAllocator.engineCreated(this);
    }

    /**
     * Creates an engine with {@code config}, overridden by the {@code BURROW_*} environment variables and then by
     * the {@code -Dburrow.*} system properties (see {@link MemoryConfig#withSystemProperties}).
     *
     * <p>Precedence, lowest to highest: {@code config} (the game's code), then {@code BURROW_*} from the
     * environment, then {@code -Dburrow.*}. The property wins over the variable because it is the narrower
     * choice: it is written on one JVM's command line for that run, while an exported variable is inherited by
     * every process of the shell, child JVMs included. Both exist so that a build or a person can switch the kill
     * switch, the debug level, strict mode or fault injection without touching the game's code.</p>
     *
     * @param config the settings
     * @return the engine; close it when the game ends
     * @throws IllegalArgumentException naming the variable or property when a value is malformed
     */
    public static EngineMemory create(MemoryConfig config) {
        return new EngineMemory(config.withEnvironment(System.getenv()).withSystemProperties(System.getProperties()));
    }

    /**
     * Creates an engine with exactly {@code config}, ignoring the environment and the system properties: for
     * tests, benchmarks and tools whose results must not change with the shell they run in (a benchmark of
     * {@code DebugLevel.OFF} stays OFF even under {@code BURROW_DEBUG=paranoid}).
     *
     * @param config the settings
     * @return the engine
     */
    public static EngineMemory createExactly(MemoryConfig config) {
        return new EngineMemory(config);
    }

    /** @return the debug level that allocators created now get */
    public DebugLevel debugLevel() {
        return debugLevel;
    }

    /**
     * Changes the debug level for allocators created from now on. Existing pools, groups and frame arenas keep the
     * implementation they were created with; a thread takes the new level for its frame arena after
     * {@link FrameArena#release()} and the next {@link #frame()}.
     *
     * @param level the new level
     */
    public void debugLevel(DebugLevel level) {
        if (level == null) {
            throw new NullPointerException("level");
        }
        debugLevel = level;
    }

    /**
     * Sends every diagnostic to {@code listener} instead of the log ({@code System.Logger "dev.burrow.memory"}).
     * Counting, the recent list and strict-mode exceptions are unchanged. {@code null} restores the log.
     *
     * @param listener the receiver, called on the thread that made the mistake
     */
    public void diagnosticListener(DiagnosticListener listener) {
        diagnostics.listener(listener, true);
    }

    /**
     * Makes warning diagnostics throw too, as errors do in strict mode: a CI run then fails on a soft budget, a frame
     * over its budget or a behaviour finding ({@code BURROW_STRICT=warning}).
     *
     * @param on whether warnings throw
     */
    public void strictWarnings(boolean on) {
        diagnostics.strictWarnings(on);
    }

    /**
     * Starts the behaviour report on the calling thread's frame arena: at each of its frame ends, allocators are
     * judged against their intent ({@code EM801}..{@code EM805}, see {@link BehaviourConfig}). Off until called;
     * when off it costs one field test per frame end.
     *
     * @param config the thresholds
     */
    public void watchBehaviour(BehaviourConfig config) {
        ensureOpen("watchBehaviour", null);
        behaviour = new BehaviourMonitor(this, diagnostics, config, frame());
    }

    /** @return the behaviour findings so far, latest numbers per finding (empty when not watching) */
    public List<BehaviourFinding> behaviourReport() {
        BehaviourMonitor m = behaviour;
        return m == null ? List.of() : m.findings();
    }

    /** Frame-end hook of every arena: the behaviour report watches one of them. */
    void frameEnded(FrameArena f) {
        BehaviourMonitor m = behaviour;
        if (m != null) {
            m.frameEnded(f);
        }
    }

    /** Copies the open pools into {@code into} (grown when too small; null-terminated). @return the array */
    Pool[] pools(Pool[] into) {
        synchronized (pools) {
            if (into.length <= pools.size()) {
                into = new Pool[pools.size() * 2 + 1];
            }
            for (int i = 0; i < pools.size(); i++) {
                into[i] = pools.get(i);
            }
            into[pools.size()] = null;
            return into;
        }
    }

    /** @return how many pools {@link #pools} copied (up to the first null) */
    int poolCount(Pool[] copied) {
        int n = 0;
        while (n < copied.length && copied[n] != null) {
            n++;
        }
        return n;
    }

    // ---------------------------------------------------------------- allocators

    /**
     * @return the calling thread's frame arena, created on first use (or after {@link FrameArena#release()}).
     *         Cache it in the thread's loop: this is a thread-local lookup.
     */
    public FrameArena frame() {
        FrameArena f = frames.get();
        if (f == null || f.isReleased()) {
            ensureOpen("frame", null);
            int id = allocatorSerial.incrementAndGet();
            f = debugLevel == DebugLevel.OFF
                ? new LeanFrameArena(this, config, Thread.currentThread(), id)
                : new CheckedFrameArena(this, config, Thread.currentThread(), id);
            frames.set(f);
            synchronized (arenas) {
                arenas.add(f);
            }
        }
        return f;
    }

    /**
     * Creates a pool confined to the calling thread.
     *
     * @param name its name and tag ({@code a::b} nests under {@code a})
     * @param slotBytes slot size, 1 B to 1 MiB
     * @return the pool
     */
    public Pool pool(String name, int slotBytes) {
        return newPool(name, slotBytes, null);
    }

    /**
     * Creates a pool owned by the calling thread whose slots any thread may free or release.
     *
     * @param name its name and tag
     * @param slotBytes slot size, 1 B to 1 MiB
     * @return the pool
     */
    public ConcurrentPool concurrentPool(String name, int slotBytes) {
        return concurrentPool(name, slotBytes, ConcurrentPool.RING_CELLS);
    }

    /** A concurrent pool with a ring of {@code ringCells} (a power of two): small rings let tests fill them. */
    ConcurrentPool concurrentPool(String name, int slotBytes, int ringCells) {
        ensureOpen("concurrentPool", name);
        ConcurrentPool p = new ConcurrentPool(slotPool(name, slotBytes, null), ringCells);
        register(p);
        return p;
    }

    Pool newPool(String name, int slotBytes, LevelGroup group) {
        ensureOpen("pool", name);
        Pool p = slotPool(name, slotBytes, group);
        register(p);
        return p;
    }

    /** Picks the implementation once: kill switch, OFF or checked; slabs from the heap or a group. */
    private SlotPool slotPool(String name, int slotBytes, LevelGroup group) {
        TagAccount tag = tag(name);
        int salt = (int) ((allocatorSerial.incrementAndGet() * 1013L) % HandleLayout.GENERATION_LIMIT);
        SlabSource source = group != null ? group.slabSource : heapSlabs;
        if (group == null && heap.isSystem()) {
            return new MallocPool(this, name, slotBytes, tag, salt);
        }
        if (debugLevel == DebugLevel.OFF) {
            return new LeanPool(this, name, slotBytes, group, tag, salt, source, config.poolSlabBytes());
        }
        return new CheckedSlabPool(this, name, slotBytes, group, tag, salt, source, config.poolSlabBytes());
    }

    private void register(Pool p) {
        synchronized (pools) {
            pools.add(p);
        }
    }

    /**
     * Creates a level group owned by the calling thread.
     *
     * @param name its name and tag
     * @return the group
     */
    public LevelGroup group(String name) {
        ensureOpen("group", name);
        TagAccount tag = tag(name);
        int id = allocatorSerial.incrementAndGet();
        LevelGroup g = debugLevel == DebugLevel.OFF
            ? new LeanLevelGroup(this, name, tag, id)
            : new CheckedLevelGroup(this, name, tag, id);
        synchronized (groups) {
            groups.add(g);
        }
        return g;
    }

    // ---------------------------------------------------------------- size-class heaps

    /**
     * The calling thread's heap of {@code name}: blocks of any size, freed one by one from any thread (see
     * {@link SizeClassHeap}). The first call on a thread creates it (or adopts the heap of that name of a thread
     * that died); later calls return the same heap. Cache it in the thread's loop: this is a lookup under a lock.
     *
     * @param name its name and tag ({@code a::b} nests under {@code a})
     * @return the heap, owned by the calling thread
     */
    public SizeClassHeap heap(String name) {
        return heapFor(name, false);
    }

    /** The calling thread's heap behind the LWJGL allocator for {@code tag}. */
    SizeClassHeap lwjglHeap(String tag) {
        return heapFor(tag, true);
    }

    private SizeClassHeap heapFor(String name, boolean forLwjgl) {
        refuseWhenClosed("heap", name, forLwjgl);
        Thread me = Thread.currentThread();
        SizeClassHeap orphan = null;
        synchronized (heaps) {
            for (SizeClassHeap h : heaps) {
                if (h.lwjgl == forLwjgl && h.name.equals(name) && !h.isClosed() && !h.isRetired()) {
                    if (h.owner == me) {
                        return h;
                    }
                    if (orphan == null && !h.owner.isAlive()) {
                        orphan = h;
                    }
                }
            }
        }
        if (orphan != null && orphan.adoptIfOrphaned()) {
            return orphan;
        }
        SizeClassHeap h = new SizeClassHeap(this, name, tag(name), forLwjgl);
        synchronized (heaps) {
            // Again, under the lock close() takes: a heap added after its look would never be closed.
            refuseWhenClosed("heap", name, forLwjgl);
            heaps.add(h);
        }
        return h;
    }

    // ---------------------------------------------------------------- streaming budgets

    /**
     * Creates a streaming budget: large reloadable things kept while they fit, the least recently used of the lowest
     * priority evicted when a new one does not (see {@link StreamingBudget}).
     *
     * @param name its name, for the snapshot and messages
     * @param capacityBytes bytes it may hold
     * @return the budget (thread-safe)
     */
    public StreamingBudget streaming(String name, long capacityBytes) {
        ensureOpen("streaming", name);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("streaming budget name must not be empty");
        }
        StreamingBudget b = new StreamingBudget(this, name, capacityBytes);
        synchronized (streamingBudgets) {
            streamingBudgets.add(b);
        }
        return b;
    }

    /** The LWJGL allocator attached to this engine (BurrowLwjglAllocator.attach). */
    void lwjglAttached(BurrowLwjglAllocator allocator) {
        lwjgl = allocator;
    }

    /** @return the LWJGL allocator charging this engine, or null when LWJGL's memory is not tracked here */
    public BurrowLwjglAllocator lwjglAllocator() {
        return lwjgl;
    }

    /**
     * Creates a barrier where {@code workers} threads, each with its own frame arena, end their frames for the
     * coordinating thread.
     *
     * @param workers threads that arrive each frame
     * @return the barrier
     */
    public FrameBarrier frameBarrier(int workers) {
        ensureOpen("frameBarrier", null);
        return new FrameBarrier(diagnostics, workers);
    }

    /**
     * Starts {@code workers - 1} threads that split per-frame work with the calling thread, each in its own frame.
     *
     * @param name thread name prefix
     * @param workers threads sharing the work, the caller included (1 runs everything on the caller)
     * @return the team; close it when done
     */
    public FrameWorkers frameWorkers(String name, int workers) {
        ensureOpen("frameWorkers", name);
        return new FrameWorkers(this, diagnostics, name, workers);
    }

    // ---------------------------------------------------------------- tags and budgets

    /**
     * Sets a tag's budget. Crossing {@code softBytes} records a warning ({@code EM501}); an allocation that would
     * cross {@code hardBytes} fails with {@link MemoryBudgetExceededException} in every mode, exactly, whatever the
     * threads, for allocations made after the allocating thread has seen the budget. Budgets of {@code a} apply to
     * {@code a::b} too.
     *
     * <p>Set budgets before allocating under the tag (at load, before worker threads start), for an exact start. A
     * budget set later starts from the bytes its allocators hold at that moment, read while they may still be
     * working; and it reaches another thread's allocators without a fence (their fast paths read a plain flag, which
     * is what keeps them at a few nanoseconds): it holds there from that thread's next synchronization with this call
     * (a lock, a volatile, a thread start, a frame barrier). Until then that thread's allocations are not charged,
     * and their frees later give back bytes that never were: the budget then counts that much less than is live (it
     * never goes below zero).</p>
     *
     * @param tag the tag
     * @param softBytes warning threshold
     * @param hardBytes refusal threshold, at least {@code softBytes}
     * @throws EngineClosedException after {@link #close()} ({@code EM604}): a budget there would hold nothing
     */
    public void budget(String tag, long softBytes, long hardBytes) {
        ensureOpen("budget", tag);
        if (softBytes < 0 || hardBytes < softBytes) {
            throw new IllegalArgumentException("budget for \"" + tag + "\": need 0 <= soft <= hard, got " + softBytes + ", " + hardBytes);
        }
        TagAccount a = tag(tag);
        synchronized (tagLock) {
            a.soft = softBytes;
            a.hard = hardBytes;
            a.startBudget(liveUnder(a));
            for (TagAccount t : tagList) {
                if (isUnder(t, a)) {
                    t.budgeted = true;
                }
            }
        }
    }

    private static boolean isUnder(TagAccount t, TagAccount root) {
        for (TagAccount x = t; x != null; x = x.parent) {
            if (x == root) {
                return true;
            }
        }
        return false;
    }

    /** @return bytes the open allocators under {@code root} hold now */
    private long liveUnder(TagAccount root) {
        long sum = 0;
        synchronized (pools) {
            for (Pool p : pools) {
                if (isUnder(p.tag(), root)) {
                    sum += p.tagBytes();
                }
            }
        }
        synchronized (groups) {
            for (LevelGroup g : groups) {
                if (isUnder(g.tag(), root)) {
                    sum += g.bytes();
                }
            }
        }
        synchronized (heaps) {
            for (SizeClassHeap h : heaps) {
                if (isUnder(h.tag(), root)) {
                    sum += h.liveBytes();
                }
            }
        }
        return sum;
    }

    /** @return the account of {@code name}, creating it and its parents (iteratively: names can be long) */
    private TagAccount tag(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("allocator name must not be empty");
        }
        synchronized (tagLock) {
            TagAccount account = tagByName.get(name);
            if (account != null) {
                return account;
            }
            List<String> chain = new ArrayList<>(4);
            for (String n = name; n != null; ) {
                if (chain.size() == TagAccount.MAX_DEPTH) {
                    throw new IllegalArgumentException("tag \"" + abbreviate(name) + "\" nests more than "
                        + TagAccount.MAX_DEPTH + " levels of \"::\"");
                }
                chain.add(n);
                if (tagByName.containsKey(n)) {
                    break;
                }
                int cut = n.lastIndexOf("::");
                n = cut > 0 ? n.substring(0, cut) : null;
            }
            TagAccount parent = tagByName.get(chain.get(chain.size() - 1));
            int from = parent != null ? chain.size() - 2 : chain.size() - 1;
            if (parent != null && parent.depth + from + 1 > TagAccount.MAX_DEPTH) {
                throw new IllegalArgumentException("tag \"" + abbreviate(name) + "\" nests more than "
                    + TagAccount.MAX_DEPTH + " levels of \"::\"");
            }
            for (int i = from; i >= 0; i--) {
                String n = chain.get(i);
                parent = new TagAccount(n, parent, diagnostics, events);
                tagByName.put(n, parent);
                int at = 0;
                while (at < tagList.size() && tagList.get(at).name.compareTo(n) < 0) {
                    at++;
                }
                tagList.add(at, parent);
            }
            for (int i = 0; i < tagList.size(); i++) {
                tagList.get(i).index = i;
            }
            return parent;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    // ---------------------------------------------------------------- snapshots

    /** @return a new snapshot of every allocator's figures */
    public MemorySnapshot snapshot() {
        return snapshot(new MemorySnapshot());
    }

    /**
     * Refills {@code into} with the current figures. Allocates nothing once {@code into} has room for as many
     * arenas, pools, groups and tags as there are.
     *
     * @param into a snapshot from an earlier call
     * @return {@code into}
     */
    public MemorySnapshot snapshot(MemorySnapshot into) {
        into.allocator = heap.name();
        into.takenAtNanos = System.nanoTime();
        into.nativeBytes = heap.liveBytes();
        into.nativePeakBytes = heap.peakBytes();
        into.nativeBlocks = heap.liveBlocks();
        into.nativeMallocs = heap.mallocCalls();
        into.nativeFrees = heap.freeCalls();
        into.debug = debugLevel;
        into.strict = config.strict();
        into.groupsClosed = groupsClosed.get();
        into.lastClosedGroup = lastClosedGroup;
        into.lastClosedGroupBytes = lastClosedGroupBytes;
        into.lastClosedGroupAtNanos = lastClosedGroupAtNanos;
        synchronized (arenas) {
            if (into.frames.length < arenas.size()) {
                into.frames = grow(into.frames, arenas.size(), MemorySnapshot.FrameStats::new, MemorySnapshot.FrameStats[]::new);
            }
            into.frameCount = arenas.size();
            for (int i = 0; i < arenas.size(); i++) {
                FrameArena f = arenas.get(i);
                MemorySnapshot.FrameStats s = into.frames[i];
                s.thread = f.threadName();
                s.capacityBytes = f.capacity();
                s.usedBytes = f.used();
                s.highWaterBytes = f.highWater();
                s.overflows = f.overflows();
                s.frames = f.frameNumber();
                s.heapBytesLastFrame = f.lastFrameHeapBytes();
                s.allocsLastFrame = f.lastFrameAllocs();
                s.inFrame = f.inFrame();
                s.budgetBytes = f.budgetBytes();
                s.overBudgetFrames = f.overBudgetFrames();
                s.promotedLastFrame = f.lastFramePromoted();
                s.promotedBytesLastFrame = f.lastFramePromotedBytes();
                s.promotionsFailedLastFrame = f.lastFramePromotionsFailed();
                snapshotPhases(f.phases(), s);
            }
        }
        synchronized (tagLock) {
            if (into.tags.length < tagList.size()) {
                into.tags = grow(into.tags, tagList.size(), MemorySnapshot.TagStats::new, MemorySnapshot.TagStats[]::new);
            }
            into.tagCount = tagList.size();
            for (int i = 0; i < tagList.size(); i++) {
                TagAccount a = tagList.get(i);
                MemorySnapshot.TagStats s = into.tags[i];
                s.name = a.name;
                s.liveBytes = 0;
                s.allocs = 0;
                s.frees = 0;
                s.peakBytes = 0;
                s.softBytes = a.soft;
                s.hardBytes = a.hard;
            }
            for (int i = 0; i < tagList.size(); i++) { // indexed: no iterator on the overlay's per-frame path
                TagAccount a = tagList.get(i);
                for (TagAccount up = a; up != null; up = up.parent) {
                    MemorySnapshot.TagStats s = into.tags[up.index];
                    s.allocs += a.closedAllocs;
                    s.frees += a.closedFrees;
                }
            }
            snapshotPools(into);
            snapshotGroups(into);
            snapshotHeaps(into);
            for (int i = 0; i < tagList.size(); i++) {
                TagAccount a = tagList.get(i);
                MemorySnapshot.TagStats s = into.tags[a.index];
                long peak = Math.max(Math.max(a.peakSeen, s.peakBytes), Math.max(s.liveBytes, a.budgetPeak()));
                a.peakSeen = peak;
                s.peakBytes = peak;
            }
        }
        diagnostics.copyCounts(into.diagnosticCounts);
        into.recentCount = diagnostics.copyRecent(into.recent);
        return into;
    }

    private static void snapshotPhases(FramePhases p, MemorySnapshot.FrameStats s) {
        int n = p.count();
        if (s.phases.length < n) {
            s.phases = grow(s.phases, n, MemorySnapshot.PhaseStats::new, MemorySnapshot.PhaseStats[]::new);
        }
        s.phaseCount = n;
        for (int id = 0; id < n; id++) {
            MemorySnapshot.PhaseStats ph = s.phases[id];
            ph.name = p.name(id);
            ph.lastBytes = p.stat(id, FramePhases.LAST_BYTES);
            ph.lastAllocs = p.stat(id, FramePhases.LAST_ALLOCS);
            ph.lastHighWaterBytes = p.stat(id, FramePhases.LAST_HIGH);
            ph.peakBytes = p.stat(id, FramePhases.PEAK_BYTES);
            ph.peakAllocs = p.stat(id, FramePhases.PEAK_ALLOCS);
            ph.peakHighWaterBytes = p.stat(id, FramePhases.PEAK_HIGH);
        }
    }

    private void snapshotPools(MemorySnapshot into) {
        synchronized (pools) {
            if (into.pools.length < pools.size()) {
                into.pools = grow(into.pools, pools.size(), MemorySnapshot.PoolStats::new, MemorySnapshot.PoolStats[]::new);
            }
            into.poolCount = pools.size();
            for (int i = 0; i < pools.size(); i++) {
                Pool p = pools.get(i);
                MemorySnapshot.PoolStats s = into.pools[i];
                s.name = p.name();
                s.slotBytes = p.slotBytes();
                s.live = p.live();
                s.peakLive = p.peakLive();
                s.capacity = p.capacity();
                s.slabs = p.slabs();
                s.retired = p.retired();
                s.reservedBytes = p.reservedBytes();
                s.allocs = p.allocs();
                s.frees = p.frees();
                s.inGroup = p.group() != null;
                s.concurrent = p.isConcurrent();
                s.compactions = p.compactions();
                s.slabsReturned = p.slabsReturned();
                s.slotsMoved = p.slotsMoved();
                s.pinned = p.pinned();
                s.kept = p.kept();
                addToTags(into, p.tag(), p.tagBytes(), (long) s.peakLive * s.slotBytes, s.allocs, s.frees);
            }
        }
    }

    private void snapshotGroups(MemorySnapshot into) {
        synchronized (groups) {
            if (into.groups.length < groups.size()) {
                into.groups = grow(into.groups, groups.size(), MemorySnapshot.GroupStats::new, MemorySnapshot.GroupStats[]::new);
            }
            into.groupCount = groups.size();
            for (int i = 0; i < groups.size(); i++) {
                LevelGroup g = groups.get(i);
                MemorySnapshot.GroupStats s = into.groups[i];
                s.name = g.name();
                s.bytes = g.bytes();
                s.reservedBytes = g.reservedBytes();
                s.chunks = g.chunks();
                s.allocs = g.allocs();
                s.pools = g.pools();
                addToTags(into, g.tag(), s.bytes, g.peakBytes(), s.allocs, 0);
            }
        }
    }

    private void snapshotHeaps(MemorySnapshot into) {
        synchronized (heaps) {
            if (into.heaps.length < heaps.size()) {
                into.heaps = grow(into.heaps, heaps.size(), MemorySnapshot.HeapStats::new, MemorySnapshot.HeapStats[]::new);
            }
            into.heapCount = heaps.size();
            for (int i = 0; i < heaps.size(); i++) {
                SizeClassHeap h = heaps.get(i);
                MemorySnapshot.HeapStats s = into.heaps[i];
                s.name = h.name();
                s.thread = h.threadName();
                s.lwjgl = h.isLwjgl();
                s.retired = h.isRetired();
                s.liveBlocks = h.liveBlocks();
                s.liveBytes = h.liveBytes();
                s.largeBlocks = h.largeBlocks();
                s.largeBytes = h.largeBytes();
                s.reservedBytes = h.reservedBytes();
                s.allocs = h.allocs();
                s.frees = h.frees();
                for (int c = 0; c < SizeClassHeap.classCount(); c++) {
                    s.classLive[c] = h.classLive(c);
                    s.classCapacity[c] = h.classCapacity(c);
                    s.classSlabs[c] = h.classSlabs(c);
                }
                addToTags(into, h.tag(), s.liveBytes, s.liveBytes, s.allocs, s.frees);
            }
        }
        synchronized (streamingBudgets) {
            if (into.streaming.length < streamingBudgets.size()) {
                into.streaming = grow(into.streaming, streamingBudgets.size(), MemorySnapshot.StreamingStats::new,
                    MemorySnapshot.StreamingStats[]::new);
            }
            into.streamingCount = streamingBudgets.size();
            for (int i = 0; i < streamingBudgets.size(); i++) {
                streamingBudgets.get(i).copyInto(into.streaming[i]);
            }
        }
        BurrowLwjglAllocator a = lwjgl;
        into.lwjglInstalled = BurrowLwjglAllocator.isInstalled();
        into.lwjglAttached = a != null && a.attachedEngine() == this;
        into.lwjglUntrackedBlocks = a == null ? 0 : a.untrackedBlocks();
        into.lwjglUntrackedBytes = a == null ? 0 : a.untrackedBytes();
        into.lwjglStrangerFrees = a == null ? 0 : a.strangerFrees();
    }

    private static void addToTags(MemorySnapshot into, TagAccount tag, long live, long peak, long allocs, long frees) {
        for (TagAccount up = tag; up != null; up = up.parent) {
            MemorySnapshot.TagStats s = into.tags[up.index];
            s.liveBytes += live;
            s.allocs += allocs;
            s.frees += frees;
            if (peak > s.peakBytes) {
                s.peakBytes = peak;
            }
        }
    }

    private static <T> T[] grow(T[] old, int n, java.util.function.Supplier<T> make, java.util.function.IntFunction<T[]> array) {
        T[] a = array.apply(Math.max(n, old.length * 2));
        System.arraycopy(old, 0, a, 0, old.length);
        for (int i = old.length; i < a.length; i++) {
            a[i] = make.get();
        }
        return a;
    }

    /** @return level groups closed so far */
    long groupsClosedCount() {
        return groupsClosed.get();
    }

    /**
     * Starts writing this engine's snapshot as JSON to {@code dir} every {@code everyMillis} on a thread of its own,
     * keeping the newest {@code keep} files (see {@link SnapshotEmitter}). Opt-in; nothing runs until called.
     *
     * @param dir the folder, created if needed
     * @param everyMillis the interval, at least 10 ms
     * @param keep how many files to keep, at least 1
     * @return the emitter; close it to stop
     * @throws java.io.UncheckedIOException naming the folder when it cannot be created or written
     */
    public SnapshotEmitter emitSnapshots(java.nio.file.Path dir, long everyMillis, int keep) {
        ensureOpen("emitSnapshots", null);
        return new SnapshotEmitter(this, dir, everyMillis, keep);
    }

    /** @return native bytes held right now (a cheap counter read) */
    public long nativeBytes() {
        return heap.liveBytes();
    }

    /** @return "jemalloc" or "system" */
    public String allocatorName() {
        return heap.name();
    }

    /**
     * @param code a diagnostic
     * @return how often it occurred
     */
    public long diagnosticCount(DiagnosticCode code) {
        return diagnostics.count(code);
    }

    /** @return the latest diagnostic messages, oldest first (up to 32) */
    public List<String> recentDiagnostics() {
        return diagnostics.recent();
    }

    /** @return the settings in force (after environment overrides) */
    public MemoryConfig config() {
        return config;
    }

    NativeHeap heap() { return heap; }

    Diagnostics diagnostics() { return diagnostics; }

    MemoryEvents events() { return events; }

    void forget(FrameArena f) {
        synchronized (arenas) {
            arenas.remove(f);
        }
        if (frames.get() == f) {
            frames.remove();
        }
    }

    void forget(Pool p) {
        boolean was;
        synchronized (pools) {
            was = pools.remove(p);
        }
        if (was) {
            fold(p.tag(), p.allocs(), p.allocs(), (long) p.peakLive() * p.slotBytes());
        }
    }

    void forget(LevelGroup g) {
        boolean was;
        synchronized (groups) {
            was = groups.remove(g);
        }
        if (was) {
            fold(g.tag(), g.allocs(), g.allocs(), g.peakBytes());
            lastClosedGroup = g.name();
            lastClosedGroupBytes = g.bytes();
            lastClosedGroupAtNanos = System.nanoTime();
            groupsClosed.incrementAndGet();
        }
    }

    void forget(SizeClassHeap h) {
        boolean was;
        synchronized (heaps) {
            was = heaps.remove(h);
        }
        if (was) {
            fold(h.tag(), h.allocs(), h.frees(), h.liveBytes());
        }
    }

    /** A closed allocator's totals stay with its tag: everything it allocated was freed. */
    private void fold(TagAccount tag, long allocs, long frees, long peak) {
        synchronized (tagLock) {
            tag.closedAllocs += allocs;
            tag.closedFrees += frees;
            if (peak > tag.peakSeen) {
                tag.peakSeen = peak;
            }
        }
    }

    /** Refuses a call on a closed engine: {@code EM604}, counted and thrown in every mode (there is nothing to return). */
    private void ensureOpen(String call, String name) {
        refuseWhenClosed(call, name, false);
    }

    /**
     * @param call the refused method, for the message
     * @param name the name it was given, or null
     * @param uncounted the LWJGL allocator's race with close() (it falls back on its own), not a call of the user's
     */
    private void refuseWhenClosed(String call, String name, boolean uncounted) {
        if (closed) {
            String msg = Diagnostics.format(DiagnosticCode.EM604,
                call + (name != null ? "(\"" + name + "\")" : "()") + ": EngineMemory is closed", null);
            if (!uncounted) {
                diagnostics.count(DiagnosticCode.EM604, msg);
            }
            throw new EngineClosedException(msg);
        }
    }

    /** @return whether {@link #close()} ran */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Frees every frame arena, pool and group still open. Groups with bytes and pools with live slots are reported
     * as leaks ({@code EM603}) with their sites; frees handed to concurrent pools by other threads are applied first.
     * Frame arenas refuse every operation afterwards ({@code EM006}). Call it once the game's threads are done with
     * their allocators (joined, or parked for good): their memory is freed here, so a thread still in the middle of
     * an operation on it when this runs writes into freed memory, at every debug level. No check on the hot path can
     * see that without a fence in every call. Closing twice does nothing. Afterwards every call that makes an
     * allocator ({@code frame()}, {@code pool}, {@code group}, {@code heap} ...) or sets a budget throws
     * {@link EngineClosedException} ({@code EM604}).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        BurrowLwjglAllocator attached = lwjgl;
        if (attached != null) {
            attached.detach(this); // LWJGL memory allocated from now on goes straight to jemalloc
        }
        synchronized (streamingBudgets) {
            for (StreamingBudget b : streamingBudgets) {
                b.closeAtEngineClose(); // the groups they keep are closed below, without a leak report
            }
        }
        List<LevelGroup> openGroups;
        synchronized (groups) {
            openGroups = new ArrayList<>(groups);
        }
        // Everything is freed even when strict mode turns a finding into an exception; the first one is thrown last.
        MemoryDiagnosticException first = null;
        for (LevelGroup g : openGroups) {
            try {
                g.closeAtEngineClose();
            } catch (MemoryDiagnosticException e) {
                first = first == null ? e : first;
            }
        }
        List<Pool> openPools;
        synchronized (pools) {
            openPools = new ArrayList<>(pools);
        }
        for (Pool p : openPools) {
            try {
                p.closeInternal(DiagnosticCode.EM603);
            } catch (MemoryDiagnosticException e) {
                first = first == null ? e : first;
            }
        }
        List<SizeClassHeap> openHeaps;
        synchronized (heaps) {
            openHeaps = new ArrayList<>(heaps);
        }
        for (SizeClassHeap h : openHeaps) {
            try {
                if (h.isLwjgl()) {
                    h.retireAtEngineClose(); // LWJGL may still use and free these blocks: reported, kept valid
                } else {
                    h.closeAtEngineClose();
                }
            } catch (MemoryDiagnosticException e) {
                first = first == null ? e : first;
            }
        }
        List<FrameArena> open;
        synchronized (arenas) {
            open = new ArrayList<>(arenas);
            arenas.clear();
        }
        for (FrameArena f : open) {
            f.releaseAtClose();
        }
        frames.remove();
        if (first != null) {
            throw first;
        }
    }
}
