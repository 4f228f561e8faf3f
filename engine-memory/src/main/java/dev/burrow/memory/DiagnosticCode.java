package dev.burrow.memory;

/**
 * The catalogue of engine-memory diagnostics: each code's severity, meaning, fix and a minimal wrong example. Codes are
 * stable: they are quoted in messages, counted in {@link MemorySnapshot}, documented in docs/diagnostics.md,
 * and explained by {@code stress explain CODE}, all from this one catalogue.
 */
public enum DiagnosticCode {
    /** A frame allocation outside {@code begin()/end()}. */
    EM001(Severity.ERROR, "frame allocation outside a frame", "call frame.begin() before allocating, end() after the frame",
        "FrameArena f = mem.frame();\nlong p = f.alloc(64, 8);        // no f.begin() yet"),
    /** A frame outgrew its block and spilled into overflow blocks. */
    EM002(Severity.WARNING, "frame overflow", "raise MemoryConfig.frameArenaBytes to the suggested size; the next frame grows by itself",
        "f.begin();\nf.alloc(10 << 20, 16);          // 10 MiB in a 256 KiB block: spills\nf.end();"),
    /** begin() inside a frame, or end() outside one. */
    EM003(Severity.ERROR, "unbalanced frame begin/end", "pair every frame.begin() with exactly one frame.end()",
        "f.begin();\nf.begin();                       // begin() twice"),
    /** rollback() to a mark from another frame, or to a mark already rolled past. */
    EM004(Severity.ERROR, "invalid frame mark", "roll back only to a mark taken earlier in the same frame",
        "f.begin(); long m = f.mark(); f.end();\nf.begin(); f.rollback(m);        // a mark of the last frame"),
    /** Frame memory was written after end(): the poison pattern changed before the next begin(). */
    EM005(Severity.ERROR, "frame memory written after end()", "do not keep frame addresses across frames; set debug=PARANOID for guard checks",
        "f.begin(); long p = f.alloc(64, 8); f.end();\nMemoryUtil.memPutInt(p, 1);      // the frame is over\nf.begin();                       // caught here"),
    /** Use of a frame arena (or its stack) after {@code release()} or engine close. */
    EM006(Severity.ERROR, "use of a released frame arena", "call mem.frame() again after release(); do not use allocators after engine close",
        "f.release();\nf.begin();                       // use mem.frame() again"),
    /** A size over the allocator's limit: refused before any arithmetic. */
    EM007(Severity.ERROR, "allocation too large", "split the request: a frame allocation is at most 1 GiB, a group allocation 1 TiB",
        "group.alloc(Long.MAX_VALUE, 8);  // more than any machine has"),
    /** A frame allocation would cross the arena's frame budget under {@link FrameBudgetPolicy#FAIL}: refused. */
    EM008(Severity.ERROR, "frame budget exceeded", "allocate less per frame, raise frame.budget(...), or choose WARN, ALLOW or SPILL",
        "f.budget(4096, FrameBudgetPolicy.FAIL);\nf.begin(); f.alloc(8192, 8);     // refused"),
    /** A frame crossed the arena's frame budget under {@link FrameBudgetPolicy#WARN}. */
    EM009(Severity.WARNING, "frame over budget", "allocate less per frame or raise frame.budget(...)",
        "f.budget(4096, FrameBudgetPolicy.WARN);\nf.begin(); f.alloc(8192, 8);     // allowed, warned"),
    /** A frame collection is full: the add or put was refused. */
    EM010(Severity.ERROR, "frame collection full", "create the collection with the capacity the frame needs",
        "FrameIntList l = f.intList(2);\nl.add(1); l.add(2); l.add(3);    // the third add is refused"),
    /** A frame collection was used after its frame ended, or after a rollback past its creation. */
    EM011(Severity.ERROR, "frame collection used after its frame", "do not keep frame collections across frames; make them each frame",
        "f.begin(); FrameIntList l = f.intList(8); f.end();\nf.begin(); l.add(1);             // l belonged to the last frame"),
    /** A phase was ended without being begun, begun outside a frame, or left open at end(). */
    EM012(Severity.ERROR, "unbalanced frame phase", "pair every frame.beginPhase(name) with frame.endPhase() inside one frame",
        "f.begin(); f.beginPhase(\"turns\");\nf.end();                         // the phase was never ended"),
    /** A promotion of memory that is not this frame's allocation, or larger than the target pool's slot. */
    EM013(Severity.ERROR, "invalid promotion", "promote only bytes frame.alloc returned in the current frame, at most a slot's size",
        "long q = pool.alloc();\nf.promote(q, 8, 8, group);       // not frame memory"),
    /** A worker was still inside its frame when the frame barrier ended the frame. */
    EM014(Severity.ERROR, "worker inside its frame at the barrier", "end every worker's frame before it arrives at the barrier",
        "barrier.arrive(workerFrame);     // called before workerFrame.end()"),
    /** A pop() on frame.stack() with no push() of the same frame to pair with: refused, thrown in every mode. */
    EM015(Severity.ERROR, "stack pop() without a push()", "pair every frame.stack().push() with one pop() in the same frame (try-with-resources does); end() drops pushes left open",
        "f.begin();\nf.stack().pop();                 // no push() to pop"),
    /** A pool slot freed twice (or a handle released twice). */
    EM101(Severity.ERROR, "double free", "free each slot once; set debug=PARANOID to record every allocation site",
        "long a = pool.alloc();\npool.free(a);\npool.free(a);                   // twice"),
    /** free() of an address that is not a slot of this pool. */
    EM102(Severity.ERROR, "foreign or unknown pointer free", "free a slot only to the pool that allocated it",
        "long a = pool.alloc();\npool.free(a + 8);               // not the start of a slot"),
    /** A handle whose slot was released (and maybe reused) since it was acquired. */
    EM103(Severity.ERROR, "stale handle", "drop handles when you release them; compare generations before use",
        "int h = pool.acquire();\npool.release(h);\npool.address(h);                // stale"),
    /** A freed pool slot was written: its poison pattern changed before it was allocated again. */
    EM104(Severity.ERROR, "use after free write to pool slot", "do not keep slot addresses after free(); set debug=PARANOID for sites",
        "long a = pool.alloc(); pool.free(a);\nMemoryUtil.memPutInt(a, 1);      // write after free: caught on reuse"),
    /** Use of a pool after close(). */
    EM105(Severity.ERROR, "use of a closed pool", "do not use a pool after close() (or after its level group closed)",
        "pool.close();\npool.alloc();"),
    /** A pool already holds {@link Pool#MAX_SLOTS} slots and cannot grow: thrown in every mode. */
    EM106(Severity.ERROR, "pool full", "a pool holds at most 2^20 slots: use several pools, or free slots sooner",
        "for (int i = 0; i <= Pool.MAX_SLOTS; i++) pool.alloc();"),
    /** Use of a level group after close(). */
    EM201(Severity.ERROR, "use of a closed level group", "do not keep a group (or pools drawn from it) past close()",
        "group.close();\ngroup.alloc(16, 8);"),
    /** A group rollback to a mark that is not live in this group, or past the creation of a pool drawn from it. */
    EM202(Severity.ERROR, "invalid group rollback", "roll back only to a live mark of the same group, taken after its pools were drawn",
        "long m = a.mark();\nb.rollback(m);                   // a mark of another group"),
    /** An operation on a thread-confined allocator from a thread that does not own it. */
    EM301(Severity.ERROR, "cross-thread misuse of a confined allocator", "use the owner thread, claim() the allocator after a hand-off, or use a concurrent pool",
        "Pool p = mem.pool(\"x\", 16);      // on the main thread\nnew Thread(() -> p.alloc()).start();"),
    /** Guard bytes after an allocation were overwritten. */
    EM401(Severity.ERROR, "guard-byte overrun", "the allocation named was written past its end; check sizes and indices",
        "long a = group.alloc(16, 8);     // debug=PARANOID\nMemoryUtil.memPutByte(a + 16, 0); // one past the end"),
    /** A tag crossed its soft budget. */
    EM501(Severity.WARNING, "soft budget crossed", "raise the soft budget or allocate less under this tag",
        "mem.budget(\"fx\", 1024, 4096);\nmem.group(\"fx\").alloc(2048, 8);"),
    /** A tag would cross its hard budget: the allocation failed. */
    EM502(Severity.ERROR, "hard budget exceeded", "raise the hard budget or allocate less; the allocation was refused",
        "mem.budget(\"fx\", 1024, 4096);\nmem.group(\"fx\").alloc(8192, 8);  // throws MemoryBudgetExceededException"),
    /** Live allocations in a level group (pool slots drawn from it) at close(). */
    EM601(Severity.WARNING, "leak at level group close", "free pool items before closing their group, or mark them keep",
        "Pool p = group.pool(\"level::items\", 32);\np.alloc();\ngroup.close();                   // the item was never freed"),
    /** Live slots at pool close(). */
    EM602(Severity.WARNING, "leak at pool close", "free or release every slot before close(), or mark it keep",
        "p.alloc();\np.close();"),
    /** Allocators still open at EngineMemory.close(). */
    EM603(Severity.WARNING, "leak at engine close", "close every pool and group before the engine; set debug=PARANOID for every site",
        "mem.group(\"level-1\").alloc(64, 8);\nmem.close();                     // the group was never closed"),
    /** A call on an EngineMemory after its close(): refused in every mode ({@link EngineClosedException}). */
    EM604(Severity.ERROR, "use of a closed engine", "make allocators only while the engine is open; close it last, once its threads are done",
        "mem.close();\nmem.group(\"level-2\");           // the engine is closed"),
    /** Behaviour: pool slots live less than a frame on average. */
    EM801(Severity.WARNING, "pool slots live less than a frame", "allocate these in the frame arena: its free is O(1) per frame",
        "for (...) { long a = pool.alloc(); use(a); pool.free(a); }   // every frame"),
    /** Behaviour: frame allocations are promoted in nearly every frame. */
    EM802(Severity.WARNING, "promotion every frame", "allocate what you keep in a pool or the level group directly",
        "f.promote(path, bytes, 8, level);   // every frame, for the same kind of data"),
    /** Behaviour: level groups are created and closed every few frames. */
    EM803(Severity.WARNING, "level group churn", "keep a group for the level's lifetime; per-frame scratch belongs in the frame arena",
        "LevelGroup g = mem.group(\"scratch\"); ...; g.close();   // every frame"),
    /** Behaviour: a frame arena's high water is near its block in many frames. */
    EM804(Severity.WARNING, "frame arena nearly full", "raise MemoryConfig.frameArenaBytes before frames overflow",
        "// frames that use 250 KiB of a 256 KiB frame arena"),
    /** Behaviour: a budgeted tag's live bytes trend towards its hard budget. */
    EM805(Severity.WARNING, "budget trending to its limit", "look for a leak or an unbounded cache under the tag",
        "// a budgeted tag that grows a little every frame and never shrinks"),
    /** A native allocation failed (real exhaustion or fault injection). */
    EM701(Severity.ERROR, "native allocation failed", "free memory or lower budgets; BURROW_FAIL_AFTER injects this on purpose",
        "// BURROW_FAIL_AFTER=1: the first native allocation fails\nmem.group(\"g\").alloc(64, 8);"),

