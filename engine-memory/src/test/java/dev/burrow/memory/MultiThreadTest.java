package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two worker threads churn their own frame arenas and confined pools while a producer hands slots of a
 * concurrent pool to them to free cross-thread: 1M operations, no slot lost or handed out twice, counters exact.
 */
class MultiThreadTest {
    private static final java.util.concurrent.atomic.AtomicLong sharedFreed = new java.util.concurrent.atomic.AtomicLong();
    private static final int WORKERS = 2;
    private static final int SHARED_SLOTS = 200_000;     // produced by the owner, freed by workers
    private static final int LOCAL_OPS = 300_000;        // per worker, own arena and pool

    @Test
    void ownArenasAndPoolsPlusCrossThreadFrees() throws Exception {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(true))) {
            long baseline = mem.nativeBytes();
            ConcurrentPool shared = mem.concurrentPool("shared", 32);
            Set<Long> outstanding = ConcurrentHashMap.newKeySet();
            BlockingQueue<Long> toFree = new ArrayBlockingQueue<>(4096);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(WORKERS);
            long[] workerOps = new long[WORKERS];
            sharedFreed.set(0);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int id = w;
                Thread t = new Thread(() -> {
                    try {
                        workerOps[id] = work(mem, id, shared, outstanding, toFree);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                }, "worker-" + w);
                threads.add(t);
                t.start();
            }
            // The owner allocates; workers verify and free from their threads.
            for (int i = 0; i < SHARED_SLOTS && failure.get() == null; i++) {
                long a = shared.alloc();
                assertTrue(outstanding.add(a), "slot 0x" + Long.toHexString(a) + " handed out while still live");
                MemoryUtil.memPutLong(a, a ^ 0x5EED);
                MemoryUtil.memPutLong(a + 24, ~a);
                while (!toFree.offer(a, 10, TimeUnit.MILLISECONDS)) {
                    assertNull(failure.get());
                }
            }
            for (int w = 0; w < WORKERS; w++) {
                toFree.put(0L); // poison pill
            }
            assertTrue(done.await(120, TimeUnit.SECONDS), "workers finished");
            if (failure.get() != null) {
                throw new AssertionError("worker failed", failure.get());
            }
            shared.drain();
            assertEquals(0, shared.live(), "every cross-thread free arrived");
            assertEquals(SHARED_SLOTS, shared.allocs());
            assertEquals(SHARED_SLOTS, shared.frees());
            assertTrue(shared.capacity() < SHARED_SLOTS / 4, "slots were reused, capacity " + shared.capacity());
            assertTrue(outstanding.isEmpty());
            for (int w = 0; w < WORKERS; w++) {
                assertEquals(4L * LOCAL_OPS, workerOps[w], "worker " + w + " did all its local operations");
            }
            assertEquals(SHARED_SLOTS, sharedFreed.get(), "workers freed every shared slot between them");
            shared.close();
            assertEquals(baseline, mem.nativeBytes());
            assertEquals(0, mem.snapshot().diagnosticsTotal(Severity.ERROR));
        }
    }

    private static long work(EngineMemory mem, int id, ConcurrentPool shared, Set<Long> outstanding,
                             BlockingQueue<Long> toFree) throws InterruptedException {
        FrameArena frame = mem.frame();
        Pool own = mem.pool("worker-" + id, 48);
        long[] live = new long[64];
        int n = 0;
        long ops = 0;
        int localLeft = LOCAL_OPS;
        boolean sharedDone = false;
        while (!sharedDone || localLeft > 0) {
            if (localLeft > 0) {
                frame.begin();
                long p = frame.alloc(256, 16);
                MemoryUtil.memPutLong(p, id);
                if (n < live.length) {
                    live[n] = own.alloc();
                    MemoryUtil.memPutLong(live[n], live[n]);
                    n++;
                } else {
                    int k = (int) (ops % n);
                    if (MemoryUtil.memGetLong(live[k]) != live[k]) {
                        throw new AssertionError("worker " + id + " slot corrupted");
                    }
                    own.free(live[k]);
                    live[k] = live[--n];
                }
                if (MemoryUtil.memGetLong(p) != id) {
                    throw new AssertionError("frame memory corrupted");
                }
                frame.end();
                ops += 4; // begin, alloc, pool op, end
                localLeft--;
            }
            if (!sharedDone) {
                Long a = localLeft > 0 ? toFree.poll() : toFree.poll(10, TimeUnit.MILLISECONDS);
                if (a != null) {
                    if (a == 0L) {
                        sharedDone = true;
                    } else {
                        if (MemoryUtil.memGetLong(a) != (a ^ 0x5EED) || MemoryUtil.memGetLong(a + 24) != ~a) {
                            throw new AssertionError("shared slot corrupted before free");
                        }
                        if (!outstanding.remove(a)) {
                            throw new AssertionError("slot freed twice");
                        }
                        shared.free(a);
                        sharedFreed.incrementAndGet();
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            own.free(live[i]);
        }
        assertEquals(0, own.live());
        own.close();
        frame.release();
        return ops;
    }
}
