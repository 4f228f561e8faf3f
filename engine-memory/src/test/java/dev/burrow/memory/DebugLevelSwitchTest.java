package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.*;

/** The debug level can change at run time: new allocators get the new level, frame arenas switch between frames. */
class DebugLevelSwitchTest {

    @Test
    void newAllocatorsAndTheNextFrameUseTheNewLevel() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().debug(DebugLevel.OFF).strict(false))) {
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
            long p = f.alloc(16, 8);
            MemoryUtil.memPutByte(p + 16, (byte) 1);
            f.end();
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM401), "the frame switched at begin()");
            mem.debugLevel(DebugLevel.OFF);
            f.begin();
            long q = f.alloc(16, 8);
            MemoryUtil.memPutByte(q + 16, (byte) 1); // no guards at OFF: nothing to catch
            f.end();
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM401));
            assertThrows(NullPointerException.class, () -> mem.debugLevel(null));
        }
    }
}
