package dev.burrow.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BudgetTest {

    @Test
    void softWarnsHardRefusesInEveryMode() {
        for (boolean strict : new boolean[] {false, true}) {
            try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(strict))) {
                mem.budget("particles", 1000, 2000);
                Pool p = mem.pool("particles", 100);
                for (int i = 0; i < 11; i++) {
                    p.alloc();
                }
                assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM501), "soft crossed once");
                for (int i = 0; i < 9; i++) {
                    p.alloc();
                }
                MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, p::alloc);
                assertEquals("particles", e.tag());
                assertEquals(2000, e.limit());
                assertEquals(100, e.requested());
                assertEquals(DiagnosticCode.EM502, e.code());
                assertTrue(e.getMessage().contains("over its hard budget of 2000 bytes"), e.getMessage());
                assertEquals(20, p.live(), "nothing allocated by the refused call");
                MemorySnapshot.TagStats t = mem.snapshot().tag("particles");
                assertEquals(2000, t.liveBytes());
                assertEquals(1000, t.softBytes());
                assertEquals(2000, t.hardBytes());
            }
        }
    }

    @Test
    void nestedTagsChargeTheirParents() {
        try (EngineMemory mem = Engines.lenient()) {
            mem.budget("level", 0, 10_000);
            LevelGroup g = mem.group("level::terrain");
            Pool items = mem.pool("level::items", 50);
            g.alloc(6000, 8);
            items.alloc();
            MemorySnapshot s = mem.snapshot();
            assertEquals(6050, s.tag("level").liveBytes());
            assertEquals(6000, s.tag("level::terrain").liveBytes());
            assertThrows(MemoryBudgetExceededException.class, () -> g.alloc(4000, 8));
            assertEquals(6000, g.bytes());
            g.close();
            assertEquals(50, mem.snapshot().tag("level").liveBytes());
        }
    }

    @Test
    void softBudgetWarnsAgainAfterDroppingBelowIt() {
        try (EngineMemory mem = Engines.lenient()) {
            mem.budget("sparks", 100, 10_000);
            Pool p = mem.pool("sparks", 64);
            long a = p.alloc();
            long b = p.alloc();   // 128 > 100: first warning
            p.free(b);            // back to 64
            p.alloc();            // 128 again, not a new peak: warns again
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM501));
            p.free(a);
        }
    }

    @Test
    void badBudgetIsRejected() {
        try (EngineMemory mem = Engines.create()) {
            assertThrows(IllegalArgumentException.class, () -> mem.budget("x", 10, 5));
        }
    }
}
