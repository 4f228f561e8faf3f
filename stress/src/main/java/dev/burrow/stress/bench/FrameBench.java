package dev.burrow.stress.bench;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
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
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;

/**
 * Per-frame allocation: {@value #N} allocations of {@code size} bytes, then everything released, per invocation.
 * Scores are per allocation. Baselines are what a user would write instead: LWJGL's own MemoryStack,
 * jemalloc malloc/free, LWJGL's MemoryUtil, direct ByteBuffers and plain Java arrays (GC included).
 */
@Fork(1)
@State(Scope.Thread)
public class FrameBench {
    static final int N = 1000;

    @Param({"16", "64", "256", "4096"})
    public int size;

    private EngineMemory mem;
    private FrameArena frame;
    private MemoryStack stack;
    private final long[] addresses = new long[N];

    @Setup(Level.Trial)
    public void setup() {
        mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(DebugLevel.OFF).frameArenaBytes(8L << 20));
        frame = mem.frame();
        stack = MemoryStack.create(8 << 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mem.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long burrowFrameAlloc() {
        frame.begin();
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += frame.alloc(size, 8);
        }
        frame.end();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long lwjglMemoryStack() {
        MemoryStack s = stack.push();
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += s.nmalloc(8, size);
        }
        s.pop();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jemallocMallocFree() {
        long[] a = addresses;
        for (int i = 0; i < N; i++) {
            a[i] = JEmalloc.nje_malloc(size);
        }
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += a[i];
            JEmalloc.nje_free(a[i]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long memUtilAllocFree() {
        long[] a = addresses;
        for (int i = 0; i < N; i++) {
            a[i] = MemoryUtil.nmemAlloc(size);
        }
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += a[i];
            MemoryUtil.nmemFree(a[i]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void byteBufferAllocateDirect(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(ByteBuffer.allocateDirect(size));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void javaByteArray(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(new byte[size]);
        }
    }
}
