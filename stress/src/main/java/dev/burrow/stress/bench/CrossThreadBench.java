package dev.burrow.stress.bench;

import dev.burrow.memory.ConcurrentPool;
import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.Pool;
import org.lwjgl.system.jemalloc.JEmalloc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Three threads at once, as a game with a worker would run them: the main thread uses its frame arena and a
 * concurrent pool whose slots it hands to a third thread, a second thread uses its own arena and pool, and the third
 * thread frees what it is handed (into the concurrent pool: a value through its ring, applied when the owner next
 * allocates). The baseline does the same with jemalloc malloc/free on all three threads. The hand-over queue is the
 * same simple ring in both. Scores are per allocation (per poll of the hand-over ring, for the freeing thread), per thread.
 */
@Fork(1)
@State(Scope.Group)
public class CrossThreadBench {
    static final int N = 256;
    private static final int HANDOFF = 4096;

    private EngineMemory mem;
    private ConcurrentPool shared;
    private final Handoff handoff = new Handoff(HANDOFF);

    /** A single-producer, single-consumer ring of addresses: the benchmark's own plumbing, the same for both groups. */
    static final class Handoff {
        private final AtomicLongArray cells;
        private final int mask;
        private volatile long head;
        private volatile long tail;

        Handoff(int size) {
            cells = new AtomicLongArray(size);
            mask = size - 1;
        }

        boolean offer(long v) {
            long t = tail;
            if (t - head == cells.length()) {
                return false;
            }
            cells.lazySet((int) (t & mask), v);
            tail = t + 1;
            return true;
        }

        long poll() {
            long h = head;
            if (h == tail) {
                return 0;
            }
            long v = cells.get((int) (h & mask));
            head = h + 1;
            return v;
        }
    }

    /** Each thread's own arena and pool. */
    @State(Scope.Thread)
    public static class Local {
        FrameArena frame;
        Pool pool;
        final long[] slots = new long[N];

        @Setup(Level.Trial)
        public void setup(CrossThreadBench b) {
            frame = b.mem.frame();
            pool = b.mem.pool("local-" + Thread.currentThread().getId(), 64);
        }
    }

    /**
     * The main thread's side: it takes ownership of the concurrent pool, which the group's setup created on whichever
     * JMH thread ran it (without this, every alloc was refused with EM301 and logged: the figure measured the log).
     */
    @State(Scope.Thread)
    public static class Owner {
        @Setup(Level.Trial)
        public void setup(CrossThreadBench b) {
            b.shared.claim();
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(DebugLevel.OFF));
        shared = mem.concurrentPool("shared", 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (long a = handoff.poll(); a != 0; a = handoff.poll()) {
            if (a > 0) {
                shared.free(a);
            } else {
                JEmalloc.nje_free(-a);
            }
        }
        mem.close();
    }

    // ---------------------------------------------------------------- Burrow

    /** The main thread: frame allocations, and slots of the concurrent pool handed to the freeing thread. */
    @Benchmark
    @Group("burrow")
    @GroupThreads(1)
    @OperationsPerInvocation(2 * N)
    public long burrowOwner(Local l, Owner o) {
        long sum = 0;
        l.frame.begin();
        for (int i = 0; i < N; i++) {
            sum += l.frame.alloc(64, 8);
            long a = shared.alloc();
            if (!handoff.offer(a)) {
                shared.free(a); // the freeing thread is behind: free it here
            }
        }
        l.frame.end();
        return sum;
    }

    /** A second thread with its own arena and pool. */
    @Benchmark
    @Group("burrow")
    @GroupThreads(1)
    @OperationsPerInvocation(2 * N)
    public long burrowWorker(Local l) {
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

    /** The third thread: frees what the main thread handed over, into the concurrent pool. */
    @Benchmark
    @Group("burrow")
    @GroupThreads(1)
    @OperationsPerInvocation(2 * N)
    public long burrowFreer() {
        long n = 0;
        for (int i = 0; i < 2 * N; i++) {
            long a = handoff.poll();
            if (a != 0) {
                shared.free(a);
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- jemalloc on all three threads

    @Benchmark
    @Group("jemalloc")
    @GroupThreads(1)
    @OperationsPerInvocation(2 * N)
    public long jemallocOwner(Local l) {
        long sum = 0;
        long[] scratch = l.slots;
        for (int i = 0; i < N; i++) {
            scratch[i] = JEmalloc.nje_malloc(64);
            long a = JEmalloc.nje_malloc(64);
            if (!handoff.offer(-a)) {
                JEmalloc.nje_free(a);
            }
        }
        for (int i = 0; i < N; i++) {
            sum += scratch[i];
            JEmalloc.nje_free(scratch[i]);
        }
        return sum;
    }

    @Benchmark
    @Group("jemalloc")
    @GroupThreads(1)
    @OperationsPerInvocation(2 * N)
    public long jemallocWorker(Local l) {
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

    @Benchmark
    @Group("jemalloc")
    @GroupThreads(1)
    @OperationsPerInvocation(2 * N)
    public long jemallocFreer() {
        long n = 0;
        for (int i = 0; i < 2 * N; i++) {
            long a = handoff.poll();
            if (a != 0) {
                JEmalloc.nje_free(-a);
                n++;
            }
        }
        return n;
    }
}
