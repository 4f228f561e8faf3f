package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.*;

class LevelGroupTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyPowerOfTwoAlignmentUpTo4096(boolean system) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().systemAllocator(system))) {
            LevelGroup g = mem.group("align");
            for (int align = 1; align <= 4096; align <<= 1) {
                for (long bytes : new long[] {0, 1, 7, 100, 5000, 70_000}) {
                    long p = g.alloc(bytes, align);
                    assertNotEquals(0, p);
                    assertEquals(0, p & (align - 1), "align " + align);
                }
            }
            g.close();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void closeReturnsEveryByteToTheHeap(boolean system) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().systemAllocator(system))) {
            long base = mem.nativeBytes();
            long blocks = mem.snapshot().nativeBlocks();
            LevelGroup g = mem.group("level-1");
            long[] a = new long[3000];
            for (int i = 0; i < a.length; i++) {
                a[i] = g.alloc(1 + (i * 37) % 900, 8);
                MemoryUtil.memPutInt(a[i], i);
            }
            long big = g.alloc(1 << 20, 64); // larger than a quarter chunk: its own chunk
            MemoryUtil.memSet(big, 1, 1 << 20);
            for (int i = 0; i < a.length; i++) {
                assertEquals(i, MemoryUtil.memGetInt(a[i]), "allocation " + i + " intact");
            }
            assertTrue(g.bytes() > 1 << 20);
            assertTrue(mem.nativeBytes() > base);
            MemorySnapshot during = mem.snapshot();
            assertEquals(1, during.groupCount());
            assertEquals(g.bytes(), during.tag("level-1").liveBytes());
            g.close();
            MemorySnapshot after = mem.snapshot();
            assertEquals(base, mem.nativeBytes());
            assertEquals(blocks, after.nativeBlocks());
            assertEquals(0, after.groupCount());
            assertEquals(0, after.tag("level-1").liveBytes());
            assertEquals("level-1", after.lastClosedGroup());
            assertEquals(1, after.groupsClosed());
        }
    }

    @Test
    void chunksGrowGeometrically() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().systemAllocator(false).groupChunkBytes(4096))) {
            LevelGroup g = mem.group("grow");
            for (int i = 0; i < 1000; i++) {
                g.alloc(500, 8);
            }
            // 500 KB in chunks of 4K, 8K, 16K ... (capped at 64x): far fewer chunks than allocations.
            if (!Engines.killSwitch()) {
                assertTrue(g.chunks() < 12, "chunks " + g.chunks());
            } else {
                assertEquals(1000, g.chunks(), "under the kill switch every allocation is its own malloc");
            }
            g.close();
        }
    }

    @Test
    void useAfterCloseIsDiagnosed() {
        try (EngineMemory mem = Engines.lenient()) {
            LevelGroup g = mem.group("gone");
            g.alloc(16, 8);
            g.close();
            assertEquals(0, g.alloc(16, 8));
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM201));
            g.close(); // twice is fine
        }
        try (EngineMemory mem = Engines.strict()) {
            LevelGroup g = mem.group("gone");
            g.close();
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> g.alloc(1, 1));
            assertEquals(DiagnosticCode.EM201, e.code());
            assertTrue(e.getMessage().contains("level group \"gone\""), e.getMessage());
        }
    }

    @Test
    void poolDrawnFromAGroupVanishesWithIt() {
        try (EngineMemory mem = Engines.lenient()) {
            long base = mem.nativeBytes();
            LevelGroup g = mem.group("level-2");
            Pool monsters = g.pool("level-2::monsters", 96);
            long[] m = new long[2000];
            for (int i = 0; i < m.length; i++) {
                m[i] = monsters.alloc();
            }
            for (int i = 0; i < m.length; i += 2) {
                monsters.free(m[i]);
            }
            assertEquals(1000, monsters.live());
            assertTrue(g.reservedBytes() >= 2000L * 96, "slabs are group memory");
            g.close();
            assertTrue(monsters.isClosed());
            assertEquals(base, mem.nativeBytes());
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM601), "1000 live monsters reported once");
            assertEquals(0, monsters.alloc());
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM201), "use after its group closed");
        }
    }

    @Test
    void engineCloseReportsOpenGroupsAndFreesThem() {
        EngineMemory mem = Engines.lenient();
        LevelGroup g = mem.group("forgotten");
        g.alloc(100, 8);
        LevelGroup kept = mem.group("global");
        kept.keep();
        kept.alloc(100, 8);
        mem.close();
        assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM603));
        assertEquals(0, mem.nativeBytes());
        assertTrue(g.isClosed());
    }
}
