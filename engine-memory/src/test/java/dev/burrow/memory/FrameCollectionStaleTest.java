package dev.burrow.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A frame collection kept past its frame (in a field, say) is refused the next frame, not the next frame's view (for a
 * frame that makes up to half of a kind's first batch of views: FrameViews).
 */
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

    /** The batches cost no Java heap once warm, however many rollbacks a frame makes. */
    @Test
    void viewsMadeEveryFrameAndAcrossRollbacksMakeNoGarbageOnceWarm() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(true))) {
            FrameArena f = mem.frame();
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
            long sum = 0;
            long before = 0;
            for (int frame = 0; frame < 21000; frame++) {
                if (frame == 20000) {
                    before = threads.getCurrentThreadAllocatedBytes();
                }
                f.begin();
                for (int turn = rnd.nextInt(1, 20); turn > 0; turn--) { // a busy frame runs many turns
                    long mark = f.mark();
                    FrameIntList scratch = f.intList(8);
                    scratch.add(turn);
                    sum += scratch.get(0);
                    f.rollback(mark);
                }
                for (int n = rnd.nextInt(1, 4); n > 0; n--) {
                    FrameLongList kept = f.longList(4);
                    kept.add(n);
                    sum += kept.size();
                }
                f.end();
            }
            long garbage = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(sum > 0);
            assertEquals(0, garbage, "Java heap over 1000 warm frames");
        }
    }
}
