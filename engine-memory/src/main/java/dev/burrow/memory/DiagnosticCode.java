package dev.burrow.memory;

/**
 * The catalogue of engine-memory diagnostics. Codes are stable: they are quoted in messages, counted in
 * {@link MemorySnapshot}, and documented with their fix in docs/diagnostics.md.
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
    /** Use of a level group after close(). */
    EM201(Severity.ERROR, "use of a closed level group", "do not keep a group (or pools drawn from it) past close()"),
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
    EM701(Severity.ERROR, "native allocation failed", "free memory or lower budgets; BURROW_FAIL_AFTER injects this on purpose");

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
