package dev.burrow.stress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The stress command line as a careless user types it: help, version, bad settings, bad patterns. */
class MainCliTest {

    @Test
    void helpAndVersionExitZero() {
        for (String flag : new String[] {"-h", "--help"}) {
            String[] r = Captured.run(flag);
            assertEquals("0", r[0], flag);
            assertTrue(r[1].startsWith("usage: stress --regen"), r[1]);
            assertTrue(r[1].contains("--max-step-p99-ms"), r[1]);
        }
        String[] v = Captured.run("--version");
        assertEquals("0", v[0]);
        assertTrue(v[1].matches("stress \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(LWJGL 3\\.3\\.6, imgui-java 1\\.88\\.0; Java .*\\)\\R"), v[1]);
        assertEquals("2", Captured.run()[0], "no arguments: usage, exit 2");
    }

    @Test
    void aBadMemorySettingIsOneLineBeforeAnythingIsForked(@TempDir Path dir) {
        String before = System.getProperty("burrow.strict");
        System.setProperty("burrow.strict", "maybe");
        try {
            for (String run : new String[] {"--regen", "--arena"}) {
                String[] r = Captured.run(run, "--report", dir.resolve(run.substring(2)).toString());
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

    /** What JMH prints on stdout for -Djmh.ignoreLock=true. */
    private static final String IGNORED_LOCK = "# WARNING: JMH lock is ignored by user request, make sure no other JMH instances are running";

    /**
     * {@code java -jar stress.jar --bench ...} as a user runs it: a JMH mistake is one line and exit 2 (6 for a file
     * it cannot write, found before anything runs), no trace.
     */
    @Test
    void aBadJmhCommandLineIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"-zz", "error: stress --bench -zz: z is not a recognized option (stress --bench -h lists JMH's options)"},
            {"-f banana", "error: stress --bench -f banana: Cannot parse argument 'banana' of option f (stress --bench -h"},
            {"NoSuchBenchXYZ", "error: stress --bench: no benchmark matches NoSuchBenchXYZ (stress --bench -l lists them)"},
            {"-prof nosuch FrameBench", "error: stress --bench: a profiler could not start: java.lang.ClassNotFoundException: nosuch"},
            {"-bm nosuchmode", "error: stress --bench -bm nosuchmode: "},
            {"( -l", "error: stress --bench: '(' is not a valid benchmark pattern (a Java regex): "},
            {"-l -e (", "error: stress --bench: '(' is not a valid benchmark pattern (a Java regex): "},
            {"-o /nonexistent-burrow/out.txt -l", "error: stress --bench: cannot write the output file: ", "6"},
            {"-rff /nonexistent-burrow/x.json FrameBench", "error: stress --bench: cannot write the result file "
                + "/nonexistent-burrow/x.json: no such folder", "6"}};
        for (String[] c : cases) {
            List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djmh.ignoreLock=true", // a benchmark running on this machine holds JMH's lock; these never measure
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--bench"));
            cmd.addAll(List.of(c[0].split(" ")));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            Process p = pb.start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), c[0]);
            String err = Files.readString(dir.resolve("err.txt")).strip();
            assertEquals(c.length > 2 ? Integer.parseInt(c[2]) : 2, p.exitValue(), c[0] + ": " + err);
            assertTrue(err.startsWith(c[1]) && !err.contains("\n"), c[0] + ": " + err);
            String out = Files.readString(dir.resolve("out.txt")).replace(IGNORED_LOCK, "").strip();
            assertEquals("", out, c[0]);
        }
    }

    @Test
    void aBenchFilterThatMatchesNothingSaysSoAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("bench");
        assertEquals(2, CliErrors.run("--bench-report", "--out", out.toString(), "--include", "NoSuchBenchXYZ"));
        assertFalse(Files.exists(out), "nothing written");
    }
}
