package dev.burrow.memory;

import dev.burrow.games.Strangers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lwjgl.system.JNI;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.jemalloc.JEmalloc;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The LWJGL allocator, driven directly (an instance of its own attached to a test engine: the process-wide one is
 * installed only in {@link LwjglInstallTest}'s child JVMs, because LWJGL takes its allocator once per process).
 */
class LwjglAllocatorTest {

    private static EngineMemory engine(BurrowLwjglAllocator lwjgl, MemoryConfig config) {
        EngineMemory mem = Engines.create(config);
        lwjgl.attach(mem);
        return mem;
    }

    @Test
    void allocationsAreCountedUnderLwjglOrTheScopedTag() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(lwjgl, MemoryConfig.defaults())) {
            long a = lwjgl.malloc(100);
            long b;
            try (BurrowLwjglAllocator.TagScope t = lwjgl.scope("textures")) {
                b = lwjgl.malloc(5000);
                try (BurrowLwjglAllocator.TagScope inner = lwjgl.scope("textures::atlas")) {
                    lwjgl.free(lwjgl.malloc(10));
                }
                assertEquals("textures", lwjgl.threadsTag());
            }
            assertEquals(BurrowLwjglAllocator.DEFAULT_TAG, lwjgl.threadsTag());
            MemorySnapshot s = mem.snapshot();
            assertEquals(128, s.lwjglBytes(BurrowLwjglAllocator.DEFAULT_TAG), "100 bytes take the 128-byte class");
            assertEquals(5000, s.lwjglBytes("textures"));
            assertEquals(5128, s.lwjglBytes());
            assertEquals(5000, s.tag("textures").liveBytes());
            assertTrue(s.lwjglAttached());
            assertTrue(s.toJson().contains("\"lwjgl\":{\"installed\":false,\"attached\":true,\"bytes\":5128"), s.toJson());
            lwjgl.free(a);
            lwjgl.free(b);
            assertEquals(0, mem.snapshot().lwjglBytes());
            assertEquals(List.of(), Engines.captured(mem));
        }
    }

    @Test
    void callocZeroesReallocKeepsAndAlignedAllocAligns() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(lwjgl, MemoryConfig.defaults())) {
            long c = lwjgl.calloc(10, 30);
            for (int i = 0; i < 300; i++) {
                assertEquals(0, MemoryUtil.memGetByte(c + i));
                MemoryUtil.memPutByte(c + i, (byte) i);
            }
            long r = lwjgl.realloc(c, 9000);
            for (int i = 0; i < 300; i++) {
                assertEquals((byte) i, MemoryUtil.memGetByte(r + i));
            }
            long s = lwjgl.realloc(r, 260);
            assertEquals((byte) 259, MemoryUtil.memGetByte(s + 259));
            assertEquals(s, lwjgl.realloc(s, 300), "the same class: in place");
            assertEquals(0, lwjgl.realloc(s, 0), "realloc to 0 frees");
            assertEquals(0, lwjgl.calloc(Long.MAX_VALUE / 2, 4), "an overflowing calloc is NULL");
            assertEquals(0, lwjgl.malloc(-1), "a size_t no machine has is NULL");
            for (long align = 8; align <= 8192; align <<= 1) {
                long p = lwjgl.aligned_alloc(align, 100);
                assertEquals(0, p % align);
                lwjgl.aligned_free(p);
            }
            assertEquals(0, lwjgl.aligned_alloc(24, 100), "not a power of two");
            assertEquals(0, mem.snapshot().lwjglBytes());
            assertEquals(List.of(), Engines.captured(mem));
        }
    }

    @Test
    void nativeCodeAllocatesThroughTheFunctionPointers() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(lwjgl, MemoryConfig.defaults())) {
            long p = JNI.invokePP(64, lwjgl.getMalloc());
            long q = JNI.invokePPP(3, 100, lwjgl.getCalloc());
            assertEquals(0, MemoryUtil.memGetLong(q + 200));
            assertEquals(64 + 384, mem.snapshot().lwjglBytes(), "native allocations are counted like memAlloc (300 B: the 384 class)");
            q = JNI.invokePPP(q, 6000, lwjgl.getRealloc());
            long r = JNI.invokePPP(256, 64, lwjgl.getAlignedAlloc());
            assertEquals(0, r % 256);
            JNI.invokePV(p, lwjgl.getFree());
            JNI.invokePV(q, lwjgl.getFree());
            JNI.invokePV(r, lwjgl.getAlignedFree());
            assertEquals(0, mem.snapshot().lwjglBytes());
            JNI.invokePV(p, lwjgl.getFree()); // a native double free: diagnosed, nothing thrown into native code
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM101));
        }
    }

    /**
     * A block freed, then its memory taken again by Burrow's native heap (a group chunk starting before it, say): a
     * free of the old address is now a free of Burrow's memory, not a double free. The system allocator decides when
     * it reuses an address (under the kill switch this made doubleForeignAndStrangerFreesAreToldApart flaky), so this
     * test makes the reuse itself, at an address nothing is written to.
     */
    @Test
    void memoryBurrowTakesAgainLeavesTheGraveyard() {
        long chunk = 0x3A5_0000_0000L;
        long old = chunk + 96;
        LargeBlocks.Owner nobody = new LargeBlocks.Owner() {
            @Override
            public void largeFreed(long address, long bytes, long align) {
            }

            @Override
            public EngineMemory engine() {
                return null;
            }
        };
        LargeBlocks.INSTANCE.put(old, 128, 16, nobody, null);
        assertEquals(LargeBlocks.FREED, LargeBlocks.INSTANCE.free(old, null));
        assertEquals(LargeBlocks.FREED_BEFORE, LargeBlocks.INSTANCE.free(old, null), "freed twice");
        NativeBlocks.INSTANCE.track(1);
        try {
            NativeBlocks.INSTANCE.allocated(chunk, 4096, 16);
            assertFalse(LargeBlocks.INSTANCE.freedRecently(old));
            assertEquals(LargeBlocks.UNKNOWN, LargeBlocks.INSTANCE.free(old, null), "Burrow's memory now, not a double free");
            assertTrue(NativeBlocks.INSTANCE.contains(old));
        } finally {
            NativeBlocks.INSTANCE.freed(chunk, 4096, 16);
            NativeBlocks.INSTANCE.track(-1);
        }
    }

    /**
     * A stale pointer on a 4 KiB page that a live small block of Burrow's also touches (under the kill switch every
     * slot is its own malloc, so they share pages): still a stale pointer (EM101), not "Burrow's memory" (EM102),
     * which the page index, coarser than a block, used to say first. Burrow taking part of the freed range again
     * cuts exactly that part out: inside it is Burrow's memory, beside it still stale. Forged addresses nothing is
     * written to; the memFree is refused either way, never handed to jemalloc.
     */
    /**
     * Burrow remembers the last 4096 ranges it freed; a pointer into memory given back before them looks like a block
     * native code took from jemalloc itself. Neither reaches jemalloc (je_free of the first crashed the JVM).
     */
    @Test
    void aStalePointerOlderThanEveryRememberedFreeNeverReachesJemalloc() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(lwjgl, MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false).groupChunkBytes(256))) {
            Pool pool = mem.pool("bullets", 64);
            long stale = pool.alloc();
            pool.free(stale);
            pool.close(); // its slab goes back to jemalloc
            LevelGroup[] groups = new LevelGroup[5000];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = mem.group("churn");
                groups[i].alloc(100, 8);
            }
            for (LevelGroup g : groups) {
                g.close(); // 5000 more ranges freed: the slab's has left the ring
            }
            lwjgl.free(stale);
            assertEquals(0, lwjgl.realloc(stale, 128));
            long refused = mem.diagnosticCount(DiagnosticCode.EM101) + mem.diagnosticCount(DiagnosticCode.EM102)
                + mem.diagnosticCount(DiagnosticCode.EM903);
            assertEquals(2, refused, Engines.captured(mem).toString());
        }
    }

    @Test
    void aStalePointerBesideALiveSmallBlockIsStale() {
        long page = 0x3A6_0000_0000L;
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(lwjgl, MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false))) {
            NativeBlocks blocks = NativeBlocks.INSTANCE;
            blocks.allocated(page + 1024, 64, 16); // live, on the same page
            blocks.allocated(page, 64, 16);
            blocks.freed(page, 64, 16);
            assertTrue(blocks.onSmallBlockPage(page));
            lwjgl.free(page);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM101), Engines.captured(mem).toString());
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM102), Engines.captured(mem).toString());

            blocks.allocated(page + 16, 16, 16); // the middle of the freed block is Burrow's again
            assertTrue(blocks.freedRecently(page + 8), "left of the new block");
            assertFalse(blocks.freedRecently(page + 16), "the new block");
            assertFalse(blocks.freedRecently(page + 31), "the new block's last byte");
            assertTrue(blocks.freedRecently(page + 32), "right of the new block");
            assertTrue(blocks.freedRecently(page + 63));
            assertFalse(blocks.freedRecently(page + 64), "past the freed block");
            lwjgl.free(page + 16);
            lwjgl.free(page + 48);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM102), "inside the block taken again: Burrow's memory");
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM101), "beside it: still stale");
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM903), "nothing reached jemalloc");

            blocks.allocated(page + 2048, 64, 16);
            blocks.freed(page + 2048, 64, 16);
            blocks.allocated(page + 2048, 16, 16); // the left part of a freed block taken again
            assertFalse(blocks.freedRecently(page + 2050));
            assertTrue(blocks.freedRecently(page + 2064), "the rest is still stale");
            assertTrue(blocks.freedRecently(page + 2111));
            blocks.freed(page + 2048, 16, 16);
            blocks.freed(page + 16, 16, 16);
            blocks.freed(page + 1024, 64, 16);
        }
    }

    @Test
    void doubleForeignAndStrangerFreesAreToldApart() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(lwjgl, MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false))) {
            long small = lwjgl.malloc(64);
            lwjgl.free(small);
            lwjgl.free(small);
            long large = lwjgl.malloc(100_000);
            lwjgl.free(large);
            lwjgl.free(large);
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM101), "double frees, small and large");

            long live = lwjgl.malloc(64);
            lwjgl.free(live + 8);
            Pool pool = mem.pool("bullets", 32);
            long slot = pool.alloc();
            MemoryUtil.memPutLong(slot, 42);
            lwjgl.free(slot);                     // a pool slot passed to memFree: must never reach jemalloc
            lwjgl.free(slot + 8);                 // inside it (slot + 32 is the next slot on a slab, but under the
                                                  // kill switch it may be memory Burrow freed: a stale pointer, EM101)
            LevelGroup group = mem.group("level");
            long inGroup = group.alloc(256, 16);
            lwjgl.free(inGroup);
            lwjgl.free(12345);
            lwjgl.free(-4096);
            assertEquals(6, mem.diagnosticCount(DiagnosticCode.EM102), Engines.captured(mem).toString());
            assertEquals(42, MemoryUtil.memGetLong(slot), "the pool slot is intact");
            pool.free(slot);
            pool.close();
            group.close();

            // Native code's own blocks, through memFree and memRealloc: refused and left as they are (from the address
            // alone they cannot be told from memory Burrow gave back long ago). From an arena of their own: an address
            // in memory Burrow gave back moments ago would be refused as a stale pointer instead.
            long stranger = Strangers.malloc(72);
            MemoryUtil.memPutLong(stranger, 7);
            lwjgl.free(stranger);
            assertEquals(7, MemoryUtil.memGetLong(stranger), "still allocated: jemalloc never saw the free");
            assertEquals(0, lwjgl.realloc(stranger, 4096), "realloc of a block Burrow never allocated is refused");
            assertEquals(7, MemoryUtil.memGetLong(stranger));
            JEmalloc.nje_free(stranger); // its owner frees it
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM903));
            assertEquals(2, lwjgl.strangerFrees());
            assertEquals(0, lwjgl.realloc(large, 10), "realloc of a freed block is refused");
            assertEquals(3, mem.diagnosticCount(DiagnosticCode.EM101));
            lwjgl.free(live);
            assertEquals(0, mem.snapshot().lwjglBytes());
        }
        BurrowLwjglAllocator strict = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(strict, MemoryConfig.defaults().strict(true))) {
            long p = strict.malloc(100_000);
            strict.free(p);
            assertEquals(DiagnosticCode.EM101, assertThrows(MemoryDiagnosticException.class, () -> strict.free(p)).code());
            mem.budget("lwjgl", 0, 1024);
            assertEquals(0, strict.malloc(2048), "strict or not, malloc over a hard budget is NULL, never a throw");
        }
    }

    @Test
    void aHardBudgetMakesMallocReturnNull() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(lwjgl, MemoryConfig.defaults())) {
            mem.budget("lwjgl", 1024, 4096);
            long a = lwjgl.malloc(3000);
            assertNotEquals(0, a);
            assertEquals(0, lwjgl.malloc(2000));
            assertEquals(0, lwjgl.malloc(200_000));
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM502));
            lwjgl.free(a);
        }
    }

    @Test
    void blocksCrossThreadsBothWays() throws Exception {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        try (EngineMemory mem = engine(lwjgl, MemoryConfig.defaults())) {
            long baseline = mem.nativeBytes();
            long[] mine = new long[300];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = lwjgl.malloc(8 + i * 13);
            }
            long[] theirs = new long[300];
            Thread t = new Thread(() -> {
                for (long p : mine) {
                    lwjgl.free(p); // handed to the main thread's heap
                }
                for (int i = 0; i < theirs.length; i++) {
                    theirs[i] = lwjgl.malloc(8 + i * 13);
                }
            }, "glfw-callbacks");
            t.start();
            t.join();
            for (long p : theirs) {
                lwjgl.free(p); // the thread died: its heap is adopted and freed here
            }
            lwjgl.free(lwjgl.malloc(16)); // the main thread applies what it was handed
            assertEquals(0, mem.snapshot().lwjglBytes());
            assertEquals(List.of(), Engines.captured(mem));
            mem.close();
            assertEquals(baseline, mem.nativeBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"OFF", "SIMPLE", "PARANOID"})
    void leaksAtEngineCloseAreReportedAndStayValid(DebugLevel level) {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        EngineMemory mem = engine(lwjgl, MemoryConfig.defaults().debug(level));
        long baseline = mem.nativeBytes();
        long leaked = lwjgl.malloc(100);
        long leakedLarge = lwjgl.malloc(50_000);
        long freedLater = lwjgl.malloc(100);
        mem.close();
        List<String> lines = Engines.captured(mem);
        int expected = level == DebugLevel.OFF ? 0 : 1; // OFF records no sites: LWJGL's own state and leaks look alike
        assertEquals(expected, lines.size(), lines.toString());
        String line = expected == 0 ? "" : lines.get(0);
        if (level != DebugLevel.OFF) {
            assertTrue(line.startsWith("[EM902] LWJGL memory under tag \"lwjgl\" (thread \"" + Thread.currentThread().getName()
                + "\") still holds 3 block(s), 50256 bytes at engine close"), line);
            assertTrue(line.contains("50000 bytes at LwjglAllocatorTest.leaksAtEngineCloseAreReportedAndStayValid"), line);
        }
        if (level != DebugLevel.OFF && !Engines.killSwitch()) {
            assertTrue(line.contains("1 allocation(s), 128 bytes at LwjglAllocatorTest.leaksAtEngineCloseAreReportedAndStayValid"),
                "first uses of slots are sampled at SIMPLE: " + line);
        }
        MemoryUtil.memPutLong(leaked, 7);       // LWJGL may still use it: the memory stays valid
        MemoryUtil.memPutLong(leakedLarge + 49_992, 7);
        lwjgl.free(freedLater);                 // and free it, after the engine is gone
        lwjgl.free(leaked);
        lwjgl.free(leakedLarge);
        assertEquals(expected, Engines.captured(mem).size(), "late frees are fine: " + Engines.captured(mem));
        assertEquals(baseline, mem.nativeBytes(), "the last free returned the retired heap's memory");
        long after = lwjgl.malloc(64);          // no engine now: straight to jemalloc, recorded
        assertEquals(1, lwjgl.untrackedBlocks());
        lwjgl.free(after);
        assertEquals(0, lwjgl.untrackedBlocks());
    }

    @Test
    void memoryFromBeforeTheEngineIsFreedSilentlyLater() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        long early = lwjgl.malloc(200);
        long earlyBig = lwjgl.aligned_alloc(4096, 10_000);
        assertEquals(0, earlyBig % 4096);
        assertEquals(2, lwjgl.untrackedBlocks());
        try (EngineMemory mem = engine(lwjgl, MemoryConfig.defaults())) {
            assertEquals(2, mem.snapshot().lwjglUntrackedBlocks());
            assertEquals(10_200, mem.snapshot().lwjglUntrackedBytes());
            assertEquals(0, mem.snapshot().lwjglBytes(), "not charged to a tag: it was never this engine's");
            long moved = lwjgl.realloc(early, 500); // now it becomes the engine's
            assertEquals(512, mem.snapshot().lwjglBytes());
            lwjgl.free(moved);
            lwjgl.free(earlyBig);
            assertEquals(0, lwjgl.untrackedBlocks());
            assertEquals(List.of(), Engines.captured(mem));
        }
    }

    @Test
    void theNextEngineGetsTheAllocatorAndAThreadMovesToIt() {
        BurrowLwjglAllocator lwjgl = new BurrowLwjglAllocator();
        AtomicLong kept = new AtomicLong();
        try (EngineMemory first = engine(lwjgl, MemoryConfig.defaults())) {
            kept.set(lwjgl.malloc(40));
        }
        try (EngineMemory second = engine(lwjgl, MemoryConfig.defaults())) {
            long p = lwjgl.malloc(40);
            assertEquals(48, second.snapshot().lwjglBytes());
            lwjgl.free(kept.get()); // a block of the first engine's retired heap
            lwjgl.free(p);
            assertEquals(0, second.snapshot().lwjglBytes());
            assertEquals(List.of(), Engines.captured(second));
        }
    }
}
