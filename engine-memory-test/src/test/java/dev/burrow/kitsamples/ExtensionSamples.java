package dev.burrow.kitsamples;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.MemoryDiagnosticException;
import dev.burrow.memory.Pool;
import dev.burrow.memory.test.BurrowMemoryTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test classes the kit's own tests run through JUnit's EngineTestKit and judge by outcome. Outside
 * {@code dev.burrow.memory} so engine-memory records these lines as allocation sites; named *Samples so Surefire
 * does not run them by itself.
 */
public final class ExtensionSamples {
    private ExtensionSamples() {
    }

    /** Everything is given back: passes. */
    @BurrowMemoryTest
    public static class Clean {
        EngineMemory before;

        @BeforeEach
        void setUp(EngineMemory mem) {
            before = mem;
        }

        @Test
        void freesEverything(EngineMemory mem) {
            assertSame(before, mem, "one engine per test, shared with @BeforeEach");
            assertEquals(DebugLevel.PARANOID, mem.config().debug());
            assertTrue(mem.config().strict());
            Pool bullets = mem.pool("bullets", 32);
            long b = bullets.alloc();
            bullets.free(b);
            LevelGroup level = mem.group("level");
            level.alloc(100, 8);
            level.close();
            FrameArena frame = mem.frame();
            frame.begin();
            frame.alloc(64, 8);
            frame.end();
        }

        @Test
        void emptyPoolLeftOpenIsNotALeak(EngineMemory mem) {
            mem.pool("idle", 16);
        }

        @Test
        void keptSlotIsNotALeak(EngineMemory mem) {
            Pool p = mem.pool("kept", 16);
            p.keep(p.alloc());
        }

        @Test
        void noEngineNoCheck() {
            assertTrue(true);
        }
    }

    /** One bullet never freed: fails naming the pool and this line. */
    @BurrowMemoryTest
    public static class LeakySlot {
        @Test
        void forgetsABullet(EngineMemory mem) {
            Pool bullets = mem.pool("bullets", 32);
            bullets.alloc(); // LEAK-SITE-SLOT
        }
    }

    /** A level group left open with bytes: fails naming the group. */
    @BurrowMemoryTest
    public static class LeakyGroup {
        @Test
        void forgetsTheLevel(EngineMemory mem) {
            LevelGroup level = mem.group("level-1"); // LEAK-SITE-GROUP (a group's site is where it was made)
            level.alloc(4000, 8);
        }
    }

    /** The test closes the engine itself, with a leak: still fails. */
    @BurrowMemoryTest
    public static class ClosesItself {
        @Test
        void closesWithALeak(EngineMemory mem) {
            mem.pool("orphans", 8).alloc();
            mem.close();
        }
    }

    /** begin() without end(): fails. */
    @BurrowMemoryTest
    public static class OpenFrame {
        @Test
        void neverEnds(EngineMemory mem) {
            mem.frame().begin();
        }
    }

    /** A method's settings win over its class's; @AfterEach runs before the check. */
    @BurrowMemoryTest(debug = DebugLevel.SIMPLE, frameArenaBytes = 8192)
    public static class Settings {
        Pool freedInAfterEach;
        long slot;

        @Test
        void classSettings(EngineMemory mem) {
            assertEquals(DebugLevel.SIMPLE, mem.config().debug());
            assertEquals(8192, mem.config().frameArenaBytes());
            freedInAfterEach = mem.pool("after", 8);
            slot = freedInAfterEach.alloc();
        }

        @Test
        @BurrowMemoryTest(debug = DebugLevel.OFF, strict = false)
        void methodSettings(EngineMemory mem) {
            assertEquals(DebugLevel.OFF, mem.config().debug());
            assertEquals(false, mem.config().strict());
        }

        @AfterEach
        void closeGame() {
            if (freedInAfterEach != null) {
                freedInAfterEach.free(slot); // the game's teardown runs before the kit's check
            }
        }
    }

    /** Strict by default: a double free throws where it happens. */
    @BurrowMemoryTest
    public static class Strict {
        @Test
        void doubleFreeThrows(EngineMemory mem) {
            Pool p = mem.pool("p", 16);
            long a = p.alloc();
            p.free(a);
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> p.free(a));
            assertEquals(DiagnosticCode.EM101, e.code());
        }
    }
}
