package dev.burrow.memory.test.engine;

import dev.burrow.memory.ConcurrentPool;
import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameBudgetPolicy;
import dev.burrow.memory.FrameIntIntMap;
import dev.burrow.memory.FrameIntList;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.memory.Pool;
import dev.burrow.memory.test.CapturedDiagnostics;
import dev.burrow.memory.test.ZeroGarbage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every hot path of engine-memory allocates zero Java-heap bytes after warm-up, at OFF and SIMPLE, checked with the
 * kit's {@link ZeroGarbage} (ThreadMXBean thread-allocated bytes per run): each run is {@value #OPS} operations,
 * {@value #RUNS} runs warmed up and {@value #RUNS} measured, so 1M operations per path. Each loop is its own small
 * method so C2 compiles it normally (see the escape-analysis trap in ARCHITECTURE.md). Runs again under the kill
 * switch (the kit's kill-switch execution).
 */
class ZeroAllocationTest {
    private static final int OPS = 1000;
    private static final int RUNS = 1000;

    private static EngineMemory engine(DebugLevel level) {
        EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().debug(level));
        CapturedDiagnostics.on(mem); // quiet; a hot path that raised one would show in the counts below
        return mem;
    }

    private static ZeroGarbage check(String what, DebugLevel level) {
        return ZeroGarbage.of(what + " at " + level).warmUp(RUNS).runs(RUNS);
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void frameBeginAllocMarkRollbackEnd(DebugLevel level) {
        try (EngineMemory mem = engine(level)) {
            FrameArena f = mem.frame();
            check("frame begin/alloc/mark/rollback/calloc/end", level).assertZero(run -> frameLoop(f));
        }
    }

    private static void frameLoop(FrameArena f) {
        for (int i = 0; i < OPS; i++) {
            f.begin();
            f.alloc(64, 16);
            long m = f.mark();
            f.alloc(128, 8);
            f.rollback(m);
            f.calloc(32, 8);
            f.end();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void poolAllocFree(DebugLevel level) {
        try (EngineMemory mem = engine(level)) {
            Pool p = mem.pool("zero", 64);
            long[] ring = new long[256];
            for (int i = 0; i < ring.length; i++) {
                ring[i] = p.alloc();
            }
            check("pool alloc+free", level).assertZero(run -> poolLoop(p, ring));
            for (long a : ring) {
                p.free(a);
            }
        }
    }

    private static void poolLoop(Pool p, long[] ring) {
        for (int i = 0; i < OPS; i++) {
            int k = (i * 7) & 255;
            p.free(ring[k]);
            ring[k] = p.alloc();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void poolAcquireAddressRelease(DebugLevel level) {
        try (EngineMemory mem = engine(level)) {
            Pool p = mem.pool("zero", 32);
            // Enough room that slots parked by wrapped generations and the quarantine never make the pool grow.
            p.reserve(256 + p.parkedLimit() + 256 + 1024);
            int[] ring = new int[256];
            for (int i = 0; i < ring.length; i++) {
                ring[i] = p.acquire();
            }
            // Slots whose generation wraps park in the cooling queue, which first overflows (a parked slot comes back)
            // about 1.3M operations in: warm up past that, so the measured window is the steady state and not the
            // first run of that path (a one-off 504 B otherwise, depending on test order).
            check("pool acquire/address/release", level).warmUp(2 * RUNS).assertZero(run -> handleLoop(p, ring));
            for (int h : ring) {
                p.release(h);
            }
        }
    }

    private static void handleLoop(Pool p, int[] ring) {
        for (int i = 0; i < OPS; i++) {
            int k = (i * 13) & 255;
            p.address(ring[k]);
            p.release(ring[k]);
            ring[k] = p.acquire();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void concurrentPoolOwnerPath(DebugLevel level) {
        try (EngineMemory mem = engine(level)) {
            ConcurrentPool p = mem.concurrentPool("zero", 32);
            long[] ring = new long[256];
            for (int i = 0; i < ring.length; i++) {
                ring[i] = p.alloc();
            }
            check("concurrent pool, owner's alloc+free", level).assertZero(run -> poolLoop(p, ring));
            for (long a : ring) {
                p.free(a);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void groupAlloc(DebugLevel level) {
        try (EngineMemory mem = engine(level)) {
            LevelGroup g = mem.group("zero");
            check("group alloc", level).runs(200).warmUp(200).assertZero(run -> groupLoop(g));
            g.close();
        }
    }

    private static void groupLoop(LevelGroup g) {
        for (int i = 0; i < OPS; i++) {
            g.alloc(8 + (i & 7), 8);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void snapshotIntoAReusedSnapshot(DebugLevel level) {
        try (EngineMemory mem = engine(level)) {
            mem.budget("level", 1 << 20, 1 << 24);
            Pool a = mem.pool("level::items", 32);
            Pool b = mem.pool("bullets", 16);
            LevelGroup g = mem.group("level");
            g.alloc(1000, 8);
            long keep = a.alloc();
            FrameArena f = mem.frame();
            f.begin();
            f.beginPhase("turns");
            f.alloc(64, 8);
            f.endPhase();
            f.end();
            MemorySnapshot reuse = mem.snapshot();
            // One snapshot per run: C2 reaches it only after thousands of calls, so the kit's default warm-up.
            ZeroGarbage.of("snapshot(reuse) at " + level).retries(1).assertZero(run -> mem.snapshot(reuse));
            a.free(keep);
            g.close();
            a.close();
            b.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void phasesCollectionsAndPromotionPerFrame(DebugLevel level) {
        try (EngineMemory mem = engine(level)) {
            FrameArena f = mem.frame();
            Pool kept = mem.pool("kept", 64);
            f.budget(200_000, FrameBudgetPolicy.WARN);
            ZeroGarbage.of("a frame with phases, collections and a promotion at " + level).retries(1)
                .assertZero(run -> frameFeatures(f, kept));
            assertEquals(0, kept.live());
        }
    }

    private static void frameFeatures(FrameArena f, Pool kept) {
        f.begin();
        f.beginPhase("turns");
        FrameIntList queue = f.intList(64);
        FrameIntIntMap seen = f.intIntMap(64);
        for (int k = 0; k < 32; k++) {
            queue.add(k);
            seen.put(k * 7, k);
        }
        f.endPhase();
        f.beginPhase("map");
        long path = f.alloc(64, 8);
        long ticket = f.promote(path, 64, kept);
        f.endPhase();
        f.end();
        kept.free(f.promotedAddress(ticket));
    }
}
