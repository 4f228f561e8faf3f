package dev.burrow.stress.bench;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.Pool;
import org.lwjgl.system.jemalloc.JEmalloc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Two threads at once, each with its own frame arena and pool (64 B), against both threads on jemalloc. Per
 * invocation a thread does {@value #N} frame allocations and {@value #N} pool alloc+free pairs. Scores per
 * allocation, per thread.
 */
@Threads(2)
@Fork(1)
public class ThreadsBench {
    static final int N = 256;

    /** One engine for both threads, as a game would have. */
    @State(Scope.Benchmark)
    public static class Shared {
        EngineMemory mem;

        @Setup(Level.Trial)
        public void setup() {
            mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(DebugLevel.OFF));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            mem.close();
        }
    }

    /** Each thread's own arena and pool. */
    @State(Scope.Thread)
    public static class Local {
        FrameArena frame;
        Pool pool;
        final long[] slots = new long[N];

        @Setup(Level.Trial)
        public void setup(Shared shared) {
            frame = shared.mem.frame();
            pool = shared.mem.pool("thread-" + Thread.currentThread().getId(), 64);
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * N)
    public long burrowOwnArenaAndPool(Local l) {
        long sum = 0;
        l.frame.begin();
        for (int i = 0; i < N; i++) {
            sum += l.frame.alloc(64, 8);
            l.slots[i] = l.pool.alloc();
        }
        for (int i = 0; i < N; i++) {
            l.pool.free(l.slots[i]);
        }
        l.frame.end();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(2 * N)
    public long jemallocBothThreads(Local l) {
        long sum = 0;
        long[] a = l.slots;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < N; i++) {
                a[i] = JEmalloc.nje_malloc(64);
            }
            for (int i = 0; i < N; i++) {
                sum += a[i];
                JEmalloc.nje_free(a[i]);
            }
        }
        return sum;
    }
}
