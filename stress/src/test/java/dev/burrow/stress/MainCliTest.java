package dev.burrow.stress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The stress command line as a careless user types it: help, version, bad settings, bad patterns. */
class MainCliTest {

    private static String[] capture(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            int code = Main.run(args);
            return new String[] {Integer.toString(code), o.toString(), e.toString().trim()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void helpAndVersionExitZero() {
        for (String flag : new String[] {"-h", "--help"}) {
            String[] r = capture(flag);
            assertEquals("0", r[0], flag);
            assertTrue(r[1].startsWith("usage: stress --regen"), r[1]);
            assertTrue(r[1].contains("--max-step-p99-ms"), r[1]);
        }
        String[] v = capture("--version");
        assertEquals("0", v[0]);
        assertTrue(v[1].matches("stress \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(LWJGL 3\\.3\\.6, imgui-java 1\\.88\\.0; Java .*\\)\\R"), v[1]);
        assertEquals("2", capture()[0], "no arguments: usage, exit 2");
    }

    @Test
    void aBadMemorySettingIsOneLineBeforeAnythingIsForked(@TempDir Path dir) {
        String before = System.getProperty("burrow.strict");
        System.setProperty("burrow.strict", "maybe");
        try {
            for (String run : new String[] {"--regen", "--arena"}) {
                String[] r = capture(run, "--report", dir.resolve(run.substring(2)).toString());
                assertEquals("2", r[0], r[2]);
                assertEquals("error: -Dburrow.strict: expected 1 or 0 (or warning), got 'maybe'", r[2]);
            }
        } finally {
            if (before == null) {
                System.clearProperty("burrow.strict");
            } else {
                System.setProperty("burrow.strict", before);
            }
        }
    }

    @Test
    void aBadIncludePatternIsOneLineAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("bench");
        assertEquals(2, CliErrors.run("--bench-report", "--out", out.toString(), "--include", "["));
        assertFalse(Files.exists(out), "fails before the output folder is made");
    }

    @Test
    void timingBudgetsAreOptInFlagsWithCheckedValues() {
        assertEquals(2, CliErrors.run("--arena", "--headless", "--max-step-p99-ms", "fast"));
        assertEquals(2, CliErrors.run("--arena", "--headless", "--max-step-p99-ms", "0"));
        assertEquals(2, CliErrors.run("--arena", "--headless", "--max-frame-p99-ms", "-1"));
        assertEquals(2, CliErrors.run("--arena", "--headless", "--max-frame-p99-ms"));
    }

    @Test
    void theRegenChildHeapGrowsWithTheCount() {
        RegenRun small = new RegenRun(System.out);
        small.parse(new String[] {"--regen", "--count", "100", "--report", System.getProperty("java.io.tmpdir")});
        assertEquals(257, small.childHeapMiB());
        RegenRun huge = new RegenRun(System.out);
        huge.parse(new String[] {"--regen", "--count", "10000000", "--report", System.getProperty("java.io.tmpdir")});
        assertEquals(256 + 458, huge.childHeapMiB(), "48 B per cycle on top of 256 MiB");
    }

    @Test
    void aBenchFilterThatMatchesNothingSaysSoAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("bench");
        assertEquals(2, CliErrors.run("--bench-report", "--out", out.toString(), "--include", "NoSuchBenchXYZ"));
        assertFalse(Files.exists(out), "nothing written");
    }
}
