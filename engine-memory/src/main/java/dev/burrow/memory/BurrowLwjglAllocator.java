package dev.burrow.memory;

import org.lwjgl.system.Configuration;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.jemalloc.JEmalloc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Burrow as LWJGL's allocator: every {@code memAlloc}, {@code memCalloc}, {@code memRealloc},
 * {@code memAlignedAlloc} and {@code memFree} of the process (the game's, LWJGL's own, and native libraries' through
 * {@code getMalloc()} and friends) goes through Burrow, is counted under a tag, budgeted, and reported when it leaks.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     BurrowLwjglAllocator.install();                  // first: before anything calls LWJGL
 *     try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {   // tracks LWJGL memory while open
 *         try (BurrowLwjglAllocator.TagScope t = BurrowLwjglAllocator.tag("textures")) {
 *             ByteBuffer pixels = MemoryUtil.memAlloc(w * h * 4);          // counted under "textures"
 *         }
 *     }                                                // leaks reported here with their sites (EM902)
 * }
 * }</pre>
 *
 * <h2>Ordering</h2>
 * <p>LWJGL picks its allocator once, on the first {@code memAlloc} (or {@code MemoryUtil.getAllocator()}): install
 * before that. {@link #install()} checks that LWJGL took it; called too late it says so in one line ({@code EM901})
 * and returns false, and nothing is tracked (LWJGL keeps jemalloc). Engines created after the install attach to it,
 * one at a time: the first engine created while none is attached gets LWJGL's memory until it closes.</p>
 *
 * <h2>What happens to each call</h2>
 * <ul>
 *   <li>With an engine attached, an allocation comes from the calling thread's {@link SizeClassHeap} for the current
 *       tag ({@link #tag(String)}, else {@value #DEFAULT_TAG}): a size class up to 4 KiB, a block of its own above.
 *       It counts in the snapshot, the tag's budgets (over a hard budget {@code memAlloc} gets NULL, and LWJGL throws
 *       {@code OutOfMemoryError}) and JFR.</li>
 *   <li>With no engine attached (before the first one, after the last one closed), an allocation goes straight to
 *       jemalloc and is recorded, so freeing it later, with or without an engine, works.</li>
 *   <li>A free finds its block from the address alone, from any thread: a heap block (handed to its owner thread if
 *       another thread allocated it), a large or pass-through block, a block freed before ({@code EM101}), an
 *       address inside Burrow's own memory or not a heap address at all ({@code EM102}: refused, never given to
 *       jemalloc), or a block Burrow never saw ({@code EM903}: refused too, and left allocated: from the address alone
 *       it cannot be told from a pointer into memory Burrow gave back long ago, which jemalloc would crash on).</li>
 *   <li>At engine close, LWJGL memory still allocated is reported ({@code EM902}, with sites: sampled at SIMPLE,
 *       every one at PARANOID) and stays valid: LWJGL and native code may still use and free it.</li>
 * </ul>
 */
public final class BurrowLwjglAllocator implements MemoryUtil.MemoryAllocator {
    /** The tag of LWJGL memory allocated outside any {@link #tag(String)} scope. */
    public static final String DEFAULT_TAG = "lwjgl";
    private static final System.Logger LOG = System.getLogger("dev.burrow.memory");
    private static final BurrowLwjglAllocator INSTANCE = new BurrowLwjglAllocator();
    private static final Object LOCK = new Object();
    private static volatile boolean installed;
    private static volatile String tooLate;
    /** The engine created last, so a late {@link #install()} attaches to an engine that is already open. */
    private static volatile EngineMemory lastCreated;

    private volatile EngineMemory engine;
    private final ThreadLocal<ThreadState> threads = ThreadLocal.withInitial(ThreadState::new);
    private final PassThrough passThrough = new PassThrough();
    private final AtomicLong unknownFrees = new AtomicLong();
    private volatile NativeCallbacks callbacks;

    BurrowLwjglAllocator() {
    }

    // ---------------------------------------------------------------- installation

    /**
     * Makes Burrow LWJGL's allocator for the whole process. Call it first in {@code main}, before any LWJGL call.
     * Calling it again does nothing.
     *
     * @return whether LWJGL uses it; false when LWJGL had already chosen its allocator (said once, {@code EM901})
     */
    public static boolean install() {
        synchronized (LOCK) {
            if (installed) {
                return true;
            }
            if (tooLate != null) {
                return false;
            }
            Object previous = Configuration.MEMORY_ALLOCATOR.get();
            Configuration.MEMORY_ALLOCATOR.set(INSTANCE);
            MemoryUtil.MemoryAllocator chosen = MemoryUtil.getAllocator(false); // LWJGL chooses here, if not before
            EngineMemory open = lastCreated;
            if (chosen == INSTANCE) {
                installed = true;
                NativeBlocks.INSTANCE.track(1);
                if (open != null && !open.isClosed()) {
                    INSTANCE.attach(open);
                }
                return true;
            }
            Configuration.MEMORY_ALLOCATOR.set(previous);
            String what = "BurrowLwjglAllocator.install() came after LWJGL chose its allocator ("
                + chosen.getClass().getSimpleName() + "): memAlloc and memFree are not tracked";
            tooLate = Diagnostics.format(DiagnosticCode.EM901, what, null);
            if (open != null && !open.isClosed()) {
                open.diagnostics().report(DiagnosticCode.EM901, what, null, "lwjgl-too-late");
            } else {
                LOG.log(System.Logger.Level.WARNING, tooLate);
            }
            return false;
        }
    }

    /** @return whether {@link #install()} made Burrow LWJGL's allocator */
    public static boolean isInstalled() {
        return installed;
    }

    /** @return the installed allocator (whether or not {@link #install()} succeeded) */
    public static BurrowLwjglAllocator get() {
        return INSTANCE;
    }

    /** An engine was created: it attaches to the installed allocator if that is free; a late install is counted. */
    static void engineCreated(EngineMemory e) {
        synchronized (LOCK) {
            lastCreated = e;
            String late = tooLate;
            if (late != null) {
                e.diagnostics().count(DiagnosticCode.EM901, late); // counted and sent to listeners; logged once already
            }
            if (installed && INSTANCE.engine == null) {
                INSTANCE.attach(e);
            }
        }
    }

    /** Attaches this allocator to {@code e} (the installed one does it itself; tests attach their own). */
    void attach(EngineMemory e) {
        engine = e;
        e.lwjglAttached(this);
        if (this != INSTANCE) {
            NativeBlocks.INSTANCE.track(1);
        }
    }

    /** The engine is closing: LWJGL memory allocated from now on goes straight to jemalloc (recorded). */
    void detach(EngineMemory e) {
        if (engine == e) {
            engine = null;
            if (this != INSTANCE) {
                NativeBlocks.INSTANCE.track(-1);
            }
        }
    }

    /** @return the engine this allocator charges now, or null */
    public EngineMemory attachedEngine() {
        return engine;
    }

    // ---------------------------------------------------------------- tags

    /**
     * Counts LWJGL memory the calling thread allocates under {@code tag} until the scope closes; scopes nest.
     * Allocates nothing after the thread's first scope.
     *
     * <pre>{@code try (BurrowLwjglAllocator.TagScope t = BurrowLwjglAllocator.tag("audio")) { ... } }</pre>
     *
     * @param tag the tag ({@code a::b} nests under {@code a})
     * @return the scope to close
     */
    public static TagScope tag(String tag) {
        return INSTANCE.scope(tag);
    }

    TagScope scope(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("LWJGL memory tag must not be empty");
        }
        ThreadState t = threads.get();
        t.push(tag);
        return t.scope;
    }

    /** @return the calling thread's current tag */
    public static String currentTag() {
        return INSTANCE.threadsTag();
    }

    String threadsTag() {
        return threads.get().tag;
    }

    /** A tag scope of one thread, reused: closing it restores the tag before it. */
    public static final class TagScope implements AutoCloseable {
        private final ThreadState thread;

        TagScope(ThreadState thread) {
            this.thread = thread;
        }

        /** Restores the previous tag (closing more often than opening keeps {@value #DEFAULT_TAG}). */
        @Override
        public void close() {
            thread.pop();
        }
    }

    /** One thread's tag stack and its heaps in the attached engine. */
    static final class ThreadState {
        final TagScope scope = new TagScope(this);
        String tag = DEFAULT_TAG;
        private String[] stack = new String[4];
        private int depth;
        EngineMemory engine;
        SizeClassHeap heap;
        private String[] names = new String[4];
        private SizeClassHeap[] heaps = new SizeClassHeap[4];
        private int known;

        void push(String t) {
            if (depth == stack.length) {
                stack = java.util.Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = tag;
            tag = t;
            heap = null;
        }

        void pop() {
            if (depth > 0) {
                tag = stack[--depth];
                stack[depth] = null;
                heap = null;
            }
        }

        SizeClassHeap knownHeap(String t) {
            for (int i = 0; i < known; i++) {
                if (names[i].equals(t) && !heaps[i].retired && !heaps[i].isClosed()) {
                    return heaps[i];
                }
            }
            return null;
        }

        void remember(String t, SizeClassHeap h) {
            for (int i = 0; i < known; i++) {
                if (names[i].equals(t)) {
                    heaps[i] = h;
                    return;
                }
            }
            if (known == names.length) {
                names = java.util.Arrays.copyOf(names, known * 2);
                heaps = java.util.Arrays.copyOf(heaps, known * 2);
            }
            names[known] = t;
            heaps[known++] = h;
        }

        void forgetHeaps() {
            for (int i = 0; i < known; i++) {
                if (heaps[i].retired) {
                    heaps[i].drain(); // this thread owns it: retired and empty, it gives its slabs back now
                }
            }
            java.util.Arrays.fill(heaps, 0, known, null);
            known = 0;
            heap = null;
        }
    }

    // ---------------------------------------------------------------- MemoryAllocator: allocation

    @Override
    public long malloc(long size) {
        ThreadState t = threads.get();
        SizeClassHeap h = t.heap;
        if (h != null && !h.retired && size >= 0 && size <= SizeClassHeap.MAX_SMALL) {
            try {
                long p = h.alloc(size);
                if (p != 0) {
                    return p;
                }
            } catch (MemoryDiagnosticException e) {
                return 0; // over a hard budget, out of memory, or a strict diagnostic: malloc returns NULL
            }
        }
        return allocate(t, size, NativeHeap.MALLOC_ALIGN);
    }

    @Override
    public long calloc(long num, long size) {
        if (num < 0 || size < 0 || Math.multiplyHigh(num, size) != 0 || num * size < 0) {
            return 0;
        }
        long bytes = num * size;
        long p = malloc(bytes);
        if (p != 0) {
            MemoryUtil.memSet(p, 0, bytes);
        }
        return p;
    }

    @Override
    public long aligned_alloc(long alignment, long size) {
        if (alignment <= 0 || Long.bitCount(alignment) != 1 || alignment > Alignment.MAX) {
            return 0;
        }
        return allocate(threads.get(), size, Math.max(alignment, NativeHeap.MALLOC_ALIGN));
    }

    /** Everything but the small-block fast path: binding the thread to the attached engine, large blocks, no engine. */
    private long allocate(ThreadState t, long size, long align) {
        if (size < 0 || size > SizeClassHeap.MAX_ALLOC) {
            return 0; // a size_t no machine has (a negative long): NULL, as malloc
        }
        SizeClassHeap h = heapOf(t);
        if (h == null) {
            return passThrough.alloc(size, align);
        }
        long p;
        try {
            p = align <= NativeHeap.MALLOC_ALIGN ? h.alloc(size) : h.alloc(size, (int) align);
        } catch (MemoryDiagnosticException e) {
            p = 0;
        }
        // The engine closed between finding the heap and allocating: jemalloc's now, as after the close.
        return p == 0 && h.retired ? allocate(t, size, align) : p;
    }

    /** @return the calling thread's heap for its current tag in the attached engine, or null when none is attached */
    private SizeClassHeap heapOf(ThreadState t) {
        EngineMemory e = engine;
        if (e == null || e.isClosed()) {
            t.forgetHeaps();
            t.engine = null;
            return null;
        }
        if (t.engine != e) {
            t.forgetHeaps();
            t.engine = e;
        }
        SizeClassHeap h = t.knownHeap(t.tag);
        if (h == null) {
            try {
                h = e.lwjglHeap(t.tag);
            } catch (IllegalArgumentException bad) {
                h = e.lwjglHeap(DEFAULT_TAG); // a tag the engine refuses (too deep): counted as LWJGL's own
            } catch (IllegalStateException closed) {
                return null; // the engine closed meanwhile
            }
            t.remember(t.tag, h);
        }
        t.heap = h;
        return h;
    }

    // ---------------------------------------------------------------- MemoryAllocator: free and realloc

    @Override
    public void free(long ptr) {
        if (ptr == 0) {
            return;
        }
        HeapClass hc = SlabDirectory.INSTANCE.find(ptr);
        if (hc != null) {
            hc.heap.freeInClass(ptr, hc);
            return;
        }
        freeElsewhere(ptr);
    }

    @Override
    public void aligned_free(long ptr) {
        free(ptr);
    }

    /** Not a heap slab: a large or pass-through block, a double free, Burrow's other memory, or a block it never saw. */
    private void freeElsewhere(long ptr) {
        switch (LargeBlocks.INSTANCE.free(ptr, null)) {
            case LargeBlocks.FREED:
                return;
            case LargeBlocks.FREED_BEFORE:
                report(DiagnosticCode.EM101, "memFree of 0x" + Long.toHexString(ptr) + ", which was freed before: refused",
                    "double");
                return;
            default:
                if (!mayBeNative(ptr)) {
                    return;
                }
                // Never handed to jemalloc: from the address alone, a block native code took from jemalloc itself
                // and a pointer into memory Burrow gave back long ago (past the freed ranges it remembers) look the
                // same, and je_free of the second crashes the process. Left allocated: a leak, reported.
                unknownFrees.incrementAndGet();
                report(DiagnosticCode.EM903, "memFree of 0x" + Long.toHexString(ptr)
                    + ", which Burrow never allocated (or gave back long ago): refused, left as it is", "unknown");
        }
    }

    /** Why {@link #mayBeNative} refuses an address in Burrow's own memory (a big block's, or a small block's page). */
    private static final String INSIDE_BURROW =
        "it lies in memory of a Burrow pool, group, frame arena or block (free it where it came from)";

    /**
     * Refuses an address that must not reach jemalloc: inside Burrow's own memory (a pool slot, a group or frame
     * allocation, the inside of a block), negative, in the first page, or not aligned as every malloc block is
     * ({@code EM102}); or inside memory Burrow freed lately, a stale pointer ({@code EM101}).
     *
     * @return whether the address may be a block of the native allocator
     */
    private boolean mayBeNative(long ptr) {
        String why = null;
        DiagnosticCode code = DiagnosticCode.EM102;
        if (ptr < 4096 || (ptr & 7) != 0) {
            why = "not the address of a heap block";
        } else if (NativeBlocks.INSTANCE.inBigBlock(ptr)) {
            why = INSIDE_BURROW;
        } else if (NativeBlocks.INSTANCE.freedRecently(ptr)) {
            // Exact, and memory Burrow took again has left it: before the page test, which is coarser than a block
            // and would call a stale pointer beside a live small block of Burrow's "Burrow's memory"
            code = DiagnosticCode.EM101; // jemalloc would crash on it: Burrow gave that memory back
            why = "it lies in memory Burrow freed: a stale pointer (freed before, or its heap, pool or group closed since)";
        } else if (NativeBlocks.INSTANCE.onSmallBlockPage(ptr)) {
            why = INSIDE_BURROW;
        }
        if (why == null) {
            return true;
        }
        report(code, "memFree of 0x" + Long.toHexString(ptr) + " refused: " + why, code == DiagnosticCode.EM101 ? "stale" : "foreign");
        return false;
    }

    @Override
    public long realloc(long ptr, long size) {
        if (ptr == 0) {
            return malloc(size);
        }
        if (size == 0) {
            free(ptr);
            return 0;
        }
        if (size < 0 || size > SizeClassHeap.MAX_ALLOC) {
            return 0;
        }
        HeapClass hc = SlabDirectory.INSTANCE.find(ptr);
        long old;
        if (hc != null) {
            if (hc.heap.isClosed() || !hc.pool.holdsLive(ptr)) {
                free(ptr); // refused there with its code (double free, interior pointer, closed heap)
                return 0;
            }
            if (size <= SizeClassHeap.MAX_SMALL && SizeClasses.of(size) == hc.index) {
                return ptr; // the same class: nothing moves
            }
            old = hc.bytes;
        } else {
            old = LargeBlocks.INSTANCE.sizeOf(ptr);
            if (old < 0) {
                return reallocStranger(ptr, size);
            }
            if (old <= SizeClassHeap.MAX_SMALL && size <= SizeClassHeap.MAX_SMALL && SizeClasses.of(old) == SizeClasses.of(size)
                && LargeBlocks.INSTANCE.ownerOf(ptr) instanceof SizeClassHeap) {
                return ptr; // a small block under the kill switch: its class size was allocated
            }
        }
        long p = malloc(size);
        if (p != 0) {
            MemoryUtil.memCopy(ptr, p, Math.min(old, size));
            free(ptr);
        }
        return p;
    }

    /** realloc of a block Burrow does not hold: a double free, Burrow's other memory, or a block it never saw. */
    private long reallocStranger(long ptr, long size) {
        if (LargeBlocks.INSTANCE.freedRecently(ptr)) {
            report(DiagnosticCode.EM101, "memRealloc of 0x" + Long.toHexString(ptr) + ", which was freed before: refused",
                "double");
            return 0;
        }
        if (!mayBeNative(ptr)) {
            return 0;
        }
        unknownFrees.incrementAndGet();
        report(DiagnosticCode.EM903, "memRealloc of 0x" + Long.toHexString(ptr)
            + ", which Burrow never allocated (or gave back long ago): refused (NULL), the block left as it is", "unknown");
        return 0; // as free: never handed to jemalloc
    }

    private void report(DiagnosticCode code, String what, String onceKey) {
        EngineMemory e = engine;
        if (e != null) {
            e.diagnostics().report(code, what, null, "lwjgl-" + onceKey);
        } else if (code.severity() == Severity.ERROR) {
            LOG.log(System.Logger.Level.ERROR, Diagnostics.format(code, what, null));
        }
    }

    // ---------------------------------------------------------------- MemoryAllocator: native function pointers

    private NativeCallbacks callbacks() {
        NativeCallbacks c = callbacks;
        if (c == null) {
            synchronized (this) {
                c = callbacks;
                if (c == null) {
                    callbacks = c = new NativeCallbacks(this);
                }
            }
        }
        return c;
    }

    @Override public long getMalloc() { return callbacks().malloc; }

    @Override public long getCalloc() { return callbacks().calloc; }

    @Override public long getRealloc() { return callbacks().realloc; }

    @Override public long getFree() { return callbacks().free; }

    @Override public long getAlignedAlloc() { return callbacks().alignedAlloc; }

    @Override public long getAlignedFree() { return callbacks().alignedFree; }

    // ---------------------------------------------------------------- no engine: straight to jemalloc, recorded

    /** Blocks allocated while no engine is attached: jemalloc's, recorded so a later free is recognised. */
    private static final class PassThrough implements LargeBlocks.Owner {
        final AtomicLong blocks = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        long alloc(long size, long align) {
            long n = Math.max(size, 1);
            long p = align <= NativeHeap.MALLOC_ALIGN ? JEmalloc.nje_malloc(n)
                : JEmalloc.nje_aligned_alloc(align, (n + align - 1) & -align);
            if (p != 0) {
                blocks.incrementAndGet();
                bytes.addAndGet(size);
                NativeBlocks.INSTANCE.allocated(p, n, align); // so a free of its inside is refused, never jemalloc's
                LargeBlocks.INSTANCE.put(p, size, align, this, null);
            }
            return p;
        }

        @Override
        public void largeFreed(long address, long size, long align) {
            NativeBlocks.INSTANCE.freed(address, Math.max(size, 1), align);
            JEmalloc.nje_free(address);
            blocks.decrementAndGet();
            bytes.addAndGet(-size);
        }

        @Override
        public EngineMemory engine() {
            return null;
        }
    }

    // ---------------------------------------------------------------- statistics

    /** @return blocks allocated while no engine was attached and not freed yet */
    public long untrackedBlocks() {
        return passThrough.blocks.get();
    }

    /** @return bytes of {@link #untrackedBlocks()} */
    public long untrackedBytes() {
        return passThrough.bytes.get();
    }

    /** @return frees and reallocs of blocks Burrow never allocated, refused ({@code EM903}) */
    public long strangerFrees() {
        return unknownFrees.get();
    }

    @Override
    public String toString() {
        return "BurrowLwjglAllocator";
    }
}
