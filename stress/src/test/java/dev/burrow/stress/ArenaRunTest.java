package dev.burrow.stress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        // The step-time budget is the stress run's verdict, not this test's: timing on a shared 2-core machine is
        // for benchmarks. Every other budget is asserted strictly, except one known, unexplained event (README,
        // arena "Measured"): in some runs a single frame after warm-up carries one small VM-allocated String.
        java.util.regex.Matcher heap = java.util.regex.Pattern.compile("\"heapBytesAfterWarmup\":(\\d+),").matcher(json);
        assertTrue(heap.find(), json);
        long after = Long.parseLong(heap.group(1));
        assertTrue(after == 0 || (after <= 512 && json.contains("in 1 of 300 frames")), "Java heap after warm-up: " + json);
        java.util.regex.Matcher failures = java.util.regex.Pattern.compile("\\{\"message\":\"([^\"]*)\"\\}").matcher(json);
        int listed = 0;
        while (failures.find()) {
            listed++;
            String m = failures.group(1);
            assertTrue(m.startsWith("step time p99") || (after > 0 && m.startsWith("Java heap after warm-up")), "unexpected failure: " + m);
        }
        assertEquals(listed == 0 ? 0 : 1, code, json);
        for (String field : new String[] {"\"heapBytesPerFrame\":", "\"growthBytes\":", "\"frameMs\":{\"p50\":", "\"p99\":",
            "\"stepMs\":{\"p50\":", "\"damageRing\":", "{\"name\":\"arena::particles\"", "{\"name\":\"arena::projectiles\"",
            "\"pilot\":{\"runs\":"}) {
            assertTrue(json.contains(field), field + " in " + json);
        }
        java.util.regex.Matcher warm = java.util.regex.Pattern.compile("\"warmupFrames\":(\\d+),").matcher(json);
        assertTrue(warm.find(), json);
        int warmup = Integer.parseInt(warm.group(1));
        assertTrue(warmup >= 900 && warmup <= 30_000, "at least 30 s of simulated warm-up, bounded: " + warmup);
        assertEquals(warmup + 300 + 1, Files.readAllLines(dir.resolve("frames.csv")).size(), "warm-up + measured steps + header");
        // The autopilot played: 40 s of a deterministic game with seed 1 clears the first wave and dashes.
        java.util.regex.Matcher pilot = java.util.regex.Pattern.compile("\"pilot\":\\{\"runs\":(\\d+),\"bestScore\":(\\d+),"
            + "\"furthestWave\":(\\d+),\"dashes\":(\\d+)}").matcher(json);
        assertTrue(pilot.find(), json);
        assertTrue(Integer.parseInt(pilot.group(3)) >= 2 && Long.parseLong(pilot.group(4)) > 0, "the pilot cleared a wave and dashed: " + json);
        byte[] png = Files.readAllBytes(dir.resolve("arena.png"));
        assertTrue(png.length > 1000 && png[1] == 'P');
    }

    @Test
    void badArgumentsFailInOneLine(@TempDir Path dir) {
        assertEquals(2, CliErrors.run("--arena", "--enemies", "0"));
        assertEquals(2, CliErrors.run("--arena", "--enemies", "lots"));
        assertEquals(2, CliErrors.run("--arena", "--seconds", "-5"));
        assertEquals(2, CliErrors.run("--arena", "--headless=yes"));
        assertEquals(2, CliErrors.run("--arena", "--bogus"));
    }
}
