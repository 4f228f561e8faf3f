package dev.burrow.stress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ArenaRunTest {

    @Test
    void headlessArenaHoldsItsBudgetsAndWritesTheReport(@TempDir Path dir) throws Exception {
        // The real command, forked like `java -jar stress.jar --arena --headless`; short so CI stays quick.
        int code = Main.run(new String[] {"--arena", "--enemies", "500", "--seconds", "10", "--headless", "--report", dir.toString()});
        String json = Files.readString(dir.resolve("report.json"));
        assertTrue(json.contains("\"enemiesMaxAlive\":500"), json);
        assertTrue(json.contains("\"growthBytes\":"), json);
        assertTrue(json.contains("\"dropped\":0"), json);
        // Strict, except for one known, unexplained event (README, arena "Measured"): in some runs a single frame
        // after warm-up carries one small VM-allocated String (88 B). Anything more fails this test.
        java.util.regex.Matcher heap = java.util.regex.Pattern.compile("\"heapBytesAfterWarmup\":(\\d+),\"heapWorstFrameBytes\":(\\d+)").matcher(json);
        assertTrue(heap.find(), json);
        long after = Long.parseLong(heap.group(1));
        assertTrue(after <= 512, "Java heap after warm-up: " + json);
        if (after == 0) {
            assertEquals(0, code, json);
            assertTrue(json.contains("\"passed\":true"), json);
        } else {
            assertEquals(1, code, "the run reports the allocation as a failure: " + json);
            assertTrue(json.contains("in 1 of 300 frames"), "a single frame, no more: " + json);
        }
        for (String field : new String[] {"\"heapBytesPerFrame\":", "\"growthBytes\":", "\"frameMs\":{\"p50\":", "\"p99\":",
            "\"stepMs\":{\"p50\":", "\"damageRing\":", "{\"name\":\"arena::particles\"", "{\"name\":\"arena::projectiles\""}) {
            assertTrue(json.contains(field), field + " in " + json);
        }
        assertEquals(900 + 300 + 1, Files.readAllLines(dir.resolve("frames.csv")).size(), "warm-up + measured steps + header");
        byte[] png = Files.readAllBytes(dir.resolve("arena.png"));
        assertTrue(png.length > 1000 && png[1] == 'P');
    }

    @Test
    void badArgumentsFailInOneLine(@TempDir Path dir) {
        assertEquals(2, run("--arena", "--enemies", "0"));
        assertEquals(2, run("--arena", "--enemies", "lots"));
        assertEquals(2, run("--arena", "--seconds", "-5"));
        assertEquals(2, run("--arena", "--headless=yes"));
        assertEquals(2, run("--arena", "--bogus"));
    }

    private static int run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            int code = Main.run(args);
            String msg = buf.toString().trim();
            assertTrue(msg.startsWith("error: ") && !msg.contains("\n"), "one line: " + msg);
            return code;
        } finally {
            System.setErr(err);
        }
    }
}
