package dev.burrow.stress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class RegenRunTest {

    @Test
    void hundredLevelsComeBackToBaselineWithAReport(@TempDir Path dir) throws Exception {
        // The real thing: forks the measurement JVM exactly as `java -jar stress.jar --regen --count 100` does.
        String[] r = Captured.run("--regen", "--count", "100", "--report", dir.toString());
        int code = Integer.parseInt(r[0]);
        String printed = r[1];
        assertEquals(0, code, printed);
        // The forked child's output comes back through this JVM's System.out (not around it: Surefire's channel).
        assertTrue(printed.contains("warm-up (not counted): 80x50 levels until the JIT is quiet"), printed);
        assertTrue(printed.contains("warm-up done: ") && printed.contains("PASSED"), printed);
        String json = Files.readString(dir.resolve("report.json"));
        assertTrue(json.contains("\"cycles\":100"), json);
        assertTrue(json.contains("\"passed\":true"), json);
        assertTrue(json.contains("\"nativeMaxDriftBytes\":0"), json);
        assertTrue(json.contains("\"failures\":[]"), json);
        assertTrue(json.contains("\"genMs\":{\"median\":"), json);
        assertTrue(json.matches("(?s).*\"rssGrowthBytes\":\\d+,.*"), json);
        assertTrue(printed.matches("(?s).*RSS growth after cycle 10 +\\d+ B\\R.*"), printed);
        assertEquals(101, Files.readAllLines(dir.resolve("cycles.csv")).size());
        byte[] png = Files.readAllBytes(dir.resolve("memory.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        // A later run that fails (here an injected native fault) leaves this report whole: no file of two runs
        byte[] csv = Files.readAllBytes(dir.resolve("cycles.csv"));
        byte[] report = Files.readAllBytes(dir.resolve("report.json"));
        System.setProperty("burrow.failAfter", "50");
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
        try {
            String[] failed = CliErrors.runAny("--regen", "--no-fork", "--count", "3", "--report", dir.toString());
            assertEquals("4", failed[0], failed[1]);
            assertTrue(failed[1].contains("[EM701]"), failed[1]);
        } finally {
            System.clearProperty("burrow.failAfter");
            System.setOut(out);
        }
        assertArrayEquals(csv, Files.readAllBytes(dir.resolve("cycles.csv")));
        assertArrayEquals(report, Files.readAllBytes(dir.resolve("report.json")));
        assertArrayEquals(png, Files.readAllBytes(dir.resolve("memory.png")));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(), files.filter(f -> f.toString().endsWith(".part")).toList(), "nothing half-written left");
        }
    }

    /** RSS growth is measured from cycle 10: a shorter run says it was not measured instead of printing 0 B. */
    @Test
    void aRunOfTenCyclesOrFewerSaysRssGrowthWasNotMeasured(@TempDir Path dir) throws Exception {
        String[] r = Captured.run("--regen", "--no-fork", "--count", "2", "--report", dir.toString());
        int code = Integer.parseInt(r[0]);
        String printed = r[1];
        assertEquals(0, code, printed);
        assertTrue(printed.contains("RSS growth after cycle 10    not measured (needs --count 11 or more)"), printed);
        String json = Files.readString(dir.resolve("report.json"));
        assertTrue(json.contains("\"rssGrowthBytes\":null,"), json);
    }

    /**
     * Ctrl-C (SIGINT) in the middle of a run: the run's part files go, the previous report stays as it was, and no
     * measuring JVM runs on alone. Forked, the signal goes to the launching JVM only (as {@code kill -INT} sends it),
     * which must stop its child; with {@code --no-fork}, to the JVM that writes the files.
     */
    @Test
    @DisabledOnOs(OS.WINDOWS) // no SIGINT to send
    void anInterruptedRunRemovesItsPartFilesAndLeavesThePreviousReport(@TempDir Path dir) throws Exception {
        for (boolean fork : new boolean[] {true, false}) {
            Path report = Files.createDirectories(dir.resolve(fork ? "forked" : "no-fork"));
            Map<String, byte[]> previous = Map.of("cycles.csv", "cycle\n1\n".getBytes(), "report.json",
                "{\"previous\":true}\n".getBytes(), "memory.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            for (Map.Entry<String, byte[]> e : previous.entrySet()) {
                Files.write(report.resolve(e.getKey()), e.getValue());
            }
            Path log = dir.resolve("out-" + fork + ".txt");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--regen", "--count", "100000", "--report", report.toString()));
            if (!fork) {
                cmd.add("--no-fork");
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            Process p = pb.start();
            List<ProcessHandle> children = List.of();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(report.resolve("cycles.csv.part"))) { // the run has begun writing
                    assertTrue(p.isAlive() && System.nanoTime() < deadline, "the run starts: " + Files.readString(log));
                    Thread.sleep(20);
                }
                children = p.descendants().toList();
                assertEquals(fork ? 1 : 0, children.size(), "the measuring JVM: " + children);
                Process kill = new ProcessBuilder("kill", "-" + interrupt(p.pid()), Long.toString(p.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor());
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stops on SIGINT");
                for (ProcessHandle c : children) {
                    try {
                        c.onExit().get(30, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        fail("the measuring JVM runs on after its launcher stopped");
                    }
                }
                String output = Files.readString(log);
                assertNotEquals(0, p.exitValue(), output);
                try (var files = Files.list(report)) {
                    assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".part")).toList(), "part files removed: " + output);
                }
                for (Map.Entry<String, byte[]> e : previous.entrySet()) {
                    assertArrayEquals(e.getValue(), Files.readAllBytes(report.resolve(e.getKey())), e.getKey() + " untouched");
                }
            } finally {
                for (ProcessHandle c : children) {
                    c.destroyForcibly();
                }
                p.destroyForcibly();
            }
        }
    }

    /**
     * @return "INT", or "TERM" when this test runs where SIGINT is ignored (a JVM that inherits an ignored SIGINT
     *         never sees it; SIGTERM runs the same shutdown hooks)
     */
    private static String interrupt(long pid) throws java.io.IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (Files.exists(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:") && (Long.parseLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0) {
                    return "TERM";
                }
            }
        }
        return "INT";
    }

    @Test
    void badArgumentsFailInOneLineBeforeForking(@TempDir Path dir) throws Exception {
        assertEquals(2, CliErrors.run("--regen", "--count", "-1"));
        assertEquals(2, CliErrors.run("--regen", "--count", "many"));
        assertEquals(2, CliErrors.run("--regen", "--count", "\uff11\uff10\uff10")); // full-width: parseLong takes it
        assertEquals(2, CliErrors.run("--regen", "--depth", "\u0663"));
        assertEquals(2, CliErrors.run("--regen", "--seed", "\uff17"));
        assertEquals(2, CliErrors.run("--regen", "--size", "\uff18\uff10x50"));
        assertEquals(2, CliErrors.run("--regen", "--size", "5x5"));
        assertEquals(2, CliErrors.run("--regen", "--size", "100000x100000"));
        assertEquals(2, CliErrors.run("--regen", "--seed", "banana"));
        assertEquals(2, CliErrors.run("--regen", "--frobnicate"));
        assertEquals(2, CliErrors.run("--regen", "--count"));
        assertEquals(2, CliErrors.run("--regen", "--depth", "3", "--all-depths"));
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertEquals(6, CliErrors.run("--regen", "--report", file.resolve("sub").toString()));
        assertEquals(2, CliErrors.run("--regen", "--report", ""));
        Path folderInTheWay = dir.resolve("r");
        Files.createDirectories(folderInTheWay.resolve("report.json"));
        assertEquals(6, CliErrors.run("--regen", "--count", "1", "--report", folderInTheWay.toString()));
        String[] twice = CliErrors.runAny("--regen", "--no-fork", "--no-fork", "--count", "1");
        assertEquals("2", twice[0]);
        assertEquals("error: stress: --no-fork given twice", twice[1]);
    }
}
