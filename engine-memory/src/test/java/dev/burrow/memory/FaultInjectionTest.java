package dev.burrow.memory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Nth native allocation fails in a scenario that uses all three allocators. The failure must surface as
 * {@link OutOfNativeMemoryException}, everything allocated before it must stay usable and releasable, and after
 * cleanup every counter must be back to zero with no leak reported.
 */
class FaultInjectionTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 37})
    void failureSurfacesAndEverythingIsReleasable(int n) {
        EngineMemory mem = Engines.create(MemoryConfig.defaults().failAfter(n).groupChunkBytes(4096).poolSlabBytes(1024).strict(true));
        OutOfNativeMemoryException failure = null;
        Pool pool = null;
        LevelGroup group = null;
        long[] slots = new long[600];
        int live = 0;
        try {
            FrameArena frame = mem.frame();               // native #1: the frame block
            pool = mem.pool("fault::slots", 100); // ~9 slots per 1 KiB slab: many slabs
            group = mem.group("fault::level");
            for (int round = 0; round < 600; round++) {
                frame.begin();
                try {
                    long f = frame.alloc(1000 + round * 50, 16);   // outgrows the block: spill blocks, then a bigger block
                    MemoryUtil.memSet(f, 1, 1000);
                    slots[live] = pool.alloc();                    // slab growth every few rounds
                    MemoryUtil.memPutLong(slots[live], slots[live]);
                    live++;
                    long g = group.alloc(700, 8);                  // chunk growth
                    MemoryUtil.memPutInt(g, round);
                } finally {
                    frame.end();
                }
            }
            fail("the scenario makes more than " + n + " native allocations; failAfter(" + n + ") should have fired");
        } catch (OutOfNativeMemoryException e) {
            failure = e;
        }
        assertEquals(DiagnosticCode.EM701, failure.code());
        assertTrue(failure.getMessage().contains("native allocation #" + n + " "), failure.getMessage());
        assertTrue(failure.getMessage().contains("BURROW_FAIL_AFTER=" + n), failure.getMessage());
        // What was allocated before the failure is intact and can be released normally.
        for (int i = 0; i < live; i++) {
            assertEquals(slots[i], MemoryUtil.memGetLong(slots[i]), "slot " + i + " intact after the failure");
            pool.free(slots[i]);
        }
        if (pool != null) {
            pool.close();
        }
        if (group != null) {
            group.close();
        }
        mem.close();
        MemorySnapshot s = mem.snapshot();
        assertEquals(0, s.nativeBytes(), "every native byte released");
        assertEquals(0, s.nativeBlocks());
        assertEquals(s.nativeMallocs() - 1, s.nativeFrees(), "every successful malloc was freed");
        assertEquals(0, s.diagnostics(DiagnosticCode.EM602) + s.diagnostics(DiagnosticCode.EM603) + s.diagnostics(DiagnosticCode.EM601),
            "no leak reported: " + s.toJson());
        for (int i = 0; i < s.tagCount(); i++) {
            assertEquals(0, s.tag(i).liveBytes(), "tag " + s.tag(i).name());
        }
    }
}
