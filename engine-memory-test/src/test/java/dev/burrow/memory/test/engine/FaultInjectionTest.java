package dev.burrow.memory.test.engine;

import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.OutOfNativeMemoryException;
import dev.burrow.memory.Pool;
import dev.burrow.memory.test.FaultInjection;
import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Nth native allocation fails in a scenario that uses all three allocators, checked with the kit's
 * {@link FaultInjection}: the failure surfaces as {@link OutOfNativeMemoryException} naming N, everything allocated
 * before it stays intact and releasable, and after cleanup the kit finds no native byte and no leak.
 */
class FaultInjectionTest {

    @Test
    void failureSurfacesAndEverythingIsReleasable() {
        FaultInjection.of(MemoryConfig.defaults().groupChunkBytes(4096).poolSlabBytes(1024)).at(1, 3, 7, 37, 100, 400)
            .run(FaultInjectionTest::scenario);
    }

    private static void scenario(EngineMemory mem) {
        Pool pool = null;
        LevelGroup group = null;
        long[] slots = new long[600];
        int live = 0;
        try {
            FrameArena frame = mem.frame();                // native #1: the frame block
            pool = mem.pool("fault::slots", 100);          // ~9 slots per 1 KiB slab: many slabs
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
        } catch (OutOfNativeMemoryException e) {
            assertEquals(DiagnosticCode.EM701, e.code());
            long n = mem.config().failAfter();
            assertTrue(e.getMessage().contains("native allocation #" + n + " "), e.getMessage());
            assertTrue(e.getMessage().contains("BURROW_FAIL_AFTER=" + n), e.getMessage());
            throw e; // the kit checks it is clean
        } finally {
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
        }
    }
}
