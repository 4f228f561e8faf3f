package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryStack;

import java.nio.IntBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "using engine-memory in your game" sample, verbatim between the markers, so it always compiles. */
class ReadmeSampleTest {

    @Test
    void readmeSampleRunsAndLeavesNothingBehind() {
        String json;
        // README-SAMPLE-BEGIN
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            mem.budget("bullets", 256 * 1024, 1024 * 1024);      // soft warns, hard refuses
            Pool bullets = mem.pool("bullets", 32);               // many same-sized things
            LevelGroup level = mem.group("level-1");              // lives as long as the level
            long tiles = level.calloc(80 * 50, 1);                // freed by level.close()

            FrameArena frame = mem.frame();                       // this thread's per-frame arena
            for (int i = 0; i < 3; i++) {                         // your game loop
                frame.begin();
                long scratch = frame.alloc(4096, 16);             // gone at end(), O(1)
                try (MemoryStack stack = frame.stack().push()) {  // same memory, for LWJGL calls
                    IntBuffer width = stack.mallocInt(1);
                }
                long b = bullets.alloc();
                bullets.free(b);
                frame.end();
            }
            level.close();                                        // the whole level, at once
            bullets.close();
            json = mem.snapshot().toJson();                       // or read the snapshot's getters
        }
        // README-SAMPLE-END
        assertTrue(json.startsWith("{\"schema\":1,"), json);
        assertTrue(json.contains("\"name\":\"bullets\""), json);
        assertEquals(-1, json.indexOf("\"EM"), "no diagnostics: " + json);
    }
}
