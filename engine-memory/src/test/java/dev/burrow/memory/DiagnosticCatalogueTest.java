package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One test per diagnostic code: provoke it, check the code, the message and how strict mode reacts. Errors are
 * refused and counted when lenient, thrown when strict; warnings never throw.
 */
class DiagnosticCatalogueTest {

    /** Runs the provocation lenient (must count, message must contain the fragments) and strict. */
    private static void provoke(DiagnosticCode code, DebugLevel level, Consumer<EngineMemory> action, String... fragments) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level).strict(false))) {
            action.accept(mem);
            assertTrue(mem.diagnosticCount(code) >= 1, code + " not recorded; recent: " + mem.recentDiagnostics());
            String msg = mem.recentDiagnostics().stream().filter(m -> m.startsWith("[" + code + "]")).findFirst().orElseThrow();
            for (String f : fragments) {
                assertTrue(msg.contains(f), "'" + f + "' missing from: " + msg);
            }
            assertTrue(msg.endsWith(code.fix() + ")"), "says how to fix or get more detail: " + msg);
            assertEquals(mem.diagnosticCount(code), mem.snapshot().diagnostics(code), "counted in the snapshot");
        }
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level).strict(true))) {
            if (code.severity() == Severity.ERROR) {
                MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> action.accept(mem));
                assertEquals(code, e.code());
            } else {
                action.accept(mem); // warnings never throw
                assertTrue(mem.diagnosticCount(code) >= 1);
            }
        }
    }

    @Test
    void em001FrameAllocationOutsideAFrame() {
        provoke(DiagnosticCode.EM001, DebugLevel.SIMPLE, mem -> mem.frame().alloc(64, 8), "outside begin()/end()", "64 bytes");
    }

    @Test
    void em002FrameOverflow() {
        provoke(DiagnosticCode.EM002, DebugLevel.SIMPLE, mem -> {
            FrameArena f = mem.frame();
            f.begin();
            f.alloc(f.capacity() + 1, 8);
            f.end();
        }, "outgrew its 262144-byte block", "next frame grows to");
    }

    @Test
    void em003UnbalancedBeginEnd() {
        provoke(DiagnosticCode.EM003, DebugLevel.SIMPLE, mem -> mem.frame().end(), "end() outside a frame");
    }

    @Test
    void em004InvalidMark() {
        provoke(DiagnosticCode.EM004, DebugLevel.SIMPLE, mem -> {
            FrameArena f = mem.frame();
            f.begin();
            long m = f.mark();
            f.end();
            f.begin();
            try {
                f.rollback(m);
            } finally {
                f.end();
            }
        }, "taken in another frame");
    }

    @Test
    void em005FrameMemoryWrittenAfterEnd() {
        provoke(DiagnosticCode.EM005, DebugLevel.SIMPLE, mem -> {
            FrameArena f = mem.frame();
            f.begin();
            long p;
            try (MemoryStack s = f.stack().push()) {
                p = s.nmalloc(8, 64); // the arena's own block, in both allocator modes
            }
            f.end();
            MemoryUtil.memPutInt(p + 4, 42); // a dangling frame pointer used after end()
            f.begin();
            f.end();
        }, "was written after frame 1 ended");
    }

    @Test
    void em101DoubleFree() {
        provoke(DiagnosticCode.EM101, DebugLevel.SIMPLE, mem -> {
            Pool p = mem.pool("bullets", 32);
            long a = p.alloc();
            p.free(a);
            p.free(a);
        }, "double free of pool slot 0x", "in pool \"bullets\"", "allocated at DiagnosticCatalogueTest");
    }

    @Test
    void em102ForeignPointer() {
        provoke(DiagnosticCode.EM102, DebugLevel.SIMPLE, mem -> {
            Pool p = mem.pool("bullets", 32);
            p.alloc();
            p.free(0xDEAD_0000L);
        }, "free of 0xdead0000, which is not the start of a slot of pool \"bullets\"");
    }

    @Test
    void em103StaleHandle() {
        provoke(DiagnosticCode.EM103, DebugLevel.SIMPLE, mem -> {
            Pool p = mem.pool("enemies", 64);
            int h = p.acquire();
            p.release(h);
            p.acquire();
            p.address(h);
        }, "address() with stale handle 0x", "in pool \"enemies\"");
    }

    @Test
    void em104UseAfterFreeWrite() {
        provoke(DiagnosticCode.EM104, DebugLevel.SIMPLE, mem -> {
            Pool p = mem.pool("sparks", 64);
            long[] others = new long[600];
            for (int i = 0; i < others.length; i++) {
                others[i] = p.alloc();
            }
            long a = p.alloc();
            p.free(a);
            MemoryUtil.memPutLong(a + 32, 7); // still the pool's memory: the slot waits in the quarantine
            for (long o : others) {
                p.free(o); // pushes the slot out of the quarantine (the kill switch checks it as it returns the memory)
            }
            for (int i = 0; i < 2000; i++) {
                p.alloc(); // on slabs the slot comes back and is checked before it is handed out
            }
        }, "was written after it was freed", "pool \"sparks\"");
    }

    @Test
    void em105ClosedPool() {
        provoke(DiagnosticCode.EM105, DebugLevel.SIMPLE, mem -> {
            Pool p = mem.pool("gone", 16);
            p.close();
            p.alloc();
        }, "alloc() on closed pool \"gone\"");
    }

    @Test
    void em201ClosedGroup() {
        provoke(DiagnosticCode.EM201, DebugLevel.SIMPLE, mem -> {
            LevelGroup g = mem.group("level-9");
            g.close();
            g.alloc(8, 8);
        }, "closed level group \"level-9\"", "allocated at DiagnosticCatalogueTest");
    }

    @Test
    void em301CrossThreadMisuse() {
        provoke(DiagnosticCode.EM301, DebugLevel.SIMPLE, mem -> {
            Pool p = mem.pool("confined", 16);
            long a = p.alloc();
            onIntruderThread(() -> p.free(a));
        }, "free() on pool \"confined\" owned by thread", "from thread \"intruder\"");
    }

    @Test
    void em301FrameArenaUsedFromAnotherThreadAtParanoid() {
        provoke(DiagnosticCode.EM301, DebugLevel.PARANOID, mem -> {
            FrameArena f = mem.frame();
            onIntruderThread(f::begin);
        }, "begin() on frame arena of thread", "from thread \"intruder\"");
    }

    @Test
    void em401GuardOverrunInPoolGroupAndFrame() {
        provoke(DiagnosticCode.EM401, DebugLevel.PARANOID, mem -> {
            Pool p = mem.pool("particles", 24);
            long a = p.alloc();
            MemoryUtil.memPutByte(a + 24, (byte) 1); // one past the end
            p.free(a);
        }, "write past the end of the 24-byte allocation", "pool \"particles\"", "allocated at DiagnosticCatalogueTest");
        provoke(DiagnosticCode.EM401, DebugLevel.PARANOID, mem -> {
            LevelGroup g = mem.group("level-1");
            long a = g.alloc(100, 8);
            MemoryUtil.memPutByte(a + 103, (byte) 1);
            g.close();
        }, "100-byte allocation", "level group \"level-1\"", "allocated at DiagnosticCatalogueTest");
        provoke(DiagnosticCode.EM401, DebugLevel.PARANOID, mem -> {
            FrameArena f = mem.frame();
            f.begin();
            long a = f.alloc(40, 8);
            MemoryUtil.memPutByte(a + 40, (byte) 1);
            f.end();
        }, "40-byte allocation", "frame arena of thread");
    }

    @Test
    void em501SoftBudget() {
        provoke(DiagnosticCode.EM501, DebugLevel.SIMPLE, mem -> {
            mem.budget("level", 100, 1000);
            mem.group("level").alloc(200, 8);
        }, "tag \"level\" is at 200 bytes, over its soft budget of 100 bytes");
    }

    @Test
    void em502HardBudgetThrowsInEveryMode() {
        for (boolean strict : new boolean[] {false, true}) {
            try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(strict))) {
                mem.budget("level", 100, 1000);
                LevelGroup g = mem.group("level");
                MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> g.alloc(2000, 8));
                assertEquals(DiagnosticCode.EM502, e.code());
                assertTrue(e.getMessage().contains("allocation of 2000 bytes in level group \"level\""), e.getMessage());
                assertEquals(1, mem.snapshot().diagnostics(DiagnosticCode.EM502));
            }
        }
    }

    @Test
    void em601LeakAtGroupClose() {
        provoke(DiagnosticCode.EM601, DebugLevel.SIMPLE, mem -> {
            LevelGroup g = mem.group("level-3");
            Pool monsters = g.pool("level-3::monsters", 64);
            monsters.alloc();
            monsters.alloc();
            g.close();
        }, "pool \"level-3::monsters\" closed with 2 live slot(s), 128 bytes", "at DiagnosticCatalogueTest");
    }

    @Test
    void em602LeakAtPoolCloseGroupedBySite() {
        provoke(DiagnosticCode.EM602, DebugLevel.PARANOID, mem -> {
            Pool p = mem.pool("items", 16);
            for (int i = 0; i < 3; i++) {
                p.alloc();
            }
            p.keep(p.alloc()); // on purpose: not a leak
            p.alloc();
            p.close();
        }, "closed with 4 live slot(s), 64 bytes", "3 allocation(s), 48 bytes at DiagnosticCatalogueTest", "1 allocation(s), 16 bytes at DiagnosticCatalogueTest");
    }

    @Test
    void em603LeakAtEngineClose() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults())) {
            mem.pool("forgotten", 8).alloc();
            mem.group("also-forgotten").alloc(10, 8);
            mem.close();
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM603));
            assertEquals(0, mem.nativeBytes(), "the engine still freed them");
            assertTrue(mem.recentDiagnostics().stream().anyMatch(m -> m.contains("level group \"also-forgotten\" still open at engine close")));
        }
    }

    @Test
    void em604UseOfAClosedEngineThrowsInEveryMode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        for (boolean strict : new boolean[] {false, true}) {
            EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(strict));
            mem.close();
            EngineClosedException e = assertThrows(EngineClosedException.class, () -> mem.group("level-2"));
            assertInstanceOf(IllegalStateException.class, e, "callers that catch IllegalStateException still do");
            assertEquals(DiagnosticCode.EM604, e.code());
            assertEquals("[EM604] group(\"level-2\"): EngineMemory is closed (" + DiagnosticCode.EM604.fix() + ")", e.getMessage());
            assertEquals(1, mem.snapshot().diagnostics(DiagnosticCode.EM604));
            Runnable[] calls = {mem::frame, () -> mem.pool("p", 8), () -> mem.concurrentPool("c", 8), () -> mem.heap("h"),
                () -> mem.streaming("s", 4096), () -> mem.frameBarrier(2), () -> mem.frameWorkers("w", 2),
                () -> mem.watchBehaviour(BehaviourConfig.defaults()), () -> mem.emitSnapshots(dir, 1000, 1),
                () -> mem.budget("level", 1024, 4096)};
            for (Runnable call : calls) {
                assertEquals(DiagnosticCode.EM604, assertThrows(EngineClosedException.class, call::run).code());
            }
            assertEquals(1 + calls.length, mem.diagnosticCount(DiagnosticCode.EM604));
        }
    }

    @Test
    void em701NativeAllocationFailure() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().failAfter(1))) {
            OutOfNativeMemoryException e = assertThrows(OutOfNativeMemoryException.class, () -> mem.pool("p", 8).alloc());
            assertEquals(DiagnosticCode.EM701, e.code());
            assertTrue(e.getMessage().contains("native allocation #1 of"), e.getMessage());
            assertTrue(e.getMessage().contains("for \"p\" failed"), e.getMessage());
            assertTrue(e.getMessage().contains("fault injected: BURROW_FAIL_AFTER=1"), e.getMessage());
            assertEquals(1, mem.snapshot().diagnostics(DiagnosticCode.EM701));
        }
    }

    @Test
    void em503StreamingReservationDidNotFit() {
        provoke(DiagnosticCode.EM503, DebugLevel.SIMPLE, mem -> {
            StreamingBudget levels = mem.streaming("levels", 1 << 20);
            assertNull(levels.reserve("the whole world", 2 << 20, 0, e -> { }));
        }, "\"levels\"", "the whole world");
    }

    @Test
    void em504EvictionCallbackThrew() {
        provoke(DiagnosticCode.EM504, DebugLevel.SIMPLE, mem -> {
            StreamingBudget levels = mem.streaming("levels", 4096);
            StreamingBudget.Entry old = levels.reserve("depth-1", 4096, 0, e -> {
                throw new IllegalStateException("the game's bug");
            });
            StreamingBudget.Entry next = levels.reserve("depth-2", 4096, 0, e -> { });
            assertNotNull(next, "the throwing entry was evicted anyway");
            assertFalse(old.isResident());
        }, "depth-1", "IllegalStateException");
    }

    @Test
    void em901AllocatorInstalledTooLate() throws Exception {
        // LWJGL takes its allocator once per process: a child JVM that loads MemoryUtil first, then installs.
        String out = LwjglInstallTest.run(dev.burrow.games.LateInstallGame.class, 0);
        assertTrue(out.lines().anyMatch(l -> l.contains("[EM901]") && l.endsWith(DiagnosticCode.EM901.fix() + ")")), out);
    }

    @Test
    void em902LwjglMemoryLeakedAtEngineClose() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        provoke(DiagnosticCode.EM902, DebugLevel.PARANOID, mem -> {
            lwjgl.attach(mem);
            lwjgl.malloc(128);
            mem.close();
        }, "LWJGL memory under tag \"lwjgl\"", "128 bytes");
    }

    @Test
    void em903FreeOfMemoryBurrowNeverAllocated() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        provoke(DiagnosticCode.EM903, DebugLevel.SIMPLE, mem -> {
            lwjgl.attach(mem);
            long own = org.lwjgl.system.jemalloc.JEmalloc.nje_malloc(72);
            lwjgl.free(own); // native code's block: refused, left allocated
            org.lwjgl.system.jemalloc.JEmalloc.nje_free(own);
        });
    }

    @Test
    void em006ReleasedFrameArena() {
        provoke(DiagnosticCode.EM006, DebugLevel.SIMPLE, mem -> {
            FrameArena f = mem.frame();
            f.release();
            f.begin();
        }, "begin() on released frame arena");
    }

    @Test
    void em007AllocationTooLarge() {
        provoke(DiagnosticCode.EM007, DebugLevel.OFF, mem -> mem.group("big").alloc(Long.MAX_VALUE, 8),
            "over the limit of 1099511627776 bytes");
    }

    @Test
    void em008FrameBudgetFail() {
        provoke(DiagnosticCode.EM008, DebugLevel.SIMPLE, mem -> {
            FrameArena f = mem.frame();
            f.budget(1024, FrameBudgetPolicy.FAIL);
            f.begin();
            try {
                assertEquals(0, f.alloc(2048, 8));
            } finally {
                f.end();
            }
        }, "would cross its budget of 1024 bytes");
    }

    @Test
    void em009FrameBudgetWarn() {
        provoke(DiagnosticCode.EM009, DebugLevel.SIMPLE, mem -> {
            FrameArena f = mem.frame();
            f.budget(1024, FrameBudgetPolicy.WARN);
            f.begin();
            assertNotEquals(0, f.alloc(2048, 8));
            f.end();
        }, "crossed its budget of 1024 bytes");
    }

    @Test
    void em010FrameCollectionFull() {
        provoke(DiagnosticCode.EM010, DebugLevel.OFF, mem -> {
            FrameArena f = mem.frame();
            f.begin();
            try {
                FrameIntList l = f.intList(2);
                assertTrue(l.add(1));
                assertTrue(l.add(2));
                assertFalse(l.add(3));
            } finally {
                f.end();
            }
        }, "FrameIntList of capacity 2", "is full");
    }

    @Test
    void em011FrameCollectionAfterItsFrame() {
        provoke(DiagnosticCode.EM011, DebugLevel.OFF, mem -> {
            FrameArena f = mem.frame();
            f.begin();
            FrameLongList l = f.longList(4);
            l.add(1);
            f.end();
            assertFalse(l.add(2));
        }, "whose frame memory is gone");
    }

    @Test
    void em012UnbalancedPhase() {
        provoke(DiagnosticCode.EM012, DebugLevel.SIMPLE, mem -> {
            FrameArena f = mem.frame();
            f.begin();
            f.beginPhase("turns");
            f.end();
        }, "1 phase(s) still open at end(), innermost \"turns\"");
    }

    @Test
    void em013InvalidPromotion() {
        provoke(DiagnosticCode.EM013, DebugLevel.SIMPLE, mem -> {
            FrameArena f = mem.frame();
            LevelGroup g = mem.group("keep");
            long notFrameMemory = g.alloc(64, 8);
            f.begin();
            try {
                assertEquals(0, f.promote(notFrameMemory, 64, 8, g));
            } finally {
                f.end();
                g.close();
            }
        }, "it is not memory this frame allocated");
    }

    @Test
    void em014WorkerInsideItsFrameAtTheBarrier() {
        provoke(DiagnosticCode.EM014, DebugLevel.SIMPLE, mem -> {
            FrameBarrier barrier = mem.frameBarrier(1);
            onIntruderThread(() -> {
                FrameArena w = mem.frame();
                w.begin();
                try {
                    barrier.arrive(w); // before w.end()
                } finally {
                    w.end();
                    w.release();
                }
            });
            barrier.await();
        }, "arrived at the frame barrier inside frame 1");
    }

    @Test
    void em015StackPopWithoutPushThrowsInEveryMode() {
        for (boolean strict : new boolean[] {false, true}) {
            try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(strict))) {
                FrameArena f = mem.frame();
                f.begin();
                MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> f.stack().pop());
                f.end();
                assertEquals(DiagnosticCode.EM015, e.code());
                assertTrue(e.getMessage().startsWith("[EM015] pop() without a push() on the stack of frame arena"), e.getMessage());
                assertTrue(e.getMessage().endsWith(DiagnosticCode.EM015.fix() + ")"), e.getMessage());
                assertEquals(1, mem.snapshot().diagnostics(DiagnosticCode.EM015));
            }
        }
    }

    @Test
    void em106PoolFull() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.OFF))) {
            Pool p = mem.pool("full", 8);
            p.reserve(Pool.MAX_SLOTS);
            for (int i = 0; i < Pool.MAX_SLOTS; i++) {
                p.alloc();
            }
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, p::alloc, "thrown in every mode");
            assertEquals(DiagnosticCode.EM106, e.code());
            assertTrue(e.getMessage().contains("is full: it holds 1048576 slots"), e.getMessage());
            assertEquals(Pool.MAX_SLOTS, p.live(), "nothing changed");
        }
    }

    @Test
    void em202InvalidGroupRollback() {
        provoke(DiagnosticCode.EM202, DebugLevel.SIMPLE, mem -> {
            LevelGroup a = mem.group("a");
            LevelGroup b = mem.group("b");
            b.rollback(a.mark());
        }, "it is not a mark of this group");
    }

    @Test
    void em801To805BehaviourFindings() {
        for (DiagnosticCode code : new DiagnosticCode[] {DiagnosticCode.EM801, DiagnosticCode.EM802, DiagnosticCode.EM803,
            DiagnosticCode.EM804, DiagnosticCode.EM805}) {
            provoke(code, DebugLevel.SIMPLE, BehaviourReportTest.provocation(code), BehaviourReportTest.fragment(code));
        }
    }

    @Test
    void everyCodeHasATestHereAndAnExample() {
        java.util.Set<String> tested = new java.util.HashSet<>();
        for (java.lang.reflect.Method m : DiagnosticCatalogueTest.class.getDeclaredMethods()) {
            java.util.regex.Matcher x = java.util.regex.Pattern.compile("^em(\\d{3})(?:To(\\d{3}))?").matcher(m.getName());
            if (x.find()) {
                int from = Integer.parseInt(x.group(1));
                int to = x.group(2) == null ? from : Integer.parseInt(x.group(2));
                for (int c = from; c <= to; c++) {
                    tested.add(String.format("EM%03d", c));
                }
            }
        }
        for (DiagnosticCode c : DiagnosticCode.values()) {
            assertTrue(tested.contains(c.name()), c + " has no test in DiagnosticCatalogueTest");
            assertFalse(c.example().isBlank(), c + " has no example");
            assertFalse(c.meaning().isBlank() || c.fix().isBlank(), c + " lacks meaning or fix");
        }
    }

    @Test
    void eachDistinctMessageIsLoggedOnceButEveryOccurrenceCounted() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults())) {
            FrameArena f = mem.frame();
            for (int i = 0; i < 100; i++) {
                f.alloc(8, 8);
            }
            assertEquals(100, mem.diagnosticCount(DiagnosticCode.EM001));
        }
    }

    /** Runs {@code misuse} on a thread named "intruder"; what it throws (strict mode) is rethrown on the test thread. */
    private static void onIntruderThread(Runnable misuse) {
        Threads.rethrownFrom("intruder", misuse);
    }
}
