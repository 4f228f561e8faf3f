package dev.burrow.memory;

/** The frame arena at {@link DebugLevel#OFF}: the bump and nothing else; calls from other threads are undefined. */
final class LeanFrameArena extends FrameArena {
    LeanFrameArena(EngineMemory engine, MemoryConfig config, Thread owner, int id) {
        super(engine, config, owner, id);
    }

    @Override
    public long alloc(long bytes, int align) {
        return bump(bytes, align);
    }

    @Override
    boolean admit(String op) {
        return true;
    }
}
