package dev.burrow.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A frame collection kept past its frame (in a field, say) is refused the next frame, never the next frame's view. */
class FrameCollectionStaleTest {

    @Test
    void aCollectionKeptOneFrameIsRefusedAndTheNewFramesIsUntouched() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false))) {
            FrameArena f = mem.frame();
            FrameIntList keptInts = null;
            FrameLongList keptLongs = null;
            FrameFloatList keptFloats = null;
            FrameIntIntMap keptMap = null;
            for (int frame = 0; frame < 12; frame++) {
                f.begin();
                FrameIntList ints = f.intList(4);
                FrameLongList longs = f.longList(4);
                FrameFloatList floats = f.floatList(4);
                FrameIntIntMap map = f.intIntMap(4);
                if (keptInts != null) {
                    assertNotSame(keptInts, ints);
                    assertFalse(keptInts.add(99), "a list from the frame before is refused");
                    assertFalse(keptLongs.add(99));
                    assertFalse(keptFloats.add(99));
                    assertFalse(keptMap.put(1, 99));
                }
                assertTrue(ints.isEmpty() && longs.isEmpty() && floats.isEmpty() && map.isEmpty(),
                    "frame " + frame + ": the new frame's collections hold nothing of the kept ones");
                ints.add(frame);
                longs.add(frame);
                floats.add(frame);
                map.put(frame, frame);
                keptInts = ints;
                keptLongs = longs;
                keptFloats = floats;
                keptMap = map;
                f.end();
            }
            assertEquals(11 * 4, mem.diagnosticCount(DiagnosticCode.EM011));
        }
    }

    @Test
    void strictModeThrowsOnTheKeptList() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.PARANOID).strict(true))) {
            FrameArena f = mem.frame();
            f.begin();
            FrameIntList kept = f.intList(4);
            f.end();
            f.begin();
            FrameIntList fresh = f.intList(4);
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> kept.add(99));
            assertEquals(DiagnosticCode.EM011, e.code());
            assertTrue(fresh.isEmpty());
            f.end();
        }
    }
}
