package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.jemalloc.JEmalloc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The size-class heap: classes, large blocks, frees from any thread, misuse, budgets, leaks, adoption. */
class SizeClassHeapTest {

    @Test
    void everySizeGetsTheSmallestClassThatHoldsIt() {
        for (int size = 0; size <= SizeClasses.MAX_SMALL; size++) {
            int c = SizeClasses.of(size);
            assertTrue(SizeClasses.BYTES[c] >= Math.max(size, 1), "class of " + size);
            assertTrue(c == 0 || SizeClasses.BYTES[c - 1] < size, "smallest class for " + size);
        }
        for (int bytes : SizeClasses.BYTES) {
            assertEquals(0, bytes % 16, "every class keeps malloc's 16-byte alignment");
        }
        assertEquals(SizeClasses.of(64), SizeClasses.of(16, 64), "aligned requests take a power-of-two class");
        assertEquals(SizeClasses.of(128), SizeClasses.of(100, 32));
        assertEquals(-1, SizeClasses.of(16, 128), "alignments over 64 get a block of their own");
        assertEquals(-1, SizeClasses.of(SizeClasses.MAX_SMALL + 1, 16));
    }

    @ParameterizedTest
    @EnumSource(DebugLevel.class)
    void blocksOfEverySizeAreDistinctWritableAlignedAndAllGoBack(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            long baseline = mem.nativeBytes();
            SizeClassHeap heap = mem.heap("odd");
            Random rnd = new Random(7);
            TreeMap<Long, Integer> live = new TreeMap<>();
            for (int i = 0; i < 3000; i++) {
                int size = i % 50 == 0 ? 4097 + rnd.nextInt(20000) : rnd.nextInt(SizeClasses.MAX_SMALL + 1);
                long p = heap.alloc(size);
                assertNotEquals(0, p);
                assertEquals(0, p & 15, "16-byte aligned");
                MemoryUtil.memSet(p, (byte) i, size);
                live.put(p, size);
            }
            long end = 0;
            for (var e : live.entrySet()) {
                assertTrue(e.getKey() >= end, "blocks overlap at 0x" + Long.toHexString(e.getKey()));
                end = e.getKey() + e.getValue();
            }
            assertEquals(3000, heap.liveBlocks());
            assertTrue(heap.largeBlocks() > 0);
            for (long p : live.keySet()) {
                heap.free(p);
            }
            assertEquals(0, heap.liveBlocks());
            assertEquals(0, heap.liveBytes());
            heap.close();
            assertEquals(baseline, mem.nativeBytes(), "every slab and large block went back");
            assertEquals(List.of(), Engines.captured(mem));
        }
    }

    @Test
    void alignedAllocationsAreAligned() {
        try (EngineMemory mem = Engines.create()) {
            SizeClassHeap heap = mem.heap("aligned");
            for (int align = 1; align <= 4096; align <<= 1) {
                for (int size : new int[] {1, 40, 700, 5000}) {
                    long p = heap.alloc(size, align);
                    assertEquals(0, p % align, size + " bytes aligned to " + align);
                    assertTrue(heap.usableSize(p) >= size);
                    heap.free(p);
                }
            }
            assertEquals(0, heap.liveBlocks());
        }
    }

    @Test
    void reallocKeepsTheContentsAndStaysInPlaceWithinAClass() {
        try (EngineMemory mem = Engines.create()) {
            SizeClassHeap heap = mem.heap("grow");
            long p = heap.alloc(40);
            for (int i = 0; i < 40; i++) {
                MemoryUtil.memPutByte(p + i, (byte) i);
            }
            assertEquals(p, heap.realloc(p, 48), "40 and 48 bytes share a class");
            long q = heap.realloc(p, 6000);
            assertNotEquals(p, q);
            for (int i = 0; i < 40; i++) {
                assertEquals((byte) i, MemoryUtil.memGetByte(q + i));
            }
            long r = heap.realloc(q, 20);
            assertEquals(19, MemoryUtil.memGetByte(r + 19));
            assertEquals(0, heap.realloc(r, 0), "realloc to 0 frees");
            assertEquals(0, heap.liveBlocks());
            long c = heap.calloc(300);
            for (int i = 0; i < 300; i++) {
                assertEquals(0, MemoryUtil.memGetByte(c + i));
            }
            heap.free(c);
        }
    }

    @Test
    void blocksFreedByOtherThreadsReachTheirOwner() throws Exception {
        try (EngineMemory mem = Engines.create()) {
            long baseline = mem.nativeBytes();
            SizeClassHeap main = mem.heap("shared");
            long[] mine = new long[500];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = main.alloc(24 + i % 900);
            }
            long big = main.alloc(100_000);
            AtomicReference<long[]> theirs = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                SizeClassHeap w = mem.heap("shared");
                for (long p : mine) {
                    w.free(p); // blocks of main's heap: handed to main through its ring
                }
                w.free(big);   // a large block: freed at once, by this thread
                long[] t = new long[300];
                for (int i = 0; i < t.length; i++) {
                    t[i] = w.alloc(16 + i);
                }
                theirs.set(t);
            }, "heap-worker");
            worker.start();
            worker.join();
            assertEquals(0, main.largeBlocks());
            for (long p : theirs.get()) {
                main.free(p); // the worker died: its heap is adopted by the first thread that frees into it
            }
            main.drain();
            assertEquals(0, main.liveBlocks(), "every hand-over applied");
            assertEquals(List.of(), Engines.captured(mem));
            SizeClassHeap again = mem.heap("shared");
            assertSame(main, again);
            mem.close();
            assertEquals(baseline, mem.nativeBytes());
        }
    }

    @Test
    void aHeapOfADeadThreadIsAdoptedByTheNextThreadAskingForItsName() throws Exception {
        try (EngineMemory mem = Engines.create()) {
            AtomicReference<SizeClassHeap> dead = new AtomicReference<>();
            AtomicLong block = new AtomicLong();
            Thread t = new Thread(() -> {
                SizeClassHeap h = mem.heap("short-lived");
                block.set(h.alloc(100));
                dead.set(h);
            });
            t.start();
            t.join();
            SizeClassHeap mine = mem.heap("short-lived");
            assertSame(dead.get(), mine, "no new heap per thread that came and went");
            mine.free(block.get());
            assertEquals(0, mine.liveBlocks());
            assertEquals(List.of(), Engines.captured(mem));
        }
    }

    @Test
    void misuseIsRefusedWithItsCode() throws Exception {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false))) {
            SizeClassHeap heap = mem.heap("misuse");
            long a = heap.alloc(64);
            heap.free(a);
            heap.free(a);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM101), "double free of a small block");
            long b = heap.alloc(64);
            heap.free(b + 16);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM102), "interior pointer");
            long large = heap.alloc(50_000);
            heap.free(large);
            heap.free(large);
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM101), "double free of a large block");
            long stranger = JEmalloc.nje_malloc(72);
            try {
                heap.free(stranger);
                // EM102; or EM101 when jemalloc gave it an address Burrow freed a large block at moments ago
                assertEquals(4, mem.diagnosticCount(DiagnosticCode.EM102) + mem.diagnosticCount(DiagnosticCode.EM101),
                    "a block the heap never gave is refused");
            } finally {
                JEmalloc.nje_free(stranger);
            }
            long refused = mem.diagnosticCount(DiagnosticCode.EM102);
            heap.free(-64);
            assertEquals(refused + 1, mem.diagnosticCount(DiagnosticCode.EM102));
            Thread t = new Thread(() -> heap.alloc(32));
            t.start();
            t.join();
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM301), "allocation from a thread that does not own it");
            heap.free(b);
            heap.close();
            assertEquals(0, heap.alloc(10));
            assertTrue(mem.diagnosticCount(DiagnosticCode.EM105) >= 1, "use after close");
        }
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(true))) {
            SizeClassHeap heap = mem.heap("strict");
            long a = heap.alloc(100_000);
            heap.free(a);
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> heap.free(a));
            assertEquals(DiagnosticCode.EM101, e.code());
            assertEquals(DiagnosticCode.EM007, assertThrows(MemoryDiagnosticException.class,
                () -> heap.alloc(SizeClassHeap.MAX_ALLOC + 1)).code());
        }
    }

    @Test
    void hardBudgetsHoldForSmallAndLargeBlocks() {
        try (EngineMemory mem = Engines.create()) {
            mem.budget("ui", 1024, 8192);
            SizeClassHeap heap = mem.heap("ui::text");
            List<Long> blocks = new ArrayList<>();
            MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> {
                for (;;) {
                    blocks.add(heap.alloc(1000)); // class 1024
                }
            });
            assertEquals("ui", e.tag());
            assertEquals(8, blocks.size());
            assertThrows(MemoryBudgetExceededException.class, () -> heap.alloc(9000));
            MemorySnapshot s = mem.snapshot();
            assertEquals(8192, s.tag("ui").liveBytes());
            assertEquals(8192, s.tag("ui::text").liveBytes());
            blocks.forEach(heap::free);
            long big = heap.alloc(8000);
            assertEquals(8000, mem.snapshot().tag("ui").liveBytes());
            heap.free(big);
            assertEquals(0, mem.snapshot().tag("ui").liveBytes());
            assertTrue(mem.diagnosticCount(DiagnosticCode.EM501) >= 1, "the soft budget warned");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"SIMPLE", "PARANOID"})
    void leaksAtEngineCloseNameTheirSite(DebugLevel level) {
        EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level));
        long baseline = mem.nativeBytes();
        SizeClassHeap heap = mem.heap("leaky");
        heap.alloc(40);
        heap.alloc(20_000);
        mem.close();
        assertEquals(baseline, mem.nativeBytes(), "leaked blocks are freed with the engine");
        List<String> lines = Engines.captured(mem);
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("[EM603] heap \"leaky\" still open at engine close with 2 live block(s)"), line);
        if (!Engines.killSwitch() || level == DebugLevel.PARANOID) {
            assertTrue(line.contains("SizeClassHeapTest.leaksAtEngineCloseNameTheirSite"), line);
        }
    }

    @Test
    void snapshotsShowHeapsByClassAndTheirTags() {
        try (EngineMemory mem = Engines.create()) {
            SizeClassHeap heap = mem.heap("ui::labels");
            long a = heap.alloc(30);
            long b = heap.alloc(30);
            long c = heap.alloc(5000);
            MemorySnapshot s = mem.snapshot();
            assertEquals(1, s.heapCount());
            MemorySnapshot.HeapStats h = s.heap(0);
            assertEquals("ui::labels", h.name());
            assertEquals(Thread.currentThread().getName(), h.thread());
            assertEquals(3, h.liveBlocks());
            assertEquals(2 * 32 + 5000, h.liveBytes());
            if (!Engines.killSwitch()) {
                assertEquals(2, h.classLive(SizeClasses.of(30)));
                assertEquals(1, h.classSlabs(SizeClasses.of(30)));
            }
            assertEquals(2 * 32 + 5000, s.tag("ui").liveBytes());
            String json = s.toJson();
            assertTrue(json.contains("\"heaps\":[{\"name\":\"ui::labels\""), json);
            heap.free(a);
            heap.free(b);
            heap.free(c);
        }
    }

    @Test
    void manyThreadsFreeIntoOneOwnerWhileItAllocates() throws Exception {
        try (EngineMemory mem = Engines.create()) {
            SizeClassHeap owner = mem.heap("busy");
            int n = 20_000;
            long[] blocks = new long[n];
            for (int i = 0; i < n; i++) {
                blocks[i] = owner.alloc(16 + (i % 200) * 8);
            }
            CountDownLatch go = new CountDownLatch(1);
            Thread[] freers = new Thread[4];
            for (int t = 0; t < freers.length; t++) {
                int from = t;
                freers[t] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = from; i < n; i += 4) {
                        owner.free(blocks[i]);
                    }
                });
                freers[t].start();
            }
            go.countDown();
            long extra = 0;
            for (int i = 0; i < 5000; i++) {
                long p = owner.alloc(64);
                owner.free(p);
                extra++;
            }
            for (Thread t : freers) {
                t.join();
            }
            owner.drain();
            assertEquals(0, owner.liveBlocks());
            assertEquals(n + extra, owner.frees());
            assertEquals(List.of(), Engines.captured(mem));
        }
    }
}
