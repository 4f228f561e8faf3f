package dev.burrow.memory;

/**
 * The level group at {@link DebugLevel#SIMPLE} and {@link DebugLevel#PARANOID}: every operation first proves the
 * caller is the owner thread ({@code EM301}, refused), then does what the lean group does.
 */
final class CheckedLevelGroup extends LevelGroup {
    CheckedLevelGroup(EngineMemory engine, String name, TagAccount tag, int id) {
        super(engine, name, tag, id);
    }

    @Override
    public long alloc(long bytes, int align) {
        if (Thread.currentThread() != owner) {
            refuseThread("alloc");
            return 0;
        }
        return bump(bytes, align);
    }

    @Override
    boolean admit(String op) {
        if (Thread.currentThread() == owner) {
            return true;
        }
        refuseThread(op);
        return false;
    }
}
