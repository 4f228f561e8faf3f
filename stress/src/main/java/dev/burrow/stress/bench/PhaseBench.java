package dev.burrow.stress.bench;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
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
 * What a frame phase costs (issue 12's target: within 1.1x): {@value #N} 64-byte frame allocations per frame without
 * a phase ({@code frameAlloc}, the baseline) and with one open ({@code burrowAllocInPhase}). Per allocation; both
 * begin and end a frame per invocation.
 */
@Fork(3) // a target with little headroom: the median over three JVMs, whose layouts and JIT choices differ
@State(Scope.Thread)
public class PhaseBench {
    static final int N = 1000;

    @Param({"OFF", "SIMPLE"})
    public DebugLevel debug;

    private EngineMemory mem;
    private FrameArena frame;

    @Setup(Level.Trial)
    public void setup() {
        mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(debug).frameArenaBytes(1L << 20));
        frame = mem.frame();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mem.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long frameAlloc() {
        frame.begin();
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += frame.alloc(64, 8);
        }
        frame.end();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long burrowAllocInPhase() {
        frame.begin();
        frame.beginPhase("bench");
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += frame.alloc(64, 8);
        }
        frame.endPhase();
        frame.end();
        return sum;
    }
}
