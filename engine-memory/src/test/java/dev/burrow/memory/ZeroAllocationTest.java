package dev.burrow.memory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every hot path allocates zero Java-heap bytes per operation after warm-up, at OFF and SIMPLE, proved with
 * {@code ThreadMXBean.getThreadAllocatedBytes} over 1M operations each. Each loop lives in its own small method
 * so C2 compiles it normally (see the escape-analysis trap in ARCHITECTURE.md).
 */
class ZeroAllocationTest {
    private static final int OPS = 1_000_000;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    interface Loop {
        long run(int n);
    }

    private static long measure(Loop loop) {
        loop.run(OPS / 2); // warm-up: compile the paths and grow every table to its steady size
        loop.run(OPS / 2);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long sink = loop.run(OPS);
        long after = THREADS.getCurrentThreadAllocatedBytes();
        if (sink == 42) {
            System.out.print(""); // keep the result alive
        }
        return after - before;
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void frameBeginAllocMarkRollbackEnd(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            FrameArena f = mem.frame();
            assertEquals(0, measure(n -> frameLoop(f, n)), "heap bytes over " + OPS + " frames at " + level);
        }
    }

    private static long frameLoop(FrameArena f, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            f.begin();
            sink += f.alloc(64, 16);
            long m = f.mark();
            sink += f.alloc(128, 8);
            f.rollback(m);
            sink += f.calloc(32, 8);
            f.end();
        }
        return sink;
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void poolAllocFree(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            Pool p = mem.pool("zero", 64);
            long[] ring = new long[256];
            for (int i = 0; i < ring.length; i++) {
                ring[i] = p.alloc();
            }
            assertEquals(0, measure(n -> poolLoop(p, ring, n)), "heap bytes over " + OPS + " alloc+free at " + level);
        }
    }

    private static long poolLoop(Pool p, long[] ring, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            int k = (i * 7) & 255;
            p.free(ring[k]);
            ring[k] = p.alloc();
            sink += ring[k];
        }
        return sink;
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void poolAcquireAddressRelease(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            Pool p = mem.pool("zero", 32);
            int[] ring = new int[256];
            for (int i = 0; i < ring.length; i++) {
                ring[i] = p.acquire();
            }
            long bytes = measure(n -> handleLoop(p, ring, n));
            if (!Engines.killSwitch()) {
                assertEquals(0, bytes, "heap bytes over " + OPS + " acquire/address/release at " + level);
            } else {
                // Under the kill switch a slot that retires (its 11-bit generation would wrap after 1024 reuses)
                // is replaced by a new index, so bookkeeping arrays grow by doubling: amortised, never per op.
                assertTrue(bytes < OPS / 10, "heap bytes over " + OPS + " handle ops under the kill switch: " + bytes);
            }
        }
    }

    private static long handleLoop(Pool p, int[] ring, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            int k = (i * 13) & 255;
            sink += p.address(ring[k]);
            p.release(ring[k]);
            ring[k] = p.acquire();
        }
        return sink;
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void concurrentPoolOwnerPath(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            ConcurrentPool p = mem.concurrentPool("zero", 32);
            long[] ring = new long[256];
            for (int i = 0; i < ring.length; i++) {
                ring[i] = p.alloc();
            }
            assertEquals(0, measure(n -> poolLoop(p, ring, n)), "heap bytes at " + level);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void groupAlloc(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            LevelGroup g = mem.group("zero");
            long bytes = measure(n -> groupLoop(g, n));
            g.close();
            assertEquals(0, bytes, "heap bytes over " + OPS + " group allocations at " + level);
        }
    }

    private static long groupLoop(LevelGroup g, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            sink += g.alloc(8 + (i & 7), 8);
        }
        return sink;
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void snapshotIntoAReusedSnapshot(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
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
            assertEquals(0, measure(n -> snapshotLoop(mem, reuse, n)), "heap bytes over snapshot(reuse) at " + level);
            a.free(keep);
            g.close();
            a.close();
            b.close();
        }
    }

    private static long snapshotLoop(EngineMemory mem, MemorySnapshot reuse, int n) {
        long sink = 0;
        for (int i = 0; i < n / 100; i++) { // a snapshot is a frame's worth of work, not a hot op
            sink += mem.snapshot(reuse).nativeBytes();
        }
        return sink;
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void phasesCollectionsAndPromotionPerFrame(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            FrameArena f = mem.frame();
            Pool kept = mem.pool("kept", 64);
            f.budget(200_000, FrameBudgetPolicy.WARN);
            assertEquals(0, measure(n -> frameFeaturesLoop(f, kept, n)), "heap bytes per frame of phases, collections"
                + " and promotion at " + level);
            assertEquals(0, kept.live());
        }
    }

    private static long frameFeaturesLoop(FrameArena f, Pool kept, int n) {
        long sink = 0;
        for (int i = 0; i < n / 10; i++) {
            f.begin();
            f.beginPhase("turns");
            FrameIntList queue = f.intList(64);
            FrameIntIntMap seen = f.intIntMap(64);
            for (int k = 0; k < 32; k++) {
                queue.add(k);
                seen.put(k * 7, k);
            }
            sink += queue.get(5) + seen.get(14, -1) + f.remaining();
            f.endPhase();
            f.beginPhase("map");
            long path = f.alloc(64, 8);
            long ticket = f.promote(path, 64, kept);
            f.endPhase();
            f.end();
            kept.free(f.promotedAddress(ticket));
        }
        return sink;
    }
}
