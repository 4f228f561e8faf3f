package dev.burrow.memory.test;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZeroGarbageTest {
    /** Where allocating blocks put their garbage, so escape analysis cannot remove it. */
    static volatile Object sink;

    @Test
    @BurrowMemoryTest(debug = DebugLevel.SIMPLE) // PARANOID records a site (heap) per allocation
    void engineFramesAllocateNothing(EngineMemory mem) {
        FrameArena frame = mem.frame();
        ZeroGarbage.Measurement m = ZeroGarbage.of("frame begin/alloc/end").measure((i, phase) -> frameLoop(frame));
        assertEquals(0, m.totalBytes(), m.describe());
        assertEquals(ZeroGarbage.DEFAULT_RUNS, m.runs());
        assertEquals(-1, m.firstAllocatingRun());
    }

    private static void frameLoop(FrameArena frame) {
        frame.begin();
        frame.alloc(64, 16);
        frame.calloc(32, 8);
        frame.end();
    }

    @Test
    void garbageEveryRunFailsWithBytesRunsAndPhase() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () ->
            ZeroGarbage.of("spawn").warmUp(100).runs(50).phases("move", "spawn").assertZero((i, phase) -> {
                phase.enter(1);
                sink = new long[8]; // 16 B header + 64 B
            }));
        String m = e.getMessage();
        assertTrue(m.startsWith("spawn allocated Java heap after 100 warm-up runs: "), m);
        assertTrue(m.contains(" in 50 of 50 measured runs; first at run 100 ("), m);
        assertTrue(m.matches("(?s).*first at run 100 \\(\\d+ B: move 0, spawn \\d+\\).*"), "bytes by phase: " + m);
    }

    @Test
    void oneAllocatingRunIsFoundAndNamed() {
        ZeroGarbage.Measurement m = ZeroGarbage.of("rare").warmUp(10).runs(100).measure((i, phase) -> {
            if (i == 10 + 37) {
                sink = new byte[1000];
            }
        });
        assertEquals(1, m.allocatingRuns(), m.describe());
        assertEquals(37, m.firstAllocatingRun());
        assertTrue(m.bytes(37) >= 1000, m.describe());
        assertTrue(m.describe().contains("first at run 47 ("), m.describe());
    }

    @Test
    void retriesForgiveAOneOffButNotGarbageThatRepeats() {
        // Allocates once, in the first measured round only: what a JIT tier-up looks like.
        ZeroGarbage.Block oneOff = (i, phase) -> {
            if (i == 20) {
                sink = new Object();
            }
        };
        assertThrows(AssertionFailedError.class, () -> ZeroGarbage.of("one-off").warmUp(10).runs(50).assertZero(oneOff));
        ZeroGarbage.of("one-off").warmUp(10).runs(50).retries(1).assertZero(oneOff);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () ->
            ZeroGarbage.of("steady").warmUp(10).runs(50).retries(2).assertZero(i -> sink = new Object()));
        assertTrue(e.getMessage().contains("(round 3 of 3, every round allocated)"), e.getMessage());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ZeroGarbage.of("x").runs(0));
        assertThrows(IllegalArgumentException.class, () -> ZeroGarbage.of("x").warmUp(-1));
        assertThrows(IllegalArgumentException.class, () -> ZeroGarbage.of("x").retries(11));
        assertThrows(IllegalArgumentException.class, () -> ZeroGarbage.of("x").phases());
        assertTrue(ZeroGarbage.threadAllocatedBytes() > 0);
    }
}
