package dev.burrow.memory;

/**
 * The frame arena at {@link DebugLevel#SIMPLE} and {@link DebugLevel#PARANOID}: every operation first proves the
 * caller is the owner thread ({@code EM301}, refused), then does what the lean arena does; poisoning and (PARANOID)
 * guards are in the shared code, switched once at creation.
 */
final class CheckedFrameArena extends FrameArena {
    CheckedFrameArena(EngineMemory engine, MemoryConfig config, Thread owner, int id) {
        super(engine, config, owner, id);
    }

    @Override
    public long alloc(long bytes, int align) {
        if (Thread.currentThread() != owner) {
            admit("alloc");
            return 0;
        }
        return bump(bytes, align);
    }

    @Override
    boolean admit(String op) {
        if (Thread.currentThread() == owner) {
            return true;
        }
        diagnostics.report(DiagnosticCode.EM301, op + "() on " + label + " from thread \""
            + Thread.currentThread().getName() + "\"", null, label + op);
        return false;
    }
}
