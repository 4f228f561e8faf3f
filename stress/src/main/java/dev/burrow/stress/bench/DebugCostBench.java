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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What each debug level costs: 64-byte frame allocations (a frame of {@value #N}, then end) and pool alloc+free
 * pairs, at OFF, SIMPLE and PARANOID, next to jemalloc malloc+free of the same size.
 *
 * <p>Two pool shapes: {@code poolAllocFree64} churns a ring of {@value #N} live slots (free the oldest, allocate a
 * replacement: one pair per call), and {@code poolHotLifo64} is the hot LIFO of scratch objects (allocate
 * {@value #BATCH}, free them newest first; per pair, so JMH's per-call overhead is spread as in {@code frameAlloc64});
 * {@code jemallocHotLifo64} is the same over jemalloc.</p>
 */
@Fork(3) // a target with little headroom: the median over three JVMs, whose layouts and JIT choices differ
@State(Scope.Thread)
public class DebugCostBench {
    static final int N = 256;
    /** Slots a hot LIFO batch holds at once. */
    static final int BATCH = 16;

    @Param({"OFF", "SIMPLE", "PARANOID"})
    public DebugLevel debug;

    private EngineMemory mem;
    private FrameArena frame;
    private Pool pool;
    private final long[] ring = new long[N];
    private final long[] batch = new long[BATCH];
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(debug));
        frame = mem.frame();
        pool = mem.pool("cost", 64);
        for (int i = 0; i < N; i++) {
            ring[i] = pool.alloc();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (long a : ring) {
            pool.free(a);
        }
        mem.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long frameAlloc64() {
        frame.begin();
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += frame.alloc(64, 8);
        }
        frame.end();
        return sum;
    }

    @Benchmark
    public long poolAllocFree64() {
        int k = next++ & (N - 1);
        pool.free(ring[k]);
        return ring[k] = pool.alloc();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long poolHotLifo64() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            long a = pool.alloc();
            batch[i] = a;
            sum += a;
        }
        for (int i = BATCH - 1; i >= 0; i--) {
            pool.free(batch[i]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long jemallocHotLifo64() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            long a = JEmalloc.nje_malloc(64);
            batch[i] = a;
            sum += a;
        }
        for (int i = BATCH - 1; i >= 0; i--) {
            JEmalloc.nje_free(batch[i]);
        }
        return sum;
    }

    @Benchmark
    public long jemallocMallocFree64() {
        return free(JEmalloc.nje_malloc(64));
    }

    private static long free(long a) {
        JEmalloc.nje_free(a);
        return a;
    }
}
