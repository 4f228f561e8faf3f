package dev.burrow.stress.bench;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.MemoryConfig;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.jemalloc.JEmalloc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.SplittableRandom;

/**
 * A level's worth of memory: {@value #N} allocations of mixed sizes (8..256 B), then all of it freed. Score is
 * per whole level (100k allocations and the release). Baselines: 100k jemalloc malloc + 100k free, and a
 * jemalloc explicit arena ({@code arenas.create}, {@code mallocx} without the thread cache,
 * {@code arena.<i>.destroy}).
 */
@Fork(1)
@State(Scope.Thread)
public class GroupBench {
    static final int N = 100_000;
    private static final int MALLOCX_ARENA_SHIFT = 20;

    private EngineMemory mem;
    private final int[] sizes = new int[N];
    private final long[] addresses = new long[N];

    @Setup(Level.Trial)
    public void setup() {
        mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(DebugLevel.OFF));
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < N; i++) {
            sizes[i] = 8 + rnd.nextInt(249);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mem.close();
    }

    @Benchmark
    public long burrowGroup100kThenClose() {
        LevelGroup g = mem.group("bench-level");
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += g.alloc(sizes[i], 8);
        }
        g.close();
        return sum;
    }

    @Benchmark
    public long jemalloc100kMallocFree() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            addresses[i] = JEmalloc.nje_malloc(sizes[i]);
        }
        for (int i = 0; i < N; i++) {
            sum += addresses[i];
            JEmalloc.nje_free(addresses[i]);
        }
        return sum;
    }

    @Benchmark
    public long jemallocArenaCreateMallocxDestroy() {
        int arena = createArena();
        int flags = ((arena + 1) << MALLOCX_ARENA_SHIFT) | JEmalloc.MALLOCX_TCACHE_NONE;
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += JEmalloc.nje_mallocx(sizes[i], flags);
        }
        destroyArena(arena);
        return sum;
    }

    private static int createArena() {
        try (MemoryStack s = MemoryStack.stackPush()) {
            long idx = s.nmalloc(4, 4);
            long len = s.nmalloc(8, 8);
            MemoryUtil.memPutLong(len, 4);
            int err = JEmalloc.nje_mallctl(MemoryUtil.memAddress(s.ASCII("arenas.create")), idx, len, 0, 0);
            if (err != 0) {
                throw new IllegalStateException("arenas.create failed: " + err);
            }
            return MemoryUtil.memGetInt(idx);
        }
    }

    private static void destroyArena(int arena) {
        try (MemoryStack s = MemoryStack.stackPush()) {
            int err = JEmalloc.nje_mallctl(MemoryUtil.memAddress(s.ASCII("arena." + arena + ".destroy")), 0, 0, 0, 0);
            if (err != 0) {
                throw new IllegalStateException("arena." + arena + ".destroy failed: " + err);
            }
        }
    }
}
