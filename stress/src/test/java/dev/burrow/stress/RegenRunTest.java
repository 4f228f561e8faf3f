package dev.burrow.stress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class RegenRunTest {

    @Test
    void hundredLevelsComeBackToBaselineWithAReport(@TempDir Path dir) throws Exception {
        // The real thing: forks the measurement JVM exactly as `java -jar stress.jar --regen --count 100` does.
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(buf, true));
        int code;
        try {
            code = Main.run(new String[] {"--regen", "--count", "100", "--report", dir.toString()});
        } finally {
            System.setOut(out);
        }
        String printed = buf.toString();
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
        assertEquals(101, Files.readAllLines(dir.resolve("cycles.csv")).size());
        byte[] png = Files.readAllBytes(dir.resolve("memory.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        // A later run that fails (here an injected native fault) leaves this report whole: no file of two runs
        byte[] csv = Files.readAllBytes(dir.resolve("cycles.csv"));
        byte[] report = Files.readAllBytes(dir.resolve("report.json"));
        System.setProperty("burrow.failAfter", "50");
        System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
        try {
            String[] r = CliErrors.runAny("--regen", "--no-fork", "--count", "3", "--report", dir.toString());
            assertEquals("4", r[0], r[1]);
            assertTrue(r[1].contains("[EM701]"), r[1]);
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

    @Test
    void badArgumentsFailInOneLineBeforeForking(@TempDir Path dir) throws Exception {
        assertEquals(2, CliErrors.run("--regen", "--count", "-1"));
        assertEquals(2, CliErrors.run("--regen", "--count", "many"));
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
