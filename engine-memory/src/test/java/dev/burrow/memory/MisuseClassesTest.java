package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The misuse classes found by people who did not write engine-memory, one test each (numbered as in the issue
 * "engine-memory v2"). Every scenario runs twice: at SIMPLE, lenient (the misuse is refused and counted, and the
 * allocator is still consistent afterwards) and at PARANOID, strict (the first misuse throws its code). The kill-switch
 * run of this suite covers the same scenarios with one system malloc per allocation. Nothing may crash the JVM.
 */
class MisuseClassesTest {

    /**
     * Runs {@code scenario} lenient at SIMPLE (one of the codes counted) and strict at PARANOID (one of the codes
     * thrown first).
     */
    private static void refused(Consumer<EngineMemory> scenario, DiagnosticCode... codes) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false))) {
            scenario.accept(mem);
            long n = 0;
            for (DiagnosticCode c : codes) {
                n += mem.diagnosticCount(c);
            }
            assertTrue(n >= 1, List.of(codes) + " not recorded: " + Engines.captured(mem));
        }
        EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.PARANOID).strict(true));
        try {
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> scenario.accept(mem));
            assertTrue(List.of(codes).contains(e.code()), "threw " + e.code() + ": " + e.getMessage());
        } finally {
            try {
                mem.close(); // strict: what the scenario left behind (e.g. more refused frees in a ring) throws here
            } catch (MemoryDiagnosticException e) {
                assertTrue(List.of(codes).contains(e.code()) || e.code().severity() == Severity.WARNING, e.getMessage());
            }
            assertEquals(0, mem.nativeBytes(), "everything freed even when strict close throws");
        }
    }

    private static void onAnotherThread(Runnable r) {
        Threads.rethrownFrom("intruder", r);
    }

    /** Allocates {@code n} slots and proves no address came twice and each keeps what was written into it. */
    private static void distinctAndIntact(Pool p, int n) {
        Set<Long> seen = new HashSet<>();
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = p.alloc();
            assertTrue(seen.add(a[i]), "slot 0x" + Long.toHexString(a[i]) + " handed out twice");
            MemoryUtil.memPutLong(a[i], a[i]);
        }
        for (long x : a) {
            assertEquals(x, MemoryUtil.memGetLong(x), "slot written by someone else");
            p.free(x);
        }
    }

    // ---------------------------------------------------------------- 1. concurrent pool, other threads

    @Test
    void class1OwnerFreeThenForeignFreeOfTheSameSlot() {
        refused(mem -> {
            ConcurrentPool p = mem.concurrentPool("c1", 32);
            long a = p.alloc();
            p.free(a);
            onAnotherThread(() -> p.free(a)); // a double free, handed over as a value
            p.drain();
            distinctAndIntact(p, 15);
            assertEquals(0, p.live());
        }, DiagnosticCode.EM101);
    }

    @Test
    void class1ForeignAndInteriorPointersFromAnotherThread() {
        refused(mem -> {
            ConcurrentPool p = mem.concurrentPool("c1", 32);
            long live = p.alloc();
            MemoryUtil.memPutLong(live, 0x1122334455667788L);
            MemoryUtil.memPutLong(live + 8, 0x0102030405060708L);
            onAnotherThread(() -> {
                p.free(0x7f00_dead_0000L);  // a pointer that is nobody's
                p.free(live + 8);           // an interior pointer into a live slot
                p.free(-16);                // a negative "address"
            });
            p.drain();
            assertEquals(0x1122334455667788L, MemoryUtil.memGetLong(live), "the live slot kept its bytes");
            assertEquals(0x0102030405060708L, MemoryUtil.memGetLong(live + 8));
            assertEquals(1, p.live());
            p.free(live);
        }, DiagnosticCode.EM102);
    }

    @Test
    void class1StaleHandleReleasedFromAnotherThread() {
        refused(mem -> {
            ConcurrentPool p = mem.concurrentPool("c1", 32);
            int h = p.acquire();
            p.release(h);
            int h2 = p.acquire();
            onAnotherThread(() -> p.release(h)); // stale: its slot was released (and maybe reused)
            p.drain();
            assertTrue(p.isValid(h2), "the live handle survived");
            assertEquals(1, p.live());
            distinctAndIntact(p, 20);
            p.release(h2);
        }, DiagnosticCode.EM103, DiagnosticCode.EM101);
    }

    @Test
    void class1FullRingNeverLosesAFree() throws Exception {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(true))) {
            ConcurrentPool p = mem.concurrentPool("c1-ring", 16, 16);
            long[] a = new long[5000];
            for (int i = 0; i < a.length; i++) {
                a[i] = p.alloc();
            }
            onAnotherThread(() -> {
                for (long x : a) {
                    p.free(x); // the owner does not drain meanwhile: the 16-cell ring overflows
                }
            });
            assertTrue(p.deferredOverflows() > 0, "the ring overflowed");
            assertEquals(a.length, p.live(), "nothing applied before the owner drains");
            p.drain();
            assertEquals(0, p.live(), "every free arrived");
            assertEquals(a.length, p.frees());
            p.close();
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM602));
        }
    }

    // ---------------------------------------------------------------- 2. forged and stale handles on the owner

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE", "PARANOID"})
    void class2ForgedHandlesAreRefusedAtEveryLevel(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level).strict(false))) {
            Pool p = mem.pool("c2", 32);
            Pool other = mem.pool("c2-other", 32);
            p.release(1);                                   // never issued
            assertEquals(0, p.address(1));
            int h = p.acquire();
            int oh = other.acquire();
            int idx = HandleLayout.index(h);
            for (int g = 1; g <= HandleLayout.GENERATION_LIMIT; g++) { // every made-up generation of a free slot
                int forged = HandleLayout.handle(g, idx + 1);
                p.release(forged);
            }
            if (HandleLayout.index(oh) == idx) {
                assertEquals(0, p.address(oh), "another pool's handle");
                p.release(oh);
            }
            assertEquals(1, p.live(), "live never went negative, nothing freed by a forgery");
            p.release(h);
            p.release(h);                                   // a double release
            assertEquals(0, p.live());
            assertTrue(mem.diagnosticCount(DiagnosticCode.EM103) >= HandleLayout.GENERATION_LIMIT);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM101));
            distinctAndIntact(p, 50);
            other.release(oh);
        }
    }

    @Test
    void class2StaleHandlesStrict() {
        refused(mem -> {
            Pool p = mem.pool("c2", 32);
            int h = p.acquire();
            p.release(h);
            p.release(h);
        }, DiagnosticCode.EM101);
        refused(mem -> {
            Pool p = mem.pool("c2", 32);
            p.release(HandleLayout.handle(5, 0));
        }, DiagnosticCode.EM103);
    }

    /**
     * Below OFF alloc() stamps a generation into the slot's state word too. A handle equal to that word (another
     * pool's handle that happens to match, or one made up) used to release, resolve and pin a slot the pool had
     * handed out through alloc(): the owner's correct free then read as a double free. Found by a hostile test.
     */
    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"SIMPLE", "PARANOID"})
    void class2AHandleNeverTakesASlotFromAlloc(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level).strict(false))) {
            Pool p = mem.pool("c2", 64);
            int own = p.acquire(); // handles are in use in this pool too
            long a = p.alloc();
            SlotPool sp = (SlotPool) p;
            int word = sp.states[sp.indexOf(a)];
            assertTrue(word > 0, "alloc() stamped the slot live");
            assertFalse(p.isValid(word));
            assertEquals(0, p.address(word));
            p.pin(word);
            assertEquals(0, p.pinned());
            p.release(word);
            assertEquals(2, p.live(), "the alloc()'d slot was not released through a handle");
            assertEquals(3, mem.diagnosticCount(DiagnosticCode.EM103), Engines.captured(mem).toString()); // isValid says nothing
            p.free(a);
            p.release(own);
            assertEquals(0, p.live());
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM101), "the owner's free is not a double free");
        }
    }

    /** OFF too: a slot marked with keep() and freed loses the mark, so its next owner's leak is reported. */
    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE", "PARANOID"})
    void class10AKeepMarkGoesWithTheFree(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level).strict(false))) {
            Pool p = mem.pool("kept", 64);
            long a = p.alloc();
            p.keep(a);
            assertEquals(1, p.kept());
            p.free(a);
            assertEquals(0, p.kept(), "freed: no longer kept");
            long b = p.alloc();
            int h = p.acquire();
            p.keep(p.address(h));
            p.release(h);
            assertEquals(0, p.kept(), "released: no longer kept");
            p.close(); // b leaks: reported, not hidden by a stale mark
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM602), Engines.captured(mem).toString());
            assertNotEquals(0, b);
        }
    }

    // ---------------------------------------------------------------- 3. double free after reuse (ABA)

    @Test
    void class3DoubleFreeAfterReuseIsStillADoubleFree() {
        refused(mem -> {
            Pool p = mem.pool("c3", 64);
            long a = p.alloc();
            p.free(a);
            long b = p.alloc();
            MemoryUtil.memPutLong(b, 42);
            p.free(a); // with LIFO reuse this would free b
            assertEquals(1, p.live(), "b is still live");
            assertEquals(42, MemoryUtil.memGetLong(b));
            p.free(b);
        }, DiagnosticCode.EM101);
    }

    // ---------------------------------------------------------------- 4. writes after free

    @Test
    void class4WriteAfterFreeIntoTheFirstBytesNeverCorruptsThePool() {
        refused(mem -> {
            Pool p = mem.pool("c4", 64);
            long[] others = new long[600];
            for (int i = 0; i < others.length; i++) {
                others[i] = p.alloc();
            }
            long a = p.alloc();
            p.free(a);
            MemoryUtil.memPutLong(a, 0x4141414141414141L); // where an intrusive free list kept its link
            for (long o : others) {
                p.free(o);
            }
            distinctAndIntact(p, 2000);
            assertEquals(0, p.live());
        }, DiagnosticCode.EM104);
    }

    // ---------------------------------------------------------------- 5. sizes that overflow

    @Test
    void class5OversizedGroupAllocationIsRefusedBeforeArithmetic() {
        refused(mem -> {
            mem.budget("c5", 1024, 4096);
            LevelGroup g = mem.group("c5");
            g.alloc(100, 8);
            assertEquals(0, g.alloc(Long.MAX_VALUE, 8));
            assertEquals(0, g.alloc(LevelGroup.MAX_ALLOC + 1, 8));
            assertEquals(100, g.bytes());
            assertEquals(100, mem.snapshot().tag("c5").liveBytes(), "tag bytes unchanged, never negative");
            assertThrows(MemoryBudgetExceededException.class, () -> g.alloc(4000, 8), "the hard budget still holds");
            g.close();
        }, DiagnosticCode.EM007);
        refused(mem -> {
            FrameArena f = mem.frame();
            f.begin();
            try {
                assertEquals(0, f.alloc(FrameArena.MAX_ALLOC + 1, 8));
                assertEquals(0, f.alloc(Long.MAX_VALUE, 1));
            } finally {
                f.end();
            }
        }, DiagnosticCode.EM007);
    }

    // ---------------------------------------------------------------- 6. group rollback

    @Test
    void class6RollbackNeverFreesAPoolSlabAndRefusesOtherGroupsMarks() {
        refused(mem -> {
            LevelGroup g = mem.group("c6");
            Pool things = g.pool("c6::things", 64);
            long first = things.alloc();
            long m = g.mark();
            long[] slots = new long[3000]; // grows slabs after the mark
            for (int i = 0; i < slots.length; i++) {
                slots[i] = things.alloc();
                MemoryUtil.memPutLong(slots[i], i);
            }
            g.alloc(5000, 8);
            g.rollback(m); // legal: the pool was drawn before the mark
            for (int i = 0; i < 100; i++) {
                MemoryUtil.memSet(g.alloc(4096, 8), 0x7F, 4096); // group data must not land on the slabs
            }
            for (int i = 0; i < slots.length; i++) {
                assertEquals(i, MemoryUtil.memGetLong(slots[i]), "pool slot " + i + " kept its bytes");
                things.free(slots[i]);
            }
            things.free(first);
            LevelGroup other = mem.group("c6-other");
            long theirs = other.mark();
            g.rollback(theirs); // a mark of another group
        }, DiagnosticCode.EM202);
    }

    // ---------------------------------------------------------------- 7. frame marks

    @Test
    void class7MarksOfOtherArenasFramesAndForgedOnesAreRefused() {
        refused(mem -> {
            FrameArena f = mem.frame();
            long[] theirs = new long[1];
            onAnotherThread(() -> {
                FrameArena t = mem.frame();
                t.begin();
                theirs[0] = t.mark();
                t.end();
            });
            f.begin();
            long keep = f.alloc(64, 8);
            MemoryUtil.memPutLong(keep, 7);
            f.rollback(theirs[0]);
            long m1 = f.mark();
            f.alloc(100, 8);
            long m2 = f.mark();
            f.rollback(m1);
            f.rollback(m2); // already rolled past
            for (long forged : new long[] {0, -1, 1L << 39, (1L << 39) | 5, Long.MAX_VALUE, m1 + 1}) {
                f.rollback(forged);
            }
            assertEquals(7, MemoryUtil.memGetLong(keep));
            long later = f.alloc(64, 8);
            assertNotEquals(keep, later, "nothing live was handed out again");
            f.end();
        }, DiagnosticCode.EM004);
    }

    @Test
    void class7AMarkFrom2To24FramesAgoIsRefused() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.OFF).strict(false))) {
            FrameArena f = mem.frame();
            f.begin();
            long old = f.mark();
            f.end();
            for (int i = 0; i < (1 << 24); i++) {
                f.begin();
                f.end();
            }
            f.begin();
            f.mark(); // the same row number as the old mark had, in a frame 2^24 later
            long keep = f.alloc(32, 8);
            f.rollback(old);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM004));
            assertEquals(keep + 32 - f.used() + f.used(), keep + 32); // nothing rolled back
            assertNotEquals(keep, f.alloc(32, 8));
            f.end();
        }
    }

    // ---------------------------------------------------------------- 8. arenas after release, close, growth

    @Test
    void class8ReleasedArenasRefuseEverything() {
        refused(mem -> {
            FrameArena f = mem.frame();
            MemoryStack s = f.stack();
            f.release();
            f.begin();
            assertEquals(0, f.alloc(16, 8));
            assertThrows(MemoryDiagnosticException.class, () -> s.mallocInt(4), "the stack of a released arena");
            FrameArena fresh = mem.frame();
            assertNotSame(f, fresh);
            fresh.begin();
            fresh.alloc(16, 8);
            fresh.end();
        }, DiagnosticCode.EM006);
    }

    @Test
    void class8ArenasAfterEngineCloseRefuseEverything() {
        EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(false));
        FrameArena f = mem.frame();
        MemoryStack s = f.stack();
        mem.close();
        f.begin();
        assertEquals(0, f.alloc(64, 8));
        f.end();
        MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> s.malloc(64));
        assertEquals(DiagnosticCode.EM006, e.code());
        assertEquals(4, mem.diagnosticCount(DiagnosticCode.EM006));
        assertEquals(0, mem.nativeBytes());
    }

    @Test
    void class8AStackKeptFromBeforeTheBlockGrewStaysValid() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().frameArenaBytes(4096).strict(true))) {
            FrameArena f = mem.frame();
            MemoryStack kept = f.stack();
            f.begin();
            f.alloc(10_000, 8); // overflows: the next begin() grows the block
            f.end();
            f.begin();
            assertTrue(f.capacity() > 4096);
            assertSame(kept, f.stack(), "one stack object for the arena's life");
            try (MemoryStack s = kept.push()) {
                long p = s.nmalloc(8, 2048);
                MemoryUtil.memSet(p, 3, 2048);
                long q = f.alloc(2048, 8);
                assertTrue(q + 2048 <= p || p + 2048 <= q, "stack and arena allocations are disjoint");
            }
            f.end();
        }
    }

    @Test
    void class8AFailedGrowthKeepsTheOldBlockAndNothingIsFreedTwice() {
        for (long n = 1; n <= 12; n++) {
            EngineMemory mem = Engines.exactly(MemoryConfig.defaults().frameArenaBytes(4096).failAfter(n)
                .systemAllocator(Engines.killSwitch()));
            try {
                FrameArena f = mem.frame();
                for (int i = 0; i < 4; i++) {
                    try {
                        f.begin();
                        f.alloc(5000 * (i + 1), 8);
                        f.end();
                    } catch (OutOfNativeMemoryException e) {
                        if (f.inFrame()) {
                            f.end();
                        }
                    }
                }
                f.begin();
                f.alloc(64, 8);
                f.end();
            } catch (OutOfNativeMemoryException e) {
                // the arena's own first block failed: nothing to check
            } finally {
                mem.close();
            }
            assertEquals(0, mem.nativeBytes(), "native bytes back to 0, never negative (fail after " + n + ")");
        }
    }

    // ---------------------------------------------------------------- 9. other threads

    @Test
    void class9CloseAndMarkFromAnotherThreadAreRefused() {
        refused(mem -> {
            Pool p = mem.pool("c9", 16);
            LevelGroup g = mem.group("c9g");
            FrameArena f = mem.frame();
            f.begin();
            long[] got = new long[2];
            onAnotherThread(() -> {
                p.close();
                g.mark();
                g.close();
                got[0] = f.alloc(16, 8);
                got[1] = g.alloc(16, 8);
                f.mark();
            });
            assertFalse(p.isClosed());
            assertFalse(g.isClosed());
            assertEquals(0, got[0], "refused, not allocated");
            assertEquals(0, got[1]);
            assertEquals(0, g.bytes());
            f.end();
            p.close();
            g.close();
        }, DiagnosticCode.EM301);
    }

    /** A size that overflows address + size must not make a promotion look like the frame's own memory. */
    @Test
    void class5PromotionOfAnOverflowingSizeIsRefusedAtOnce() {
        refused(mem -> {
            FrameArena f = mem.frame();
            LevelGroup g = mem.group("c5p");
            f.begin();
            try {
                long a = f.alloc(64, 8);
                assertEquals(0, f.promote(a, Long.MAX_VALUE, 8, g));
                assertEquals(0, f.promote(a, Long.MAX_VALUE - a + 1, 8, g)); // a + bytes wraps to exactly 0
                assertEquals(0, f.promote(a, 64, 8, (LevelGroup) null));
                assertEquals(0, f.promote(a, 64, (Pool) null));
            } finally {
                f.end();
                g.close();
            }
        }, DiagnosticCode.EM013);
    }

    /** Under the kill switch too (this suite's second run): reserve grows the pool's arrays, the owner's alone. */
    @Test
    void class9ReserveFromAnotherThreadOrAfterCloseIsRefused() {
        refused(mem -> {
            Pool p = mem.pool("c9r", 32);
            onAnotherThread(() -> p.reserve(1000));
            assertTrue(p.capacity() < 1000, "not reserved: " + p.capacity());
            p.close();
        }, DiagnosticCode.EM301);
        refused(mem -> {
            Pool p = mem.pool("c9r", 32);
            p.close();
            p.reserve(5000);
            assertEquals(0, p.capacity());
        }, DiagnosticCode.EM105);
    }

    // ---------------------------------------------------------------- 10. right codes

    @Test
    void class10FreeOfZeroIsANoOpAndKeepOfZeroIsRefusedWithItsCode() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(true))) {
            Pool p = mem.pool("c10", 16);
            p.free(0);
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> p.keep(0));
            assertEquals(DiagnosticCode.EM102, e.code());
        }
    }

    @Test
    void class10FreeOfANeverAllocatedSlotSaysSo() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(false))) {
            Pool p = mem.pool("c10", 64);
            long a = p.alloc();
            p.reserve(100);
            p.free(a + (Engines.killSwitch() ? 0 : 64)); // slot 1: reserved, never handed out
            if (!Engines.killSwitch()) {
                assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM102));
                assertTrue(Engines.captured(mem).get(0).contains("never allocated"), Engines.captured(mem).toString());
                assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM101));
            }
            p.free(a);
        }
    }

    @Test
    void class10WriteAfterEndOfAnOverflowedFrameIsCaught() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().frameArenaBytes(4096).strict(false))) {
            FrameArena f = mem.frame();
            f.begin();
            long p = f.alloc(64, 8);
            f.alloc(10_000, 8); // overflows: the next begin grows the block
            f.end();
            if (!Engines.killSwitch()) {
                MemoryUtil.memPutInt(p + 8, 1); // the main block is still ours until begin() replaces it
            }
            f.begin();
            f.end();
            assertEquals(Engines.killSwitch() ? 0 : 1, mem.diagnosticCount(DiagnosticCode.EM005));
        }
    }

    @Test
    void class10ParanoidRollbackInsideASpillIsNotAnOverrun() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.PARANOID).frameArenaBytes(4096).strict(true))) {
            FrameArena f = mem.frame();
            f.begin();
            f.alloc(5000, 8); // into a spill block
            long m = f.mark();
            long a = f.alloc(100, 8);
            MemoryUtil.memSet(a, 1, 100);
            f.rollback(m);
            long b = f.alloc(200, 8); // over the rolled-back allocation's old guard
            MemoryUtil.memSet(b, 2, 200);
            f.end(); // strict: would throw EM401 if the dropped guard were still checked
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM401));
        }
    }

    @Test
    void class10SlotsFreedByAWorkerButNotDrainedAreNotLeaks() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(true))) {
            ConcurrentPool p = mem.concurrentPool("c10-shared", 32);
            long[] a = new long[100];
            for (int i = 0; i < a.length; i++) {
                a[i] = p.alloc();
            }
            onAnotherThread(() -> {
                for (long x : a) {
                    p.free(x);
                }
            });
        }
        // close() drained the ring before counting leaks: no EM603 (strict would have thrown above anyway)
    }

    // ---------------------------------------------------------------- 11. budgets and limits

    @Test
    void class11HardBudgetHoldsExactlyAcrossThreads() throws Exception {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(false))) {
            long hard = 64 * 1024;
            mem.budget("c11", hard, hard);
            int threads = 8;
            AtomicLong granted = new AtomicLong();
            AtomicLong peakSeen = new AtomicLong();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> ts = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    try {
                        LevelGroup g = mem.group("c11::t" + id);
                        start.await();
                        for (int i = 0; i < 10_000; i++) {
                            try {
                                g.alloc(64, 8);
                                long now = granted.addAndGet(64);
                                peakSeen.accumulateAndGet(now, Math::max);
                            } catch (MemoryBudgetExceededException e) {
                                // refused: the budget is full
                            }
                        }
                        granted.addAndGet(-g.bytes()); // before the close frees the budget for the others
                        g.close();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                ts.add(th);
                th.start();
            }
            start.countDown();
            for (Thread th : ts) {
                th.join();
            }
            assertNull(failure.get());
            assertTrue(peakSeen.get() <= hard, "granted at most the hard budget: " + peakSeen.get());
            assertEquals(hard, peakSeen.get(), "and exactly up to it");
            assertEquals(0, mem.snapshot().tag("c11").liveBytes());
        }
    }

    @Test
    void class11HandleSlotsDoNotRetireForever() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.OFF))) {
            Pool p = mem.pool("c11-handles", 64);
            long native0 = -1;
            for (int i = 0; i < (1 << 22); i++) {
                p.release(p.acquire());
                if (i == 1 << 21) {
                    native0 = mem.nativeBytes();
                }
            }
            assertTrue(p.retired() <= p.parkedLimit());
            assertEquals(native0, mem.nativeBytes(), "memory stopped growing once the cooling queue was full");
            assertTrue(p.reservedBytes() <= 2L * (p.parkedLimit() + 1) * p.strideBytes() + (1 << 16),
                "bounded: " + p.reservedBytes());
        }
    }

    @Test
    void class11DeepTagsAreRefusedWithoutBlowingTheStack() {
        try (EngineMemory mem = Engines.create()) {
            String deep = "a" + "::a".repeat(100_000);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mem.pool(deep, 16));
            assertTrue(e.getMessage().contains("nests more than 16"), e.getMessage());
            Pool ok = mem.pool("a" + "::a".repeat(14), 16);
            ok.close();
        }
    }

    @Test
    void class11JsonEscapesLoneSurrogates() {
        try (EngineMemory mem = Engines.create()) {
            Pool p = mem.pool("bad\uD800name\uDC00x\uD83D\uDE00", 16);
            String json = mem.snapshot().toJson();
            assertTrue(json.contains("bad\\ud800name\\udc00x\uD83D\uDE00"), json);
            p.close();
        }
    }

    @Test
    void class11GroupsClosedIsExactAcrossThreads() throws Exception {
        try (EngineMemory mem = Engines.create()) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 2000; i++) {
                        LevelGroup g = mem.group("closed-count");
                        g.alloc(8, 8);
                        g.close();
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
            assertEquals(8000, mem.snapshot().groupsClosed());
        }
    }
}
