package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryStack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the README honest: its engine sample is this code, verbatim, and its table lists every diagnostic. */
class ReadmeSampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SELF = Path.of("src", "test", "java", "dev", "burrow", "memory", "ReadmeSampleTest.java");

    @Test
    void readmeSampleRunsAndLeavesNothingBehind() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            sample();
        } finally {
            System.setOut(stdout);
        }
        String json = captured.toString().trim();
        assertTrue(json.startsWith("{\"schema\":1,"), json);
        assertTrue(json.contains("\"name\":\"bullets\""), json);
        assertEquals(-1, json.indexOf("\"EM"), "no diagnostics: " + json);
    }

    @SuppressWarnings("unused")
    private static void sample() {
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
            System.out.println(mem.snapshot().toJson());          // or read the snapshot's getters
        }
        // README-SAMPLE-END
    }

    @Test
    void readmeShowsThisSampleVerbatim() throws IOException {
        List<String> src = Files.readAllLines(SELF);
        int from = indexOf(src, "// README-SAMPLE-BEGIN") + 1;
        int to = indexOf(src, "// README-SAMPLE-END");
        String sample = src.subList(from, to).stream().map(l -> l.length() >= 8 ? l.substring(8) : l.trim())
            .collect(Collectors.joining("\n"));
        String readme = Files.readString(README);
        assertTrue(readme.contains("```java\n" + sample + "\n```"), "README sample differs from ReadmeSampleTest.sample()");
    }

    @Test
    void readmeTablesEveryDiagnosticCode() throws IOException {
        String readme = Files.readString(README);
        for (DiagnosticCode c : DiagnosticCode.values()) {
            String sev = c.severity() == Severity.ERROR ? "error" : "warning";
            assertTrue(readme.contains("| " + c.name() + " | " + sev + " | "), "README diagnostics table lacks " + c + " (" + sev + ")");
        }
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker);
    }
}
