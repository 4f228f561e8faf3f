package dev.burrow.memory;

import dev.burrow.games.StaleFreeGame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.lwjgl.system.MemoryUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The native-memory pieces of issue 13 (size-class heap, LWJGL allocator, streaming budgets, compaction) used the
 * way a careless or hostile game would. Each test does its misuse and checks that it is refused with its code
 * (counted when lenient, thrown when strict), that nothing else changed (live blocks keep their bytes), and that the
 * counters stay exact (native bytes back to the baseline, no negative figures). Cases that used to crash the JVM run
 * in a JVM of their own ({@link StaleFreeGame}).
 */
class NativeMisuseTest {

    // ---------------------------------------------------------------- helpers

    private static EngineMemory engine(DebugLevel level, boolean strict) {
        return Engines.create(MemoryConfig.defaults().debug(level).strict(strict));
    }

    /** Runs a misuse: lenient, its code is counted once; strict, it throws that code. */
    private static void refused(EngineMemory mem, DiagnosticCode code, Runnable misuse) {
        long before = mem.diagnosticCount(code);
        if (mem.config().strict()) {
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, misuse::run);
            assertEquals(code, e.code(), e.getMessage());
        } else {
            misuse.run();
        }
        assertEquals(before + 1, mem.diagnosticCount(code), code + " once: " + Engines.captured(mem));
    }

    /**
     * Runs a misuse refused as a double free or a foreign address: a stale pointer can be either (an address a large
     * block of an earlier test was freed at, and a slab took since, is still in the graveyard of large blocks).
     */
    private static void refusedEither(EngineMemory mem, Runnable misuse) {
        long before = mem.diagnosticCount(DiagnosticCode.EM101) + mem.diagnosticCount(DiagnosticCode.EM102);
        if (mem.config().strict()) {
            DiagnosticCode c = assertThrows(MemoryDiagnosticException.class, misuse::run).code();
            assertTrue(c == DiagnosticCode.EM101 || c == DiagnosticCode.EM102, c.name());
        } else {
            misuse.run();
        }
        assertEquals(before + 1, mem.diagnosticCount(DiagnosticCode.EM101) + mem.diagnosticCount(DiagnosticCode.EM102));
    }

    /** Blocks of a heap, each filled with its own byte, to prove a misuse changed none of them. */
    private static final class Neighbours {
        final SizeClassHeap heap;
        final long[] blocks = new long[40];

        Neighbours(SizeClassHeap heap) {
            this.heap = heap;
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = heap.alloc(size(i));
                MemoryUtil.memSet(blocks[i], i + 1, size(i));
            }
        }

        static long size(int i) {
            return i % 10 == 9 ? 20_000 : 1 + i * 97L;
        }

        void assertIntact() {
            for (int i = 0; i < blocks.length; i++) {
                for (long k = 0; k < size(i); k += 5) {
                    assertEquals((byte) (i + 1), MemoryUtil.memGetByte(blocks[i] + k), "block " + i + " byte " + k);
                }
            }
        }

        void free() {
            assertIntact();
            for (long b : blocks) {
                heap.free(b);
            }
        }
    }

    /** @return {@code r}, keeping what it throws in {@code failure} (a thread's assertion must fail the test) */
    private static Runnable guarded(AtomicReference<Throwable> failure, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
    }

    private static void onThread(String name, Runnable r) {
        Throwable failure = Threads.thrownOn(name, r);
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    // ---------------------------------------------------------------- LWJGL allocator: stale and inside pointers

    /** @return the child's output, after checking it lived and exited 0 */
    private static String runGame(String scenario, String level, String mode) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "stale-free-hs_err_%p.log"), // not in the tree
            "-cp", System.getProperty("java.class.path"), StaleFreeGame.class.getName(), scenario, level, mode);
        Path log = Files.createTempFile("stale-free-", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) { // jemalloc handed a stale pointer may spin instead of crashing
                p.destroyForcibly().waitFor();
                fail(scenario + " hung; output:\n" + Files.readString(log));
            }
            String text = Files.readString(log);
            assertEquals(0, p.exitValue(), scenario + " exit code (134: the JVM crashed in jemalloc); output:\n" + text);
            assertTrue(text.contains("alive"), text);
            assertFalse(text.contains("BROKEN"), text);
            return text;
        } finally {
            Files.delete(log);
        }
    }

    /**
     * memFree and memRealloc of a pointer into memory Burrow gave back to jemalloc (a block freed again after its
     * retired heap released its slabs, a block of a closed heap, a slot of a closed pool, a group allocation after
     * the group closed) used to be handed to {@code je_free} as a stranger's block: SIGSEGV in jemalloc, or a hang.
     * The inside of a block LWJGL allocated before the engine was handed over too: jemalloc freed the block around
     * it, and later gave that live memory out again. Now each is refused; lenient counts, strict throws.
     */
    @ParameterizedTest
    @CsvSource({
        "double-free-after-engine-close, 2, 0",
        "block-of-a-closed-heap, 4, 0",
        "slot-of-a-closed-pool-and-group, 4, 0",
        "inside-a-block-from-before-the-engine, 0, 3",
    })
    void staleAndInsidePointersNeverReachJemalloc(String scenario, int em101, int em102) throws Exception {
        String lenient = runGame(scenario, "SIMPLE", "lenient");
        assertTrue(lenient.contains("EM101=" + em101 + " EM102=" + em102 + " EM903=0 thrown=0"), lenient);
        String strict = runGame(scenario, "PARANOID", "strict");
        assertTrue(strict.contains("EM101=" + em101 + " EM102=" + em102 + " EM903=0 thrown=" + (em101 + em102)), strict);
        assertEquals(em101, strict.lines().filter(l -> l.equals("threw EM101")).count(), strict);
        assertEquals(em102, strict.lines().filter(l -> l.equals("threw EM102")).count(), strict);
    }

    // ---------------------------------------------------------------- LWJGL allocator: sizes, alignments, threads

    /**
     * Sizes and alignments no machine has, and frees of what is not a block, through an attached allocator: NULL for
     * every allocation (never a throw, strict or not: LWJGL turns NULL into its OutOfMemoryError), refused frees with
     * their codes, and the live blocks around keep their bytes.
     */
    @ParameterizedTest
    @CsvSource({"OFF, false", "SIMPLE, false", "PARANOID, true"})
    void impossibleSizesAndForgedFreesThroughLwjgl(DebugLevel level, boolean strict) {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(level, strict)) {
            lwjgl.attach(mem);
            long[] live = new long[30];
            for (int i = 0; i < live.length; i++) {
                live[i] = lwjgl.malloc(i * 500L);
                MemoryUtil.memSet(live[i], i + 1, i * 500L);
            }
            assertEquals(0, lwjgl.malloc(Long.MAX_VALUE));
            assertEquals(0, lwjgl.malloc(-1));
            assertEquals(0, lwjgl.malloc(SizeClassHeap.MAX_ALLOC + 1));
            assertEquals(0, lwjgl.calloc(-1, 5));
            assertEquals(0, lwjgl.calloc(1L << 32, 1L << 32));
            assertEquals(0, lwjgl.calloc(Long.MAX_VALUE, 2));
            assertEquals(0, lwjgl.aligned_alloc(0, 10));
            assertEquals(0, lwjgl.aligned_alloc(-8, 10));
            assertEquals(0, lwjgl.aligned_alloc(Long.MIN_VALUE, 10));
            assertEquals(0, lwjgl.aligned_alloc(24, 10));
            assertEquals(0, lwjgl.aligned_alloc(1L << 21, 10), "over 1 MiB alignment");
            assertEquals(0, lwjgl.aligned_alloc(64, Long.MAX_VALUE));
            assertEquals(0, lwjgl.aligned_alloc(1 << 20, SizeClassHeap.MAX_ALLOC + 1));
            long aligned = lwjgl.aligned_alloc(1 << 20, 0);
            assertEquals(0, aligned & ((1 << 20) - 1));
            long p = lwjgl.malloc(100);
            MemoryUtil.memSet(p, 0x3C, 100);
            assertEquals(0, lwjgl.realloc(p, Long.MAX_VALUE));
            assertEquals(0, lwjgl.realloc(p, -1));
            assertEquals(0x3C, MemoryUtil.memGetByte(p + 99), "a refused realloc keeps the block");
            lwjgl.free(0);
            lwjgl.aligned_free(0);
            for (long forged : new long[] {p + 1, p + 8, p + 64, 8, 4095, -8, Long.MIN_VALUE, live[20] + 4096}) {
                refused(mem, DiagnosticCode.EM102, () -> lwjgl.free(forged));
            }
            for (int i = 0; i < live.length; i++) {
                for (long k = 0; k < i * 500L; k += 3) {
                    assertEquals((byte) (i + 1), MemoryUtil.memGetByte(live[i] + k));
                }
                lwjgl.free(live[i]);
            }
            lwjgl.aligned_free(aligned);
            lwjgl.free(p);
            assertEquals(0, mem.snapshot().lwjglBytes());
            assertEquals(0, lwjgl.strangerFrees());
        }
    }

    /**
     * Threads allocating, reallocating and freeing each other's LWJGL blocks (sizes 0 to 74 KiB, alignments to 4 KiB)
     * while some die, then the engine closing under them: every block keeps its bytes until freed, nothing crashes,
     * and with everything freed the tracked bytes are 0.
     */
    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE", "PARANOID"})
    void threadsShareLwjglBlocksAndTheEngineClosesUnderThem(DebugLevel level) throws Exception {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        EngineMemory mem = engine(level, false);
        lwjgl.attach(mem);
        ConcurrentLinkedQueue<long[]> shared = new ConcurrentLinkedQueue<>();
        AtomicInteger broken = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger failedAllocs = new AtomicInteger();
        for (int generation = 0; generation < 3; generation++) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int seed = generation * 10 + t;
                threads[t] = new Thread(guarded(failure, () -> {
                    Random rnd = new Random(seed);
                    for (int i = 0; i < 4_000; i++) {
                        int op = rnd.nextInt(4);
                        if (op < 2) {
                            long size = rnd.nextInt(10) == 0 ? 4_097 + rnd.nextInt(70_000) : rnd.nextInt(4_097);
                            long p = op == 0 ? lwjgl.malloc(size) : lwjgl.aligned_alloc(1L << rnd.nextInt(13), size);
                            if (p == 0) {
                                failedAllocs.incrementAndGet();
                                continue;
                            }
                            MemoryUtil.memSet(p, (int) (p >>> 4), size);
                            shared.add(new long[] {p, size});
                        } else {
                            long[] b = shared.poll();
                            if (b == null) {
                                continue;
                            }
                            byte fill = (byte) (b[0] >>> 4);
                            for (long k = 0; k < b[1]; k += 37) {
                                if (MemoryUtil.memGetByte(b[0] + k) != fill) {
                                    broken.incrementAndGet();
                                }
                            }
                            if (op == 2) {
                                lwjgl.free(b[0]);
                            } else {
                                long moved = lwjgl.realloc(b[0], b[1] + 1_000);
                                for (long k = 0; k < b[1]; k += 37) {
                                    if (MemoryUtil.memGetByte(moved + k) != fill) {
                                        broken.incrementAndGet();
                                    }
                                }
                                lwjgl.free(moved);
                            }
                        }
                    }
                }), "gen-" + generation + "-" + t);
                threads[t].start();
            }
            if (generation == 2) {
                Thread.sleep(20);
                mem.close(); // the game's engine goes; LWJGL's blocks stay valid and go on being used and freed
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        for (long[] b = shared.poll(); b != null; b = shared.poll()) {
            lwjgl.free(b[0]);
        }
        assertNull(failure.get());
        assertEquals(0, failedAllocs.get(), "an allocation failed: " + Engines.captured(mem).stream().filter(m -> !m.startsWith("[EM902]")).toList());
        assertEquals(0, broken.get(), "a block changed while it was live");
        assertEquals(0, lwjgl.untrackedBlocks());
        assertTrue(Engines.captured(mem).stream().allMatch(m -> m.startsWith("[EM902]")), Engines.captured(mem).toString());
    }

    // ---------------------------------------------------------------- compaction

    private static void stamp(Pool p, int h) {
        MemoryUtil.memPutInt(p.address(h), h);
        MemoryUtil.memPutInt(p.address(h) + 60, ~h);
    }

    private static void assertStamped(Pool p, int h) {
        long a = p.address(h);
        assertNotEquals(0, a, "handle resolves");
        assertEquals(h, MemoryUtil.memGetInt(a));
        assertEquals(~h, MemoryUtil.memGetInt(a + 60));
    }

    /**
     * Slots freed (quarantined, so a second free is still a double free), then a compaction that moves handles'
     * slots into their places: the second free of those addresses used to free the handles' slots under them
     * (handles stale, bytes poisoned, live count off). A slot a handle holds is never freed through an address.
     */
    @ParameterizedTest
    @CsvSource({"SIMPLE, false", "PARANOID, true"})
    void aStaleAddressNeverFreesAHandleACompactionMovedThere(DebugLevel level, boolean strict) {
        try (EngineMemory mem = engine(level, strict)) {
            long baseline = mem.nativeBytes();
            Pool p = mem.pool("sparks", 64);
            List<Long> addresses = new ArrayList<>();
            addresses.add(p.alloc());
            while (addresses.size() < Math.max(p.capacity(), 64)) {
                addresses.add(p.alloc()); // the first slab, full of slots the caller holds by address
            }
            int[] handles = new int[10];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = p.acquire(); // a second slab
                stamp(p, handles[i]);
            }
            List<Long> freed = new ArrayList<>(addresses.subList(0, 20));
            for (long a : freed) {
                p.free(a);
            }
            int returned = p.compact();
            assertEquals(Engines.killSwitch() ? 0 : 1, returned, "the handles moved into the first slab's free slots");
            for (long a : freed) {
                refusedEither(mem, () -> p.free(a)); // EM101 where the slot is still free, EM102 where a handle moved in
            }
            for (int h : handles) {
                assertTrue(p.isValid(h));
                assertStamped(p, h);
            }
            assertEquals(addresses.size() - freed.size() + handles.length, p.live());
            refused(mem, DiagnosticCode.EM102, () -> p.free(p.address(handles[0]))); // release() it instead
            assertStamped(p, handles[0]);
            for (int h : handles) {
                p.release(h);
            }
            for (long a : addresses.subList(20, addresses.size())) {
                p.free(a);
            }
            assertEquals(0, p.live());
            p.close();
            assertEquals(baseline, mem.nativeBytes());
        }
    }

    /**
     * pin/unpin with stale, released, made-up and other pools' handles, compaction from another thread, of a group's
     * pool, of a closed pool, of a concurrent pool from outside: each refused with its code (at OFF the handle checks
     * still hold; the thread checks are not made there), and compaction during a walk over the handles, resolving
     * each again after it, moves no byte.
     */
    @ParameterizedTest
    @CsvSource({"OFF, false", "SIMPLE, false", "PARANOID, true"})
    void pinsAndCompactionsInEveryWrongOrder(DebugLevel level, boolean strict) throws Exception {
        EngineMemory mem = engine(level, strict);
        long baseline = mem.nativeBytes();
        Pool p = mem.pool("particles", 64);
        Pool other = mem.pool("other", 64);
        List<Integer> handles = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            int h = p.acquire();
            stamp(p, h);
            handles.add(h);
        }
        int foreign = other.acquire();
        int released = handles.remove(handles.size() - 1);
        p.release(released);
        for (int bad : new int[] {released, 0, -1, Integer.MIN_VALUE, 12345, released + (1 << 20)}) {
            refused(mem, DiagnosticCode.EM103, () -> p.pin(bad));
            refused(mem, DiagnosticCode.EM103, () -> p.unpin(bad));
        }
        assertEquals(0, p.pinned());
        int pinned = handles.get(100);
        long pinnedAt = p.address(pinned);
        p.pin(pinned);
        p.pin(pinned);
        assertEquals(1, p.pinned(), "pins do not nest");
        if (level != DebugLevel.OFF) {
            onThread("intruder", () -> {
                refused(mem, DiagnosticCode.EM301, () -> assertEquals(0, p.compact()));
                refused(mem, DiagnosticCode.EM301, () -> p.unpin(pinned));
            });
            assertEquals(1, p.pinned());
        }
        Random rnd = new Random(7);
        for (int i = 0; i < handles.size(); i++) { // the game walks its handles and compacts now and then
            int h = handles.get(i);
            assertStamped(p, h);
            if (rnd.nextInt(3) == 0 && h != pinned) {
                p.release(h);
                handles.set(i, 0);
            }
            if (i % 500 == 499) {
                p.compact();
            }
        }
        handles.removeIf(h -> h == 0);
        p.compact();
        assertEquals(pinnedAt, p.address(pinned), "a pinned slot never moves");
        for (int h : handles) {
            assertStamped(p, h);
        }
        assertEquals(handles.size(), p.live());
        refused(mem, DiagnosticCode.EM103, () -> assertEquals(0, p.address(released)));
        assertTrue(other.isValid(foreign));
        other.release(foreign);

        LevelGroup group = mem.group("level");
        Pool inGroup = group.pool("level::items", 64);
        inGroup.release(inGroup.acquire());
        assertEquals(0, inGroup.compact(), "a group's slabs stay until it closes");
        group.close();
        refused(mem, DiagnosticCode.EM201, () -> assertEquals(0, inGroup.compact()));

        ConcurrentPool shared = mem.concurrentPool("shared", 64);
        int sh = shared.acquire();
        onThread("worker", () -> {
            refused(mem, DiagnosticCode.EM301, () -> assertEquals(0, shared.compact()));
            refused(mem, DiagnosticCode.EM301, () -> shared.pin(sh));
            shared.release(sh); // handed over: applied by the owner's compaction
        });
        shared.compact();
        assertEquals(0, shared.live());
        shared.close();

        p.unpin(pinned);
        for (int h : handles) {
            p.release(h);
        }
        p.compact();
        if (!Engines.killSwitch()) { // one malloc per slot there: freed slots wait in the quarantine with their memory
            assertEquals(0, p.slabs(), "an empty pool gives every slab back");
        }
        p.close();
        refused(mem, DiagnosticCode.EM105, () -> assertEquals(0, p.compact()));
        refused(mem, DiagnosticCode.EM105, () -> p.pin(pinned));
        other.close();
        mem.close();
        assertEquals(baseline, mem.nativeBytes());
    }

    // ---------------------------------------------------------------- size-class heap: threads and engine close

    /**
     * Blocks of workers' heaps freed by the main thread travel to the workers through their rings. Workers done with
     * their loops (one parked, one dead since) leave those frees unapplied; engine close applies them. It used to do
     * so as a foreign thread: EM301 for each free and EM603 for blocks already freed; strict close threw at the first
     * and left the heap's slabs allocated.
     */
    @ParameterizedTest
    @CsvSource({"OFF, false", "SIMPLE, false", "PARANOID, true"})
    void freesHandedToWorkersAreAppliedQuietlyAtEngineClose(DebugLevel level, boolean strict) throws Exception {
        EngineMemory mem = engine(level, strict);
        long[][] blocks = new long[2][60];
        CountDownLatch made = new CountDownLatch(2);
        CountDownLatch[] finish = {new CountDownLatch(1), new CountDownLatch(1)};
        Thread[] workers = new Thread[2];
        for (int w = 0; w < 2; w++) {
            int me = w;
            workers[w] = new Thread(() -> {
                SizeClassHeap h = mem.heap("worker");
                for (int i = 0; i < blocks[me].length; i++) {
                    blocks[me][i] = h.alloc(8 + i * 70L);
                }
                made.countDown();
                try {
                    finish[me].await(); // its loop is over; it holds no block of its own
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-" + w);
            workers[w].start();
        }
        made.await();
        SizeClassHeap mine = mem.heap("main");
        Neighbours n = new Neighbours(mine);
        for (long[] theirs : blocks) {
            for (long b : theirs) {
                assertNotEquals(0, b);
                mine.free(b); // the workers are alive: handed over through their rings
            }
        }
        n.free();
        finish[1].countDown();
        workers[1].join(); // dies without applying them
        mem.close();       // worker-0 parked, worker-1 dead: the close applies both rings
        finish[0].countDown();
        workers[0].join();
        assertEquals(List.of(), Engines.captured(mem), "every block was freed: nothing to say");
        assertEquals(0, mem.nativeBytes(), "every slab went back");
    }

    /**
     * LWJGL blocks the main thread allocated and other threads freed wait in the main thread's ring until it next
     * needs memory. Engine close reported them as still held (EM902, with their sites) before applying them.
     */
    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"SIMPLE", "PARANOID"})
    void lwjglBlocksOtherThreadsFreedAreNotReportedAtEngineClose(DebugLevel level) throws Exception {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        EngineMemory mem = engine(level, false);
        lwjgl.attach(mem);
        long[] blocks = new long[50];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = lwjgl.malloc(40 + i * 50L);
        }
        long[] theirs = new long[20];
        onThread("glfw-callbacks", () -> {
            for (long b : blocks) {
                lwjgl.free(b); // handed to the main thread's heap
            }
            for (int i = 0; i < theirs.length; i++) {
                theirs[i] = lwjgl.malloc(16 + i * 300L);
            }
        });
        for (long b : theirs) {
            lwjgl.free(b); // its thread died: adopted and freed here
        }
        mem.close();
        assertEquals(List.of(), Engines.captured(mem), "every block was freed before the close");
        assertEquals(0, mem.nativeBytes());
    }

    /**
     * A loader thread's LWJGL heap, retired at engine close while the thread still ran, whose last block (a large
     * one) another thread frees after the loader died: the heap was not adopted on that path, so its slabs stayed
     * allocated for the life of the process.
     */
    @Test
    void aRetiredHeapWhoseOwnerDiedGivesItsSlabsBackWhenAnotherThreadFreesItsLastLargeBlock() throws Exception {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        EngineMemory mem = engine(DebugLevel.SIMPLE, false);
        lwjgl.attach(mem);
        long[] large = new long[1];
        CountDownLatch made = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread loader = new Thread(() -> {
            lwjgl.free(lwjgl.malloc(100)); // a slab of the 128-byte class, empty again
            large[0] = lwjgl.malloc(50_000);
            made.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "loader");
        loader.start();
        made.await();
        mem.close(); // the loader is alive: its heap is retired, the large block reported and kept valid
        finish.countDown();
        loader.join();
        MemoryUtil.memPutLong(large[0] + 49_992, 1);
        lwjgl.free(large[0]);
        assertEquals(0, mem.nativeBytes(), "the last block went: the heap's slabs too");
        assertEquals(1, Engines.captured(mem).size(), "the large block at close: " + Engines.captured(mem));
    }

    /**
     * Threads allocating through LWJGL while the engine closes: an allocation that found its heap just before the
     * close and allocated just after it got NULL (LWJGL's OutOfMemoryError in the game at shutdown), and a heap
     * created during the close was never closed or retired. Now such an allocation goes to jemalloc, as every one after
     * the close does. (A race: each round closes at a different point of the threads' work.)
     */
    @Test
    void anEngineClosingUnderLwjglAllocationsNeverFailsOne() throws Exception {
        for (int round = 0; round < 100; round++) {
            BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
            EngineMemory mem = engine(DebugLevel.SIMPLE, round % 2 == 1);
            lwjgl.attach(mem);
            AtomicInteger nulls = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            Thread[] threads = new Thread[3];
            for (int t = 0; t < threads.length; t++) {
                int seed = round * 10 + t;
                threads[t] = new Thread(guarded(failure, () -> {
                    Random rnd = new Random(seed);
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < 2_000; i++) {
                        try (BurrowLwjglAllocator.TagScope tag = lwjgl.scope("sound::" + rnd.nextInt(3))) {
                            long p = lwjgl.malloc(rnd.nextBoolean() ? 5_000 : 64);
                            if (p == 0) {
                                nulls.incrementAndGet();
                            } else {
                                lwjgl.free(p);
                            }
                        }
                    }
                }));
                threads[t].start();
            }
            go.countDown();
            Thread.sleep(1 + round % 3);
            mem.close();
            for (Thread t : threads) {
                t.join();
            }
            assertNull(failure.get());
            assertEquals(0, nulls.get(), "round " + round + ": malloc returned NULL");
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM105), Engines.captured(mem).toString());
            assertEquals(0, lwjgl.untrackedBlocks());
        }
    }

    /**
     * An audio thread that allocated and freed LWJGL memory before the engine closed keeps running: its heap, empty
     * and retired at the close (which may not free what a running thread owns), kept its slabs for the life of the
     * process. Its next LWJGL call now gives them back.
     */
    @Test
    void anEmptyRetiredHeapGivesItsSlabsBackAtItsOwnersNextCall() throws Exception {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        EngineMemory mem = engine(DebugLevel.SIMPLE, false);
        lwjgl.attach(mem);
        CountDownLatch used = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread audio = new Thread(guarded(failure, () -> {
            for (int i = 0; i < 100; i++) {
                lwjgl.free(lwjgl.malloc(16 + i * 40L));
            }
            used.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long after = lwjgl.malloc(64); // no engine now: jemalloc's
            MemoryUtil.memPutLong(after, 1);
            lwjgl.free(after);
        }), "audio");
        audio.start();
        used.await();
        assertEquals(!Engines.killSwitch(), mem.nativeBytes() > 0, "its heap holds slabs (not blocks of their own)");
        mem.close();
        closed.countDown();
        audio.join();
        assertNull(failure.get());
        assertEquals(0, mem.nativeBytes(), "the audio thread's next call gave its empty heap's slabs back");
        assertEquals(List.of(), Engines.captured(mem));
    }

    // ---------------------------------------------------------------- size-class heap: sizes

    /** realloc to a negative size: accepted as-is for a 16-byte block, ArrayIndexOutOfBoundsException for others. */
    @Test
    void reallocToANegativeSizeIsRefusedAndTheBlockKept() {
        try (EngineMemory mem = engine(DebugLevel.SIMPLE, false)) {
            SizeClassHeap heap = mem.heap("text");
            for (long size : new long[] {16, 100, 50_000}) {
                long p = heap.alloc(size);
                MemoryUtil.memSet(p, 0x5A, size);
                for (long bad : new long[] {-1, -5, -20, Long.MIN_VALUE}) {
                    assertThrows(IllegalArgumentException.class, () -> heap.realloc(p, bad), size + " to " + bad);
                }
                assertTrue(heap.usableSize(p) >= size, "still live");
                for (long k = 0; k < size; k++) {
                    assertEquals(0x5A, MemoryUtil.memGetByte(p + k));
                }
                heap.free(p);
            }
            assertEquals(0, heap.liveBlocks());
            assertEquals(List.of(), Engines.captured(mem));
        }
    }

    /**
     * Every misuse of a heap a careless game makes, each refused with its code while forty live blocks of the same
     * heap keep their bytes: sizes that cannot be, alignments that are not, frees of what is not a block (forged,
     * inside, negative, another engine's, freed before), use from the wrong thread and after close.
     */
    @ParameterizedTest
    @CsvSource({"SIMPLE, false", "PARANOID, true"})
    void everyHeapMisuseIsRefusedAndNoNeighbourChanges(DebugLevel level, boolean strict) throws Exception {
        EngineMemory mem = engine(level, strict);
        SizeClassHeap heap = mem.heap("ui");
        Neighbours n = new Neighbours(heap);
        assertThrows(IllegalArgumentException.class, () -> heap.alloc(-1));
        assertThrows(IllegalArgumentException.class, () -> heap.alloc(Long.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> heap.alloc(10, 3));
        assertThrows(IllegalArgumentException.class, () -> heap.alloc(10, 0));
        assertThrows(IllegalArgumentException.class, () -> heap.alloc(10, Integer.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> heap.alloc(10, 1 << 21));
        assertThrows(IllegalArgumentException.class, () -> heap.calloc(-8));
        refused(mem, DiagnosticCode.EM007, () -> assertEquals(0, heap.alloc(Long.MAX_VALUE)));
        refused(mem, DiagnosticCode.EM007, () -> assertEquals(0, heap.alloc(SizeClassHeap.MAX_ALLOC + 1, 1 << 20)));
        refused(mem, DiagnosticCode.EM007, () -> assertEquals(0, heap.calloc(Long.MAX_VALUE)));
        long zero = heap.alloc(0);
        long zeroAligned = heap.alloc(0, 1 << 20);
        assertEquals(0, zeroAligned & ((1 << 20) - 1));
        assertNotEquals(zero, zeroAligned);
        long p = heap.alloc(100);
        MemoryUtil.memSet(p, 7, 100);
        refused(mem, DiagnosticCode.EM007, () -> assertEquals(0, heap.realloc(p, Long.MAX_VALUE)));
        assertEquals(7, MemoryUtil.memGetByte(p + 99), "a refused realloc keeps the block");
        heap.free(0);
        refused(mem, DiagnosticCode.EM102, () -> heap.free(p + 16));
        refused(mem, DiagnosticCode.EM102, () -> heap.free(p + 1));
        refused(mem, DiagnosticCode.EM102, () -> heap.free(-16));
        refused(mem, DiagnosticCode.EM102, () -> heap.free(Long.MIN_VALUE));
        refused(mem, DiagnosticCode.EM102, () -> heap.free(1L << 40));
        refused(mem, DiagnosticCode.EM102, () -> heap.free(n.blocks[9] + 4096)); // inside a large block
        assertEquals(-1, heap.usableSize(p + 16));
        assertEquals(-1, heap.usableSize(1L << 40));
        try (EngineMemory other = engine(level, false)) {
            SizeClassHeap theirs = other.heap("ui");
            long small = theirs.alloc(64);
            long large = theirs.alloc(10_000);
            refused(mem, DiagnosticCode.EM102, () -> heap.free(small));
            refused(mem, DiagnosticCode.EM102, () -> heap.free(large));
            assertEquals(-1, heap.usableSize(small), "not a block of this engine");
            theirs.free(small);
            theirs.free(large);
            assertEquals(List.of(), Engines.captured(other));
        }
        heap.free(p);
        refused(mem, DiagnosticCode.EM101, () -> heap.free(p));
        refused(mem, DiagnosticCode.EM101, () -> assertEquals(0, heap.realloc(p, 500)));
        long big = heap.alloc(30_000);
        heap.free(big);
        refused(mem, DiagnosticCode.EM101, () -> heap.free(big));
        refused(mem, DiagnosticCode.EM101, () -> assertEquals(0, heap.realloc(big, 10)));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        onThread("intruder", () -> {
            long before = mem.diagnosticCount(DiagnosticCode.EM301);
            try {
                assertEquals(0, heap.alloc(64));
            } catch (MemoryDiagnosticException e) {
                thrown.set(e);
            }
            try {
                heap.close();
            } catch (MemoryDiagnosticException e) {
                thrown.set(e);
            }
            assertTrue(mem.diagnosticCount(DiagnosticCode.EM301) >= before + 2);
        });
        assertEquals(strict, thrown.get() != null);
        assertFalse(heap.isClosed());
        n.assertIntact();
        heap.free(zero);
        heap.free(zeroAligned);
        n.free();
        assertEquals(0, heap.liveBlocks());
        assertEquals(0, heap.liveBytes());
        heap.close();
        refused(mem, DiagnosticCode.EM105, () -> assertEquals(0, heap.alloc(64)));
        refused(mem, DiagnosticCode.EM105, () -> assertEquals(0, heap.alloc(100_000)));
        refusedEither(mem, () -> heap.free(n.blocks[1])); // its slab is gone
        assertEquals(0, heap.liveBlocks());
        mem.close();
        assertEquals(0, mem.nativeBytes());
    }

    /**
     * Threads that come and go, each with its heap of one name, freeing each other's blocks in random order while
     * their owners die: every block keeps its bytes until freed, dead owners' heaps are adopted, nothing is reported,
     * and every slab goes back at the end.
     */
    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE", "PARANOID"})
    void threadsThatComeAndGoFreeEachOthersBlocksWithoutLoss(DebugLevel level) throws Exception {
        EngineMemory mem = engine(level, false);
        ConcurrentLinkedQueue<long[]> shared = new ConcurrentLinkedQueue<>();
        AtomicInteger broken = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int generation = 0; generation < 4; generation++) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int seed = generation * 10 + t;
                threads[t] = new Thread(guarded(failure, () -> {
                    SizeClassHeap heap = mem.heap("particles");
                    Random rnd = new Random(seed);
                    for (int i = 0; i < 3_000; i++) {
                        if (rnd.nextInt(3) != 0) {
                            long size = rnd.nextInt(12) == 0 ? 5_000 + rnd.nextInt(20_000) : rnd.nextInt(4097);
                            long p = heap.alloc(size);
                            MemoryUtil.memSet(p, (int) (p >>> 4), size);
                            shared.add(new long[] {p, size});
                        } else {
                            long[] b = shared.poll();
                            if (b != null) {
                                for (long k = 0; k < b[1]; k += 31) {
                                    if (MemoryUtil.memGetByte(b[0] + k) != (byte) (b[0] >>> 4)) {
                                        broken.incrementAndGet();
                                    }
                                }
                                heap.free(b[0]);
                            }
                        }
                    }
                }), "gen-" + generation + "-" + t);
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        SizeClassHeap last = mem.heap("particles"); // a dead thread's heap, adopted
        for (long[] b = shared.poll(); b != null; b = shared.poll()) {
            last.free(b[0]);
        }
        assertNull(failure.get());
        assertEquals(0, broken.get(), "a block changed while it was live");
        mem.close();
        assertEquals(List.of(), Engines.captured(mem));
        assertEquals(0, mem.nativeBytes());
    }

    // ---------------------------------------------------------------- streaming budgets

    /** @return the sum of the resident entries' bytes, which {@code usedBytes()} must always equal */
    private static long residentSum(StreamingBudget b) {
        long sum = 0;
        for (StreamingBudget.Entry e : b.residentEntries()) {
            sum += e.bytes();
        }
        return sum;
    }

    /**
     * A reservation of Long.MAX_VALUE bytes when pins hold the budget over a capacity that shrank: {@code used +
     * bytes - capacity} wrapped negative, the reservation fitted, and the used bytes went negative.
     */
    @Test
    void aHugeReservationNeverWrapsTheAccount() {
        try (EngineMemory mem = engine(DebugLevel.SIMPLE, false)) {
            StreamingBudget b = mem.streaming("levels", 100);
            StreamingBudget.Entry pinned = b.reserve("current", 50, 0, null);
            pinned.pin();
            b.capacity(10); // the player's level stays: 50 of 10 bytes in use
            for (long bytes : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 49, Long.MAX_VALUE / 2}) {
                assertNull(b.reserve("huge", bytes, Integer.MAX_VALUE, null));
                assertFalse(pinned.resize(bytes), "resize to " + bytes);
            }
            StreamingBudget fresh = mem.streaming("fresh", Long.MAX_VALUE);
            StreamingBudget.Entry all = fresh.reserve("all", Long.MAX_VALUE, 0, null);
            assertNotNull(all, "a capacity of Long.MAX_VALUE holds Long.MAX_VALUE bytes");
            assertNull(fresh.reserve("one more", 1, 0, null));
            assertEquals(Long.MAX_VALUE, fresh.usedBytes());
            assertEquals(50, b.usedBytes());
            assertEquals(50, pinned.bytes());
            assertEquals(50, residentSum(b));
            assertEquals(7, mem.diagnosticCount(DiagnosticCode.EM503));
        }
    }

    /** An entry that shrinks while pins hold the budget over its capacity was refused (EM503) and kept its old size. */
    @Test
    void shrinkingAlwaysFits() {
        try (EngineMemory mem = engine(DebugLevel.SIMPLE, false)) {
            StreamingBudget b = mem.streaming("levels", 100);
            StreamingBudget.Entry current = b.reserve("current", 80, 0, null);
            StreamingBudget.Entry other = b.reserve("other", 20, 0, null);
            current.pin();
            other.pin();
            b.capacity(10);
            assertTrue(current.resize(30), "the load came out smaller");
            assertTrue(other.resize(0));
            assertEquals(30, b.usedBytes());
            assertEquals(30, residentSum(b));
            assertEquals(0, b.refusals());
            current.unpin();
            assertTrue(current.resize(5), "unpinned, over capacity, smaller: fits without evicting itself");
            assertTrue(current.isResident());
            assertEquals(5, b.usedBytes());
            assertEquals(List.of(), Engines.captured(mem));
        }
    }

    /**
     * An eviction callback that throws an Error (an assertion, a stack overflow): the other owners were never called
     * (their groups stayed open while the budget counted them gone), and the newcomer stayed resident with nobody
     * holding it, its bytes counted forever. Now every owner is called, the newcomer is released, then it throws.
     */
    @Test
    void aCallbackThatThrowsAnErrorStopsNoOtherOwnerAndLosesNoEntry() {
        try (EngineMemory mem = engine(DebugLevel.SIMPLE, false)) {
            StreamingBudget b = mem.streaming("textures", 100);
            List<String> called = new ArrayList<>();
            b.reserve("a", 40, 0, e -> {
                called.add(e.name());
                throw new AssertionError("the game's own check failed");
            });
            LevelGroup level = mem.group("level");
            level.alloc(1000, 16);
            StreamingBudget levels = mem.streaming("levels", level.reservedBytes());
            b.reserve("b", 40, 0, e -> called.add(e.name()));
            b.reserve("c", 20, 0, e -> called.add(e.name()));
            AssertionError thrown = assertThrows(AssertionError.class, () -> b.reserve("d", 100, 0, null));
            assertEquals("the game's own check failed", thrown.getMessage());
            assertEquals(List.of("a", "b", "c"), called, "every victim's owner was called");
            assertEquals(0, b.entries(), "the newcomer whose reservation threw is not resident");
            assertEquals(0, b.usedBytes());
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM504));

            StreamingBudget.Entry kept = levels.keep(level, 0, e -> {
                throw new StackOverflowError();
            });
            assertNotNull(kept);
            assertThrows(StackOverflowError.class, () -> levels.reserve("next", 1, 0, null));
            assertTrue(level.isClosed(), "the group is closed even though its owner's callback threw");
            assertEquals(0, levels.usedBytes());
            assertEquals(0, levels.entries());
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM504));

            mem.strictWarnings(true); // EM504 itself throws now: the same rules
            called.clear();
            StreamingBudget s = mem.streaming("strict", 10);
            s.reserve("x", 5, 0, e -> {
                called.add(e.name());
                throw new IllegalStateException("x");
            });
            s.reserve("y", 5, 0, e -> called.add(e.name()));
            assertEquals(DiagnosticCode.EM504,
                assertThrows(MemoryDiagnosticException.class, () -> s.reserve("z", 10, 0, null)).code());
            assertEquals(List.of("x", "y"), called);
            assertEquals(0, s.usedBytes());
            mem.strictWarnings(false);
        }
    }

    /**
     * Callbacks that use the budget they are called from (release others, reserve, shrink the capacity, touch or pin
     * an evicted entry) and every operation in the wrong order: the account stays the sum of the resident entries.
     */
    @Test
    void callbacksThatReenterAndOperationsInTheWrongOrderKeepTheAccountExact() {
        try (EngineMemory mem = engine(DebugLevel.SIMPLE, false)) {
            StreamingBudget b = mem.streaming("sounds", 100);
            StreamingBudget.Entry[] e = new StreamingBudget.Entry[4];
            e[0] = b.reserve("a", 40, 0, self -> {
                e[1].release();                       // already evicted with it: nothing
                assertNotNull(b.reserve("from-callback", 30, 5, null));
                b.capacity(80);                       // evicts c, the least recently used
                e[2].touch();
                e[2].pin();
                self.touch();
                self.pin();
                assertFalse(self.resize(1));
                self.release();
            });
            e[1] = b.reserve("b", 40, 0, null);
            e[2] = b.reserve("c", 20, 0, null);
            e[3] = b.reserve("d", 50, 0, null);
            assertNotNull(e[3]);
            assertTrue(e[0].wasEvicted());
            assertTrue(e[1].wasEvicted());
            assertTrue(e[2].wasEvicted());
            assertFalse(e[2].isPinned(), "an evicted entry cannot be pinned");
            assertEquals(80, b.usedBytes());
            assertEquals(80, residentSum(b));
            assertEquals(0, b.pinnedEntries());

            StreamingBudget.Entry d = e[3];
            d.unpin();                                 // never pinned
            d.pin();
            d.pin();                                   // pins do not nest
            assertEquals(1, b.pinnedEntries());
            d.unpin();
            d.unpin();
            assertEquals(0, b.pinnedEntries());
            d.release();
            d.release();
            d.touch();
            d.pin();
            assertFalse(d.resize(10));
            assertFalse(d.isResident());
            assertEquals(30, b.usedBytes());
            assertEquals(30, residentSum(b));
            assertThrows(IllegalArgumentException.class, () -> b.reserve("neg", -1, 0, null));
            assertThrows(IllegalArgumentException.class, () -> b.capacity(-1));
            assertThrows(IllegalArgumentException.class, () -> mem.streaming("neg", -1));
            assertThrows(IllegalArgumentException.class, () -> d.resize(-1));
            StreamingBudget none = mem.streaming("none", 0);
            assertNotNull(none.reserve("empty", 0, 0, null), "nothing fits in 0 bytes but nothing");
            assertNull(none.reserve("one", 1, 0, null));
            LevelGroup closed = mem.group("closed");
            closed.close();
            assertThrows(IllegalArgumentException.class, () -> none.keep(closed, 0, null));
        }
    }

    /** Threads reserving, touching, pinning, resizing and releasing at once, with callbacks that reserve again. */
    @Test
    void manyThreadsWithReentrantCallbacksKeepTheAccountExact() throws Exception {
        try (EngineMemory mem = engine(DebugLevel.SIMPLE, false)) {
            StreamingBudget b = mem.streaming("shared", 5_000);
            AtomicInteger evicted = new AtomicInteger();
            ConcurrentLinkedQueue<StreamingBudget.Entry> all = new ConcurrentLinkedQueue<>();
            Thread[] threads = new Thread[4];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int t = 0; t < threads.length; t++) {
                int seed = t;
                threads[t] = new Thread(() -> {
                    try {
                        Random rnd = new Random(seed);
                        for (int i = 0; i < 5_000; i++) {
                            StreamingBudget.Entry e = b.reserve("e", rnd.nextInt(400), rnd.nextInt(4), victim -> {
                                evicted.incrementAndGet();
                                if (rnd.nextInt(20) == 0) {
                                    StreamingBudget.Entry again = b.reserve("again", 10, 0, null);
                                    if (again != null) {
                                        all.add(again);
                                    }
                                }
                            });
                            if (e != null) {
                                all.add(e);
                            }
                            StreamingBudget.Entry x = all.peek();
                            if (x != null) {
                                switch (rnd.nextInt(6)) {
                                    case 0 -> x.touch();
                                    case 1 -> x.pin();
                                    case 2 -> x.unpin();
                                    case 3 -> x.resize(rnd.nextInt(300));
                                    case 4 -> x.release();
                                    default -> all.poll();
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertNull(failure.get());
            assertTrue(evicted.get() > 0);
            assertEquals(residentSum(b), b.usedBytes());
            assertTrue(b.usedBytes() >= 0);
            long pinned = b.residentEntries().stream().filter(StreamingBudget.Entry::isPinned).count();
            assertEquals(pinned, b.pinnedEntries());
            for (StreamingBudget.Entry e : b.residentEntries()) {
                e.unpin();
            }
            b.capacity(0);
            assertEquals(0, b.usedBytes(), "unpinned, everything goes");
            assertEquals(0, b.entries());
        }
    }
}
