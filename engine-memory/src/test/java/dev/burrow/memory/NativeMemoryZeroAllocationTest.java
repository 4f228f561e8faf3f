package dev.burrow.memory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The size-class heap's and the LWJGL allocator's hot paths allocate zero Java-heap bytes per operation after
 * warm-up, at OFF and SIMPLE: {@code ThreadMXBean.getThreadAllocatedBytes} over 1M operations each, as
 * {@link ZeroAllocationTest} does for the other allocators. Each loop is its own small method (the escape-analysis
 * trap in ARCHITECTURE.md).
 */
class NativeMemoryZeroAllocationTest {
    private static final int OPS = 1_000_000;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    interface Loop {
        long run(int n);
    }

    private static long measure(Loop loop) {
        loop.run(OPS / 2); // warm-up: compile the paths, use every slot once, grow every table to its steady size
        loop.run(OPS / 2);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long sink = loop.run(OPS);
        long after = THREADS.getCurrentThreadAllocatedBytes();
        if (sink == 42) {
            System.out.print(""); // keep the result alive
        }
        return after - before;
    }

    /**
     * Under the kill switch every LWJGL block is its own malloc, the first use of its memory, so SIMPLE records its
     * site (a stack walk), as it does for a slot used the first time on slabs: a debugging mode, slow on purpose.
     */
    private static void assumeNotKillSwitchSimple(DebugLevel level) {
        Assumptions.assumeFalse(Engines.killSwitch() && level == DebugLevel.SIMPLE, "kill switch at SIMPLE records every LWJGL site");
    }

    /** Sizes 1..1024 in a fixed pseudo-random order: every small class, no Random object on the path. */
    private static int size(int i) {
        return 1 + ((i * 0x9E3779B1) >>> 22);
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void heapAllocFreeOfMixedSizes(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            SizeClassHeap heap = mem.heap("zero");
            long[] ring = new long[256];
            for (int i = 0; i < ring.length; i++) {
                ring[i] = heap.alloc(size(i));
            }
            assertEquals(0, measure(n -> heapLoop(heap, ring, n)), "heap bytes over " + OPS + " alloc+free at " + level);
            for (long p : ring) {
                heap.free(p);
            }
        }
    }

    private static long heapLoop(SizeClassHeap heap, long[] ring, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            int k = (i * 7) & 255;
            heap.free(ring[k]);
            ring[k] = heap.alloc(size(i));
            sink += ring[k];
        }
        return sink;
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void lwjglMallocFree(DebugLevel level) {
        assumeNotKillSwitchSimple(level);
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            lwjgl.attach(mem);
            long[] ring = new long[256];
            for (int i = 0; i < ring.length; i++) {
                ring[i] = lwjgl.malloc(size(i));
            }
            assertEquals(0, measure(n -> lwjglLoop(lwjgl, ring, n)), "heap bytes over " + OPS + " malloc+free at " + level);
            for (long p : ring) {
                lwjgl.free(p);
            }
        }
    }

    private static long lwjglLoop(BurrowLwjglAllocator lwjgl, long[] ring, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            int k = (i * 7) & 255;
            lwjgl.free(ring[k]);
            ring[k] = lwjgl.malloc(size(i));
            sink += ring[k];
        }
        return sink;
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE"})
    void lwjglTagScopes(DebugLevel level) {
        assumeNotKillSwitchSimple(level);
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            lwjgl.attach(mem);
            assertEquals(0, measure(n -> scopeLoop(lwjgl, n)), "heap bytes over " + OPS + " tagged malloc+free at " + level);
        }
    }

    private static long scopeLoop(BurrowLwjglAllocator lwjgl, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            try (BurrowLwjglAllocator.TagScope t = lwjgl.scope((i & 1) == 0 ? "audio" : "ui")) {
                long p = lwjgl.malloc(48);
                sink += p;
                lwjgl.free(p);
            }
        }
        return sink;
    }
}
