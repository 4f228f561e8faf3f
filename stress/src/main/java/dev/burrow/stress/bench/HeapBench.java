package dev.burrow.stress.bench;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.SizeClassHeap;
import org.lwjgl.system.jemalloc.JEmalloc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.SplittableRandom;

/**
 * The size-class heap against jemalloc: each operation frees a random block of a random live set of {@value #LIVE}
 * and allocates a replacement of a random size, 16 to 1024 bytes. Scores are per free + alloc pair.
 */
@Fork(3) // a target with little headroom: the median over three JVMs, whose layouts and JIT choices differ
@State(Scope.Thread)
public class HeapBench {
    static final int LIVE = 10_000;
    private static final int PICKS = 1 << 16;

    /** The heap, at the level of the parameter. */
    @State(Scope.Thread)
    public static class Heap {
        @Param({"OFF", "SIMPLE"})
        public DebugLevel level;
        EngineMemory mem;
        SizeClassHeap heap;
        final long[] blocks = new long[LIVE];

        @Setup(Level.Trial)
        public void setup(HeapBench b) {
            mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(level));
            heap = mem.heap("bench");
            for (int i = 0; i < LIVE; i++) {
                blocks[i] = heap.alloc(b.sizes[i]);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            for (long b : blocks) {
                heap.free(b); // a clean close: no leak report in the benchmark's output
            }
            heap.close();
            mem.close();
        }
    }

    final int[] sizes = new int[PICKS];
    private final int[] picks = new int[PICKS];
    private final long[] mallocs = new long[LIVE];
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < PICKS; i++) {
            sizes[i] = 16 + rnd.nextInt(1024 - 16 + 1);
            picks[i] = rnd.nextInt(LIVE);
        }
        for (int i = 0; i < LIVE; i++) {
            mallocs[i] = JEmalloc.nje_malloc(sizes[i]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (long m : mallocs) {
            JEmalloc.nje_free(m);
        }
    }

    @Benchmark
    public long burrowHeapAllocFree(Heap h) {
        int i = next++ & (PICKS - 1);
        int k = picks[i];
        h.heap.free(h.blocks[k]);
        return h.blocks[k] = h.heap.alloc(sizes[i]);
    }

    @Benchmark
    public long jemallocMallocFree() {
        int i = next++ & (PICKS - 1);
        int k = picks[i];
        JEmalloc.nje_free(mallocs[k]);
        return mallocs[k] = JEmalloc.nje_malloc(sizes[i]);
    }
}
