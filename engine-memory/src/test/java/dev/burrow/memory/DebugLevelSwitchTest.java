package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.*;

/** The debug level can change at run time: allocators created afterwards (and a released thread's next frame arena) get it. */
class DebugLevelSwitchTest {

    @Test
    void newAllocatorsAndTheNextFrameUseTheNewLevel() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.OFF).strict(false))) {
            FrameArena f = mem.frame();
            Pool before = mem.pool("before", 24);
            mem.debugLevel(DebugLevel.PARANOID);
            assertEquals(DebugLevel.PARANOID, mem.snapshot().debug());
            Pool after = mem.pool("after", 24);
            assertTrue(after.strideBytes() > before.strideBytes(), "PARANOID pools carry guard bytes");
            long a = after.alloc();
            MemoryUtil.memPutByte(a + 24, (byte) 1);
            after.free(a);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM401), "the new pool checks guards");
            f.begin();
            long o = f.alloc(16, 8);
            MemoryUtil.memPutByte(o + 16, (byte) 1); // the arena was made at OFF: it keeps its implementation
            f.end();
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM401));
            assertEquals(DebugLevel.OFF, f.debugLevel());
            f.release();
            f = mem.frame();
            assertEquals(DebugLevel.PARANOID, f.debugLevel(), "the thread's next arena has the new level");
            f.begin();
            long p = f.alloc(16, 8);
            MemoryUtil.memPutByte(p + 16, (byte) 1);
            f.end();
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM401), "the new arena checks guards");
            mem.debugLevel(DebugLevel.OFF);
            f.release();
            f = mem.frame();
            f.begin();
            long q = f.alloc(16, 8);
            MemoryUtil.memPutByte(q + 16, (byte) 1); // no guards at OFF: nothing to catch
            f.end();
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM401));
            assertThrows(NullPointerException.class, () -> mem.debugLevel(null));
        }
    }
}
