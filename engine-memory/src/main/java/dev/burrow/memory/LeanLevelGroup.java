package dev.burrow.memory;

/** The level group at {@link DebugLevel#OFF}: the bump and nothing else; calls from other threads are undefined. */
final class LeanLevelGroup extends LevelGroup {
    LeanLevelGroup(EngineMemory engine, String name, TagAccount tag, int id) {
        super(engine, name, tag, id);
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
