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

/**
 * Keeps the README honest: its engine sample is this code, verbatim, preceded by exactly the imports it needs (each of
 * which resolves), and the diagnostics catalogue (docs/diagnostics.md, linked from the README) lists every code.
 */
class ReadmeSampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path DIAGNOSTICS = Path.of("..", "docs", "diagnostics.md");
    /** What a user's file needs for the sample: every type it names outside java.lang. */
    private static final List<String> IMPORTS = List.of(
        "import dev.burrow.memory.EngineMemory;",
        "import dev.burrow.memory.FrameArena;",
        "import dev.burrow.memory.LevelGroup;",
        "import dev.burrow.memory.MemoryConfig;",
        "import dev.burrow.memory.Pool;",
        "import org.lwjgl.system.MemoryStack;",
        "",
        "import java.nio.IntBuffer;");
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
        String block = "```java\n" + String.join("\n", IMPORTS) + "\n\n" + sample + "\n```";
        assertTrue(readme.contains(block), "README sample (with its imports) differs from ReadmeSampleTest:\n" + block);
    }

    @Test
    void theSamplesImportsAreRealAndCoverEveryTypeItNames() throws Exception {
        for (String line : IMPORTS) {
            if (!line.isEmpty()) {
                Class.forName(line.substring("import ".length(), line.length() - 1)); // throws when it does not resolve
            }
        }
        List<String> src = Files.readAllLines(SELF);
        String sample = String.join("\n", src.subList(indexOf(src, "// README-SAMPLE-BEGIN") + 1, indexOf(src, "// README-SAMPLE-END")));
        for (String type : new String[] {"EngineMemory", "MemoryConfig", "Pool", "LevelGroup", "FrameArena", "MemoryStack", "IntBuffer"}) {
            assertTrue(sample.contains(type + " ") || sample.contains(type + "."), "the sample uses " + type);
            assertTrue(IMPORTS.stream().anyMatch(l -> l.endsWith("." + type + ";")), "imported: " + type);
        }
    }

    @Test
    void diagnosticsCatalogueTablesEveryCodeAndTheReadmeLinksIt() throws IOException {
        String catalogue = Files.readString(DIAGNOSTICS);
        for (DiagnosticCode c : DiagnosticCode.values()) {
            String sev = c.severity() == Severity.ERROR ? "error" : "warning";
            assertTrue(catalogue.contains("| " + c.name() + " | " + sev + " | "), "docs/diagnostics.md lacks " + c + " (" + sev + ")");
        }
        assertTrue(Files.readString(README).contains("](docs/diagnostics.md)"), "README links the catalogue");
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
