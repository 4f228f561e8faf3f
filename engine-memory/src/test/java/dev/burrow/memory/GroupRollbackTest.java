package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.*;

class GroupRollbackTest {

    @Test
    void rollbackReturnsEverythingAfterTheMark() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().groupChunkBytes(4096))) {
            LevelGroup g = mem.group("attempts");
            long keep = g.alloc(1000, 8);
            MemoryUtil.memSet(keep, 9, 1000);
            long native0 = mem.nativeBytes();
            long bytes0 = g.bytes();
            long m = g.mark();
            for (int i = 0; i < 200; i++) {
                g.alloc(700, 16);
            }
            g.alloc(1 << 20, 64);
            long inner = g.mark();
            g.alloc(10, 8);
            g.rollback(m);
            assertEquals(native0, mem.nativeBytes(), "chunks after the mark freed");
            assertEquals(bytes0, g.bytes());
            assertEquals(bytes0, mem.snapshot().tag("attempts").liveBytes());
            assertEquals(9, MemoryUtil.memGetByte(keep + 999));
            g.rollback(inner);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM202), "inner mark discarded: refused");
            assertEquals(bytes0, g.bytes(), "and nothing changed");
            long again = g.alloc(100, 8);
            assertNotEquals(0, again);
            g.rollback(m); // the mark itself stays usable
            assertEquals(bytes0, g.bytes());
            g.close();
            assertEquals(0, mem.snapshot().tag("attempts").liveBytes());
        }
    }

    @Test
    void rollbackPastAPoolIsRefused() {
        try (EngineMemory mem = Engines.lenient()) {
            LevelGroup g = mem.group("p");
            long m = g.mark();
            Pool things = g.pool("p::things", 16);
            long t = things.alloc();
            g.rollback(m);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM202));
            things.free(t);
            g.close();
        }
        try (EngineMemory mem = Engines.strict()) {
            LevelGroup g = mem.group("p");
            long m = g.mark();
            g.pool("p::things", 16);
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> g.rollback(m));
            assertEquals(DiagnosticCode.EM202, e.code());
            g.close();
        }
    }
}
