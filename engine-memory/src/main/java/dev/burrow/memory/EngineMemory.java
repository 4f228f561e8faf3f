package dev.burrow.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Creating allocators and taking snapshots synchronise on small registries; the allocators' own hot paths
 * never do.</p>
 */
public final class EngineMemory implements AutoCloseable {
    private final MemoryConfig config;
    private final Diagnostics diagnostics;
    private final NativeHeap heap;
    private final MemoryEvents events = MemoryEvents.INSTANCE;
    private final ThreadLocal<FrameArena> frames = new ThreadLocal<>();

    private final List<FrameArena> arenas = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();
    private final List<LevelGroup> groups = new ArrayList<>();
    private final List<TagAccount> tagList = new ArrayList<>();
    private final Map<String, TagAccount> tagByName = new HashMap<>();
    private volatile boolean closed;
    private volatile DebugLevel debugLevel;
    private volatile long groupsClosed;
    private volatile String lastClosedGroup;
    private volatile long lastClosedGroupBytes;
    private volatile long lastClosedGroupAtNanos;

    private EngineMemory(MemoryConfig config) {
        this.config = config;
        this.diagnostics = new Diagnostics(config.strict());
        this.diagnostics.listener((code, message) -> {
            if (code == DiagnosticCode.EM501 || code == DiagnosticCode.EM502) {
                events.budget(message, code == DiagnosticCode.EM502, message);
            }
        });
        this.heap = new NativeHeap(config.systemAllocator(), config.failAfter(), diagnostics);
        this.debugLevel = config.debug();
    }

    /** @return the debug level that allocators created now get */
    public DebugLevel debugLevel() {
        return debugLevel;
    }

    /**
     * Changes the debug level at run time. Pools and groups keep the level they were created with (their layout
     * depends on it); those created from now on get the new one; frame arenas switch at their next {@code begin()}.
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

    /**
     * @return the calling thread's frame arena, created on first use. Cache it in the thread's loop:
     *         this is a thread-local lookup.
     */
    public FrameArena frame() {
        FrameArena f = frames.get();
        if (f == null || f.isReleased()) {
            ensureOpen();
            f = new FrameArena(this, heap, diagnostics, config, Thread.currentThread());
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
        ensureOpen();
        ConcurrentPool p = new ConcurrentPool(this, name, slotBytes, tag(name));
        register(p);
        return p;
    }

    Pool newPool(String name, int slotBytes, LevelGroup group) {
        ensureOpen();
        Pool p = new Pool(this, name, slotBytes, group, false, tag(name));
        register(p);
        return p;
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
        ensureOpen();
        LevelGroup g = new LevelGroup(this, name, tag(name));
        synchronized (groups) {
            groups.add(g);
        }
        return g;
    }

    /**
     * Sets a tag's budget. Crossing {@code softBytes} records a warning ({@code EM501}); an allocation that would
     * cross {@code hardBytes} fails with {@link MemoryBudgetExceededException} in every mode. Budgets of
     * {@code a} apply to {@code a::b} too.
     *
     * @param tag the tag
     * @param softBytes warning threshold
     * @param hardBytes refusal threshold, at least {@code softBytes}
     */
    public void budget(String tag, long softBytes, long hardBytes) {
        if (softBytes < 0 || hardBytes < softBytes) {
            throw new IllegalArgumentException("budget for \"" + tag + "\": need 0 <= soft <= hard, got " + softBytes + ", " + hardBytes);
        }
        TagAccount a = tag(tag);
        a.soft = softBytes;
        a.hard = hardBytes;
    }

    private TagAccount tag(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("allocator name must not be empty");
        }
        TagAccount account;
        synchronized (tagByName) {
            account = tagByName.get(name);
            if (account == null) {
                int cut = name.lastIndexOf("::");
                TagAccount parent = cut > 0 ? tag(name.substring(0, cut)) : null;
                account = new TagAccount(name, parent, diagnostics);
                tagByName.put(name, account);
                int at = 0;
                while (at < tagList.size() && tagList.get(at).name.compareTo(name) < 0) {
                    at++;
                }
                tagList.add(at, account);
            }
        }
        account.attach(Thread.currentThread());
        return account;
    }

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
        into.groupsClosed = groupsClosed;
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
            }
        }
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
            }
        }
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
            }
        }
        synchronized (tagByName) {
            if (into.tags.length < tagList.size()) {
                into.tags = grow(into.tags, tagList.size(), MemorySnapshot.TagStats::new, MemorySnapshot.TagStats[]::new);
            }
            into.tagCount = tagList.size();
            for (int i = 0; i < tagList.size(); i++) {
                TagAccount a = tagList.get(i);
                MemorySnapshot.TagStats s = into.tags[i];
                s.name = a.name;
                s.liveBytes = a.live();
                s.peakBytes = a.peak();
                s.allocs = a.allocs();
                s.frees = a.frees();
                s.softBytes = a.soft;
                s.hardBytes = a.hard;
            }
        }
        diagnostics.copyCounts(into.diagnosticCounts);
        into.recentCount = diagnostics.copyRecent(into.recent);
        return into;
    }

    private static <T> T[] grow(T[] old, int n, java.util.function.Supplier<T> make, java.util.function.IntFunction<T[]> array) {
        T[] a = array.apply(Math.max(n, old.length * 2));
        System.arraycopy(old, 0, a, 0, old.length);
        for (int i = old.length; i < a.length; i++) {
            a[i] = make.get();
        }
        return a;
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
        synchronized (pools) {
            pools.remove(p);
        }
    }

    void forget(LevelGroup g) {
        synchronized (groups) {
            groups.remove(g);
        }
        lastClosedGroup = g.name();
        lastClosedGroupBytes = g.bytes();
        lastClosedGroupAtNanos = System.nanoTime();
        groupsClosed++;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("EngineMemory is closed");
        }
    }

    /** @return whether {@link #close()} ran */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Frees every frame arena, pool and group still open. Groups with bytes and pools with live slots are reported
     * as leaks ({@code EM603}) with their sites. Call it from the thread that owns the pools and groups (or once
     * their threads are done). Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<LevelGroup> openGroups;
        synchronized (groups) {
            openGroups = new ArrayList<>(groups);
        }
        // Everything is freed even when strict mode turns a finding into an exception; the first one is thrown last.
        MemoryDiagnosticException first = null;
        for (LevelGroup g : openGroups) {
            if (g.bytes() > 0 && !g.isKept()) {
                events.leak(g.name(), g.createdAt() == null ? "?" : g.createdAt(), g.allocs(), g.bytes());
                diagnostics.report(DiagnosticCode.EM603, "level group \"" + g.name() + "\" still open at engine close with "
                    + g.bytes() + " bytes in " + g.allocs() + " allocation(s)", g.createdAt(), "group" + g.name());
            }
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
        List<FrameArena> open;
        synchronized (arenas) {
            open = new ArrayList<>(arenas);
            arenas.clear();
        }
        for (FrameArena f : open) {
            f.freeAtClose();
        }
        frames.remove();
        if (first != null) {
            throw first;
        }
    }
}
