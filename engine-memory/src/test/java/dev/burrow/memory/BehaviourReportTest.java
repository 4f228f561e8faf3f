package dev.burrow.memory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour report: each finding provoked by the misuse of intent it names, nothing found for good use. */
class BehaviourReportTest {
    private static final BehaviourConfig FAST = BehaviourConfig.defaults().windowFrames(10);

    /** @return a game loop of 12 frames that uses memory against its intent in the way {@code code} names */
    static Consumer<EngineMemory> provocation(DiagnosticCode code) {
        return mem -> {
            FrameArena f = mem.frame();
            mem.watchBehaviour(FAST);
            Pool bullets = mem.pool("bullets", 32);
            LevelGroup level = mem.group("level");
            if (code == DiagnosticCode.EM805) {
                mem.budget("cache", 1 << 20, 1 << 20);
            }
            LevelGroup cache = mem.group("cache");
            for (int frame = 0; frame < 12; frame++) {
                f.begin();
                switch (code) {
                    case EM801:
                        for (int i = 0; i < 100; i++) {
                            bullets.free(bullets.alloc()); // lives a fraction of a frame
                        }
                        break;
                    case EM802:
                        f.promote(f.alloc(64, 8), 64, 8, level); // every frame
                        break;
                    case EM803: {
                        LevelGroup scratch = mem.group("scratch");
                        scratch.alloc(64, 8);
                        scratch.close();
                        break;
                    }
                    case EM804:
                        f.alloc(f.capacity() * 95 / 100, 8);
                        break;
                    default:
                        cache.alloc(10_000, 8); // never freed, growing towards the hard budget
                        break;
                }
                f.end();
            }
            cache.close();
            level.close();
            bullets.close();
        };
    }

    static String fragment(DiagnosticCode code) {
        switch (code) {
            case EM801: return "allocations a frame, slots live 0.00 frames on average";
            case EM802: return "10 of 10 frames promoted allocations";
            case EM803: return "10 groups closed in 10 frames";
            case EM804: return "10 of 10 frames used over 90% of its 262144-byte block";
            default: return "tag \"cache\": +10000 bytes a frame";
        }
    }

    @Test
    void eachMisuseOfIntentIsFoundWithItsNumbers() {
        for (DiagnosticCode code : new DiagnosticCode[] {DiagnosticCode.EM801, DiagnosticCode.EM802, DiagnosticCode.EM803,
            DiagnosticCode.EM804, DiagnosticCode.EM805}) {
            try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(false))) {
                provocation(code).accept(mem);
                List<BehaviourFinding> found = mem.behaviourReport();
                assertEquals(1, found.size(), code + ": " + found);
                BehaviourFinding b = found.get(0);
                assertEquals(code, b.code());
                assertTrue(b.toString().contains(fragment(code)), b.toString());
                assertFalse(b.threshold().isBlank());
                assertFalse(b.suggestion().isBlank());
                assertEquals(1, mem.diagnosticCount(code));
            }
        }
    }

    @Test
    void goodUseFindsNothingAndOffCostsNothing() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(false))) {
            FrameArena f = mem.frame();
            mem.watchBehaviour(FAST);
            Pool enemies = mem.pool("enemies", 64);
            long[] live = new long[200];
            for (int i = 0; i < live.length; i++) {
                live[i] = enemies.alloc();
            }
            for (int frame = 0; frame < 40; frame++) {
                f.begin();
                f.alloc(1024, 8);
                int k = frame % live.length;
                enemies.free(live[k]); // a few replaced each frame: slots live for many frames
                live[k] = enemies.alloc();
                f.end();
            }
            assertTrue(mem.behaviourReport().isEmpty(), mem.behaviourReport().toString());
            for (long a : live) {
                enemies.free(a);
            }
        }
        try (EngineMemory mem = Engines.create()) {
            assertTrue(mem.behaviourReport().isEmpty(), "off unless asked for");
        }
    }

    @Test
    void strictWarningsMakeAFindingFailTheRun() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(false))) {
            mem.strictWarnings(true);
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class,
                () -> provocation(DiagnosticCode.EM803).accept(mem));
            assertEquals(DiagnosticCode.EM803, e.code());
        }
    }
}
