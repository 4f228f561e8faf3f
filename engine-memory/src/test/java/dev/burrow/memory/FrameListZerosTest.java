package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.*;

/** {@code addZeros}: a list sized in one memset, refused like {@code add} when it does not fit or its frame is gone. */
class FrameListZerosTest {

    @Test
    void zerosAreZeroEvenOverMemoryAnEarlierFrameWrote() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(false))) {
            FrameArena f = mem.frame();
            f.begin();
            long dirty = f.alloc(4096, 8);
            MemoryUtil.memSet(dirty, 0x5A, 4096);
            f.end();
            f.begin();
            FrameIntList ints = f.intList(100);
            assertTrue(ints.add(7));
            assertTrue(ints.addZeros(99));
            assertEquals(100, ints.size());
            assertEquals(7, ints.get(0));
            for (int i = 1; i < 100; i++) {
                assertEquals(0, ints.get(i), "index " + i);
            }
            FrameFloatList floats = f.floatList(10);
            assertTrue(floats.addZeros(10));
            floats.set(9, 1.5f);
            assertEquals(0f, floats.get(8));
            assertEquals(1.5f, floats.get(9));
            FrameLongList longs = f.longList(3);
            assertTrue(longs.addZeros(0));
            assertTrue(longs.addZeros(3));
            assertEquals(0L, longs.get(2));
            f.end();
            assertEquals(0, Engines.captured(mem).size(), Engines.captured(mem).toString());
        }
    }

    @Test
    void pastCapacityOrAfterItsFrameNothingIsAddedAndTheCodeSaysWhy() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(false))) {
            FrameArena f = mem.frame();
            f.begin();
            FrameIntList l = f.intList(8);
            assertTrue(l.addZeros(5));
            assertFalse(l.addZeros(4), "5 + 4 > 8");
            assertEquals(5, l.size());
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM010));
            assertFalse(l.addZeros(Integer.MAX_VALUE), "no overflow in the room check");
            assertThrows(IllegalArgumentException.class, () -> l.addZeros(-1));
            f.end();
            assertFalse(l.addZeros(0), "a stale list refuses even nothing");
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM011));
        }
    }
}