    // Every native byte: the LWJGL allocator and the streaming budget.
    /** {@code BurrowLwjglAllocator.install()} came after LWJGL chose its allocator: memAlloc is not tracked. */
    EM901(Severity.WARNING, "LWJGL allocator installed too late", "call BurrowLwjglAllocator.install() first in main, before any LWJGL call",
        "MemoryUtil.memAlloc(16);         // LWJGL picks its allocator here\nBurrowLwjglAllocator.install(mem);"),
    /** LWJGL memory (memAlloc and friends) still allocated when its engine closed: reported, and kept valid. */
    EM902(Severity.WARNING, "LWJGL memory leaked at engine close", "free every memAlloc, memCalloc and memRealloc with memFree; set debug=PARANOID for every site",
        "ByteBuffer b = MemoryUtil.memAlloc(64);\nmem.close();                     // b was never memFree'd"),
    /** memFree or memRealloc of a block Burrow never allocated (or gave back long ago): refused, the block left as it is. */
    EM903(Severity.WARNING, "free of memory Burrow never allocated: refused", "free only what memAlloc returned; a block native code took from jemalloc itself goes back with JEmalloc.je_free",
        "MemoryUtil.nmemFree(JEmalloc.nje_malloc(64));   // not Burrow's block"),
    /** A streaming reservation could not fit, even after every eviction it was allowed to make: it returned null. */
    EM503(Severity.WARNING, "streaming reservation did not fit", "release or unpin entries, reserve at a higher priority, or raise the streaming budget",
        "StreamingBudget s = mem.streaming(\"levels\", 1 << 20);\ns.reserve(\"big\", 2 << 20, 0, null);   // larger than the budget"),
    /** An eviction callback threw; the entry was evicted anyway. */
    EM504(Severity.WARNING, "eviction callback threw", "an eviction callback should only drop the entry's handles and data, and not throw",
        "s.reserve(\"a\", 512, 0, e -> { throw new IllegalStateException(); });");

    private final Severity severity;
    private final String meaning;
    private final String fix;
    private final String example;

    DiagnosticCode(Severity severity, String meaning, String fix, String example) {
        this.severity = severity;
        this.meaning = meaning;
        this.fix = fix;
        this.example = example;
    }

    /** @return whether this code refuses the operation (and throws in strict mode) or only warns */
    public Severity severity() { return severity; }

    /** @return one line saying what happened */
    public String meaning() { return meaning; }

    /** @return one line saying how to fix it or get more detail */
    public String fix() { return fix; }

    /** @return a minimal piece of wrong code that raises it ({@code stress explain} prints it) */
    public String example() { return example; }
}
