package dev.burrow.stress.bench;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameIntList;
import dev.burrow.memory.MemoryConfig;
import org.lwjgl.system.MemoryUtil;
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
 * What a frame collection costs (issue 12's target: within 1.5x, 0 B/op): {@value #N} ints written then read back by
 * hand-written {@code memPutInt(base + 4L * i)} over a frame allocation ({@code rawIntLoop}, the baseline) and through
 * a {@link FrameIntList} ({@code burrowIntList}). Per element; both begin and end a frame per invocation.
 */
@Fork(1)
@State(Scope.Thread)
public class FrameCollectionBench {
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
    public long rawIntLoop() {
        frame.begin();
        long base = frame.alloc(4L * N, 4);
        for (int i = 0; i < N; i++) {
            MemoryUtil.memPutInt(base + 4L * i, i);
        }
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += MemoryUtil.memGetInt(base + 4L * i);
        }
        frame.end();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long burrowIntList() {
        frame.begin();
        FrameIntList list = frame.intList(N);
        for (int i = 0; i < N; i++) {
            list.add(i);
        }
        long sum = 0;
        for (int i = 0; i < list.size(); i++) {
            sum += list.get(i);
        }
        frame.end();
        return sum;
    }
}
