package dev.burrow.dungeon.render;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.*;

class CellTextTest {

    /** @return the glyphs written, as text (cells in order) */
    private static String glyphs(CellText t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.count(); i++) {
            b.append((char) MemoryUtil.memGetInt(t.data() + (long) i * TileRenderer.SPRITE_BYTES + 8));
        }
        return b.toString();
    }

    @Test
    void textNumbersAndBarsBecomeCellsWithoutGarbage() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            FrameArena f = mem.frame();
            f.begin();
            CellText t = new CellText().begin(f, 64);
            int c = t.text(2, 1, "HP ", 0, 0);
            assertEquals(5, c);
            c = t.number(c, 1, 1_234_567_890_123L, 0, 0);
            assertEquals(5 + 13, c);
            c = t.number(c, 1, -42, 0, 0);
            c = t.number(c, 1, 0, 0, 0);
            assertEquals("HP 1234567890123-420", glyphs(t));
            assertEquals(2f, MemoryUtil.memGetFloat(t.data()), "column");
            assertEquals(1f, MemoryUtil.memGetFloat(t.data() + 4), "row");
            t.begin(f, 64);
            t.bar(0, 0, 4, 0.5f, 1, 2, 0);
            assertEquals("" + (char) CellText.BLOCK + (char) CellText.BLOCK + (char) CellText.SHADE + (char) CellText.SHADE, glyphs(t));
            f.end();
        }
    }

    @Test
    void cellsPastTheCapacityAreDroppedNotOverflowed() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            FrameArena f = mem.frame();
            f.begin();
            CellText t = new CellText().begin(f, 4);
            t.text(0, 0, "overflowing", 0, 0);
            t.fill(0, 1, 10, 10, ' ', 0, 0);
            assertEquals(4, t.count());
            assertEquals("over", glyphs(t));
            f.end();
        }
    }
}
