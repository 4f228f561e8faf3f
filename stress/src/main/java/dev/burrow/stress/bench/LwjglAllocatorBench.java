package dev.burrow.stress.bench;

import dev.burrow.memory.BurrowLwjglAllocator;
import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.jemalloc.JEmalloc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code MemoryUtil.nmemAlloc} + {@code nmemFree} of 64 bytes: with Burrow installed as LWJGL's allocator (tracked,
 * tagged, budgeted, at OFF and SIMPLE), with LWJGL's own {@code DebugAllocator} (the leak tracker it ships), and plain
 * jemalloc (what LWJGL uses untracked). LWJGL takes its allocator once per process: each benchmark's state picks it in
 * its own fork (JMH forks per benchmark), before anything else touches LWJGL's memory API.
 */
@Fork(1)
public class LwjglAllocatorBench {
    static final int SIZE = 64;

    /** Burrow installed, an engine attached at the level of the parameter. */
    @State(Scope.Thread)
    public static class Burrow {
        @Param({"OFF", "SIMPLE"})
        public DebugLevel level;
        EngineMemory mem;

        @Setup(Level.Trial)
        public void setup() {
            if (!BurrowLwjglAllocator.install()) {
                throw new IllegalStateException("LWJGL chose its allocator before the benchmark could install Burrow's");
            }
            mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(level));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            mem.close();
        }
    }

    /** LWJGL's DebugAllocator over jemalloc, with its default stack traces. */
    @State(Scope.Thread)
    public static class LwjglDebug {
        @Setup(Level.Trial)
        public void setup() {
            Configuration.MEMORY_ALLOCATOR.set("jemalloc");
            Configuration.DEBUG_MEMORY_ALLOCATOR.set(true);
            String chosen = MemoryUtil.getAllocator(true).getClass().getSimpleName();
            if (!chosen.equals("DebugAllocator")) {
                throw new IllegalStateException("expected LWJGL's DebugAllocator, got " + chosen);
            }
        }
    }

    @Benchmark
    public long burrowTracked(Burrow s) {
        long p = MemoryUtil.nmemAlloc(SIZE);
        MemoryUtil.nmemFree(p);
        return p;
    }

    @Benchmark
    public long lwjglDebugAllocator(LwjglDebug s) {
        long p = MemoryUtil.nmemAlloc(SIZE);
        MemoryUtil.nmemFree(p);
        return p;
    }

    @Benchmark
    public long plainJemalloc() {
        long p = JEmalloc.nje_malloc(SIZE);
        JEmalloc.nje_free(p);
        return p;
    }
}
