package dev.burrow.stress.bench;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.Pool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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
 * Churn over a random live set of {@value #LIVE} objects: each operation frees (or releases) a random live one and
 * allocates a replacement, so scores are per alloc+free pair. Baselines: jemalloc malloc/free of the same size,
 * Netty's pooled direct allocator, and a libGDX-style pool of Java objects.
 */
@Fork(3) // a target with little headroom: the median over three JVMs, whose layouts and JIT choices differ
@State(Scope.Thread)
public class PoolBench {
    static final int LIVE = 10_000;
    private static final int PICKS = 1 << 16;

    @Param({"16", "64", "256", "4096"})
    public int size;

    private EngineMemory mem;
    private Pool pool;
    private Pool handlePool;
    private final long[] addresses = new long[LIVE];
    private final long[] mallocs = new long[LIVE];
    private final int[] handles = new int[LIVE];
    private final ByteBuf[] bufs = new ByteBuf[LIVE];
    private final Blob[] blobs = new Blob[LIVE];
    private BlobPool blobPool;
    private final int[] picks = new int[PICKS];
    private int next;

    /** The object a Java game would pool: a fixed-size payload. */
    static final class Blob {
        final long[] payload;

        Blob(int bytes) {
            payload = new long[Math.max(1, bytes / 8)];
        }
    }

    /** libGDX's Pool in miniature: an array stack of free objects, new ones when empty. */
    static final class BlobPool {
        private final int bytes;
        private Blob[] free = new Blob[64];
        private int count;

        BlobPool(int bytes) {
            this.bytes = bytes;
        }

        Blob obtain() {
            return count == 0 ? new Blob(bytes) : free[--count];
        }

        void free(Blob b) {
            if (count == free.length) {
                free = java.util.Arrays.copyOf(free, count * 2);
            }
            free[count++] = b;
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(DebugLevel.OFF));
        pool = mem.pool("bench", size);
        handlePool = mem.pool("bench-handles", size);
        blobPool = new BlobPool(size);
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < PICKS; i++) {
            picks[i] = rnd.nextInt(LIVE);
        }
        for (int i = 0; i < LIVE; i++) {
            addresses[i] = pool.alloc();
            handles[i] = handlePool.acquire();
            mallocs[i] = JEmalloc.nje_malloc(size);
            bufs[i] = PooledByteBufAllocator.DEFAULT.directBuffer(size);
            blobs[i] = blobPool.obtain();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (int i = 0; i < LIVE; i++) {
            JEmalloc.nje_free(mallocs[i]);
            bufs[i].release();
            pool.free(addresses[i]); // a clean close: no leak report in the benchmark's output
            handlePool.release(handles[i]);
        }
        mem.close();
    }

    private int pick() {
        return picks[next++ & (PICKS - 1)];
    }

    @Benchmark
    public long burrowPoolAllocFree() {
        int k = pick();
        pool.free(addresses[k]);
        return addresses[k] = pool.alloc();
    }

    @Benchmark
    public long burrowPoolHandles() {
        int k = pick();
        handlePool.release(handles[k]);
        int h = handlePool.acquire();
        handles[k] = h;
        return handlePool.address(h);
    }

    @Benchmark
    public long jemallocMallocFree() {
        int k = pick();
        JEmalloc.nje_free(mallocs[k]);
        return mallocs[k] = JEmalloc.nje_malloc(size);
    }

    @Benchmark
    public Object nettyPooledDirect() {
        int k = pick();
        bufs[k].release();
        return bufs[k] = PooledByteBufAllocator.DEFAULT.directBuffer(size);
    }

    @Benchmark
    public Object javaObjectPool() {
        int k = pick();
        blobPool.free(blobs[k]);
        return blobs[k] = blobPool.obtain();
    }
}
