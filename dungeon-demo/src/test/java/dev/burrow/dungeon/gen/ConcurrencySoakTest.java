package dev.burrow.dungeon.gen;

import dev.burrow.memory.ConcurrentPool;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.Severity;
import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Four threads generate 1000 levels in parallel, each with its own frame arena and groups; a fifth frees slots of
 * a concurrent pool owned by the test thread. Every level is valid and hashes as it does on one thread; every
 * counter is exact at the end.
 */
class ConcurrencySoakTest {
    private static final int THREADS = 4;
    private static final int LEVELS = 1000;

    @Test
    void fourGeneratorThreadsAndACrossThreadFreer() throws Exception {
        Generator gen = Generator.builtIn();
        long[] expected = new long[LEVELS];
        try (EngineMemory single = EngineMemory.create(MemoryConfig.defaults())) {
            for (int i = 0; i < LEVELS; i++) {
                try (Level l = gen.generate(single, 50_000 + i, 1 + i % 12, 80, 50)) {
                    expected[i] = l.hash();
                }
            }
        }
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().strict(true))) {
            long baseline = mem.nativeBytes();
            ConcurrentPool shared = mem.concurrentPool("soak::shared", 32);
            BlockingQueue<Long> toFree = new ArrayBlockingQueue<>(1024);
            AtomicLong freed = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            Future<?> freer = pool.submit(() -> {
                try {
                    for (long a; (a = toFree.take()) != 0L; ) {
                        assertEquals(a, MemoryUtil.memGetLong(a), "slot intact when freed from another thread");
                        shared.free(a);
                        freed.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            Future<?>[] workers = new Future<?>[THREADS];
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                workers[t] = pool.submit(() -> {
                    FrameArena frame = mem.frame();
                    for (int i = first; i < LEVELS; i += THREADS) {
                        try (Level l = gen.generate(mem, 50_000 + i, 1 + i % 12, 80, 50)) {
                            List<String> problems = Validator.check(l, frame);
                            assertEquals(List.of(), problems, "level " + i);
                            assertEquals(expected[i], l.hash(), "level " + i + " hashes as on one thread");
                        }
                    }
                    frame.release();
                    return null;
                });
            }
            long handedOut = 0;
            while (!allDone(workers)) {
                long a = shared.alloc();
                MemoryUtil.memPutLong(a, a);
                toFree.put(a);
                handedOut++;
            }
            toFree.put(0L);
            for (Future<?> w : workers) {
                w.get(10, TimeUnit.MINUTES); // rethrows a worker's assertion
            }
            freer.get(1, TimeUnit.MINUTES);
            pool.shutdown();
            shared.drain();
            assertEquals(handedOut, freed.get());
            assertEquals(handedOut, shared.allocs());
            assertEquals(handedOut, shared.frees(), "every cross-thread free arrived");
            assertEquals(0, shared.live());
            shared.close();
            assertEquals(0, mem.snapshot().groupCount(), "every level's group closed");
            assertEquals(0, mem.snapshot().frameCount(), "every worker released its arena");
            assertEquals(baseline, mem.nativeBytes(), "native bytes back to where they were before the soak");
            assertEquals(0, mem.snapshot().diagnosticsTotal(Severity.ERROR));
        }
    }

    private static boolean allDone(Future<?>[] fs) {
        for (Future<?> f : fs) {
            if (!f.isDone()) {
                return false;
            }
        }
        return true;
    }
}
