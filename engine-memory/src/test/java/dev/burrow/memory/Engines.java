package dev.burrow.memory;

/** Test helper: engines honour the BURROW_* environment, so CI's kill-switch run covers every test. */
final class Engines {
    private Engines() {
    }

    static EngineMemory create(MemoryConfig config) {
        return EngineMemory.create(config);
    }

    static EngineMemory create() {
        return create(MemoryConfig.defaults());
    }

    static EngineMemory strict() {
        return create(MemoryConfig.defaults().strict(true));
    }

    static EngineMemory lenient() {
        return create(MemoryConfig.defaults().strict(false));
    }

    static boolean killSwitch() {
        return "1".equals(System.getenv("BURROW_SYSTEM_ALLOCATOR"));
    }
}
