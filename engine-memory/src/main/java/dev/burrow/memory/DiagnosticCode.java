package dev.burrow.memory;

/**
 * The catalogue of engine-memory diagnostics. Codes are stable: they are quoted in messages, counted in
 * {@link MemorySnapshot}, and documented with their fix in the README's diagnostics table.
 */
public enum DiagnosticCode {
    /** A frame allocation outside {@code begin()/end()}. */
    EM001(Severity.ERROR, "frame allocation outside a frame", "call frame.begin() before allocating, end() after the frame"),
    /** A frame outgrew its block and spilled into overflow blocks. */
    EM002(Severity.WARNING, "frame overflow", "raise MemoryConfig.frameArenaBytes to the suggested size; the next frame grows by itself"),
    /** begin() inside a frame, or end() outside one. */
    EM003(Severity.ERROR, "unbalanced frame begin/end", "pair every frame.begin() with exactly one frame.end()"),
    /** rollback() to a mark from another frame, or to a mark already rolled past. */
    EM004(Severity.ERROR, "invalid frame mark", "roll back only to a mark taken earlier in the same frame"),
    /** Frame memory was written after end(): the poison pattern changed before the next begin(). */
    EM005(Severity.ERROR, "frame memory written after end()", "do not keep frame addresses across frames; set debug=PARANOID for guard checks"),
    /** Use of a frame arena (or its stack) after {@code release()} or engine close. */
    EM006(Severity.ERROR, "use of a released frame arena", "call mem.frame() again after release(); do not use allocators after engine close"),
    /** A size over the allocator's limit: refused before any arithmetic. */
    EM007(Severity.ERROR, "allocation too large", "split the request: a frame allocation is at most 1 GiB, a group allocation 1 TiB"),
    /** A pool slot freed twice (or a handle released twice). */
    EM101(Severity.ERROR, "double free", "free each slot once; set debug=PARANOID to record every allocation site"),
    /** free() of an address that is not a slot of this pool. */
    EM102(Severity.ERROR, "foreign or unknown pointer free", "free a slot only to the pool that allocated it"),
    /** A handle whose slot was released (and maybe reused) since it was acquired. */
    EM103(Severity.ERROR, "stale handle", "drop handles when you release them; compare generations before use"),
    /** A freed pool slot was written: its poison pattern changed before it was allocated again. */
    EM104(Severity.ERROR, "use after free write to pool slot", "do not keep slot addresses after free(); set debug=PARANOID for sites"),
    /** Use of a pool after close(). */
    EM105(Severity.ERROR, "use of a closed pool", "do not use a pool after close() (or after its level group closed)"),
    /** A pool already holds {@link Pool#MAX_SLOTS} slots and cannot grow: thrown in every mode. */
    EM106(Severity.ERROR, "pool full", "a pool holds at most 2^20 slots: use several pools, or free slots sooner"),
    /** Use of a level group after close(). */
    EM201(Severity.ERROR, "use of a closed level group", "do not keep a group (or pools drawn from it) past close()"),
    /** A group rollback to a mark that is not live in this group, or past the creation of a pool drawn from it. */
    EM202(Severity.ERROR, "invalid group rollback", "roll back only to a live mark of the same group, taken after its pools were drawn"),
    /** An operation on a thread-confined allocator from a thread that does not own it. */
    EM301(Severity.ERROR, "cross-thread misuse of a confined allocator", "use the owner thread, claim() the allocator after a hand-off, or use a concurrent pool"),
    /** Guard bytes after an allocation were overwritten. */
    EM401(Severity.ERROR, "guard-byte overrun", "the allocation named was written past its end; check sizes and indices"),
    /** A tag crossed its soft budget. */
    EM501(Severity.WARNING, "soft budget crossed", "raise the soft budget or allocate less under this tag"),
    /** A tag would cross its hard budget: the allocation failed. */
    EM502(Severity.ERROR, "hard budget exceeded", "raise the hard budget or allocate less; the allocation was refused"),
    /** Live allocations in a level group (pool slots drawn from it) at close(). */
    EM601(Severity.WARNING, "leak at level group close", "free pool items before closing their group, or mark them keep"),
    /** Live slots at pool close(). */
    EM602(Severity.WARNING, "leak at pool close", "free or release every slot before close(), or mark it keep"),
    /** Allocators still open at EngineMemory.close(). */
    EM603(Severity.WARNING, "leak at engine close", "close every pool and group before the engine; set debug=PARANOID for every site"),
    /** A native allocation failed (real exhaustion or fault injection). */
    EM701(Severity.ERROR, "native allocation failed", "free memory or lower budgets; BURROW_FAIL_AFTER injects this on purpose"),

    // Every native byte (issue 13): the LWJGL allocator and the streaming budget.
    /** {@code BurrowLwjglAllocator.install()} came after LWJGL chose its allocator: memAlloc is not tracked. */
    EM901(Severity.WARNING, "LWJGL allocator installed too late", "call BurrowLwjglAllocator.install() first in main, before any LWJGL call"),
    /** LWJGL memory (memAlloc and friends) still allocated when its engine closed: reported, and kept valid. */
    EM902(Severity.WARNING, "LWJGL memory leaked at engine close", "free every memAlloc, memCalloc and memRealloc with memFree; set debug=PARANOID for every site"),
    /** memFree or memRealloc of a block Burrow never allocated: handed to jemalloc, as LWJGL would. */
    EM903(Severity.WARNING, "free of memory Burrow never allocated", "expected for blocks native code allocated itself; otherwise free only what memAlloc returned"),
    /** A streaming reservation could not fit, even after every eviction it was allowed to make: it returned null. */
    EM503(Severity.WARNING, "streaming reservation did not fit", "release or unpin entries, reserve at a higher priority, or raise the streaming budget"),
    /** An eviction callback threw; the entry was evicted anyway. */
    EM504(Severity.WARNING, "eviction callback threw", "an eviction callback should only drop the entry's handles and data, and not throw");

    private final Severity severity;
    private final String meaning;
    private final String fix;

    DiagnosticCode(Severity severity, String meaning, String fix) {
        this.severity = severity;
        this.meaning = meaning;
        this.fix = fix;
    }

    /** @return whether this code refuses the operation (and throws in strict mode) or only warns */
    public Severity severity() { return severity; }

    /** @return one line saying what happened */
    public String meaning() { return meaning; }

    /** @return one line saying how to fix it or get more detail */
    public String fix() { return fix; }
}
