package dev.burrow.memory;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** A worker whose frame fails (strict mode) still arrives at the barrier: run() rethrows, never hangs. */
class FrameWorkerFailureTest {

    @Test
    void aPhaseLeftOpenInAWorkerIsRethrownAndTheTeamGoesOn() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(true));
                 FrameWorkers team = mem.frameWorkers("w", 2)) {
                FrameArena f = mem.frame();
                f.begin();
                MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class,
                    () -> team.run((w, n, frame) -> {
                        if (w == 1) {
                            frame.beginPhase("leftOpen"); // strict: the worker's end() throws EM012
                        }
                    }));
                assertEquals(DiagnosticCode.EM012, e.code());
                int[] ran = new int[2];
                team.run((w, n, frame) -> ran[w]++); // the worker thread survived
                assertArrayEquals(new int[] {1, 1}, ran);
                f.end();
            }
        });
    }

    @Test
    void aNullPhaseNameIsRefusedAndLaterPhasesWork() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false))) {
            FrameArena f = mem.frame();
            f.begin();
            f.beginPhase(null);
            f.end();
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM012));
            f.begin();
            f.beginPhase(new String("update")); // not the same object as any name seen: compared by equals
            f.alloc(64, 8);
            f.endPhase();
            f.end();
            assertEquals(1, f.phaseCount());
            assertEquals("update", f.phaseName(0));
            assertThrows(IndexOutOfBoundsException.class, () -> f.phaseName(1));
            assertThrows(IndexOutOfBoundsException.class, () -> f.phaseName(-1));
        }
    }
}
