package dev.burrow.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Test helper: engines honour the BURROW_* environment, so CI's kill-switch run covers every test, and every
 * diagnostic they raise is captured here (tests assert on it) instead of being logged: a passing build reads clean.
 */
final class Engines {
    private static final Map<EngineMemory, List<String>> CAPTURED = Collections.synchronizedMap(new WeakHashMap<>());

    private Engines() {
    }

    static EngineMemory create(MemoryConfig config) {
        return capture(EngineMemory.create(config));
    }

    static EngineMemory exactly(MemoryConfig config) {
        return capture(EngineMemory.createExactly(config));
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

    /** Sends the engine's diagnostics to a list instead of the log. */
    static EngineMemory capture(EngineMemory mem) {
        List<String> list = Collections.synchronizedList(new ArrayList<>());
        CAPTURED.put(mem, list);
        mem.diagnosticListener((code, message) -> list.add(message));
        return mem;
    }

    /** @return every diagnostic message the engine raised, oldest first (not capped like recentDiagnostics) */
    static List<String> captured(EngineMemory mem) {
        List<String> list = CAPTURED.get(mem);
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    static boolean killSwitch() {
        return "1".equals(System.getenv("BURROW_SYSTEM_ALLOCATOR"));
    }
}
