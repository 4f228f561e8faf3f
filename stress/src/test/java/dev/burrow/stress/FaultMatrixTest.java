package dev.burrow.stress;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fault matrix, end to end: the real stress runs in a child JVM with BURROW_FAIL_AFTER=N. Every run must end in
 * the documented error — one line naming the failed allocation and its tag, exit 4 — never a crash, a hang or an
 * hs_err file, and with everything already allocated released (the engine's close-time leak report stays silent).
 */
class FaultMatrixTest {
    private static final long[] SEEDED = new SplittableRandom(8).longs(3, 2, 900).toArray();

    @ParameterizedTest(name = "regen, fail after {0}")
    @ValueSource(longs = {1, 3, 7, 37, 100, 1000})
    void regenEndsInTheDocumentedError(long n, @TempDir Path dir) throws Exception {
        expectOneLineFailure(n, dir, false, "--regen", "--count", "400", "--no-fork", "--report", dir.resolve("r").toString());
    }

    @ParameterizedTest(name = "arena (kill switch: every slot a malloc), fail after {0}")
    @ValueSource(longs = {1, 3, 7, 37, 100, 1000})
    void arenaEndsInTheDocumentedError(long n, @TempDir Path dir) throws Exception {
        expectOneLineFailure(n, dir, true, "--arena", "--enemies", "300", "--seconds", "10", "--headless", "--no-fork",
            "--report", dir.resolve("a").toString());
    }

    @ParameterizedTest(name = "seeded random N #{0}")
    @ValueSource(ints = {0, 1, 2})
    void seededRandomPoints(int i, @TempDir Path dir) throws Exception {
        expectOneLineFailure(SEEDED[i], dir, false, "--regen", "--count", "400", "--no-fork", "--report", dir.resolve("r").toString());
        expectOneLineFailure(SEEDED[i], dir, true, "--arena", "--enemies", "300", "--seconds", "10", "--headless", "--no-fork",
            "--report", dir.resolve("a").toString());
    }

    private static void expectOneLineFailure(long n, Path dir, boolean killSwitch, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("BURROW_FAIL_AFTER", Long.toString(n));
        if (killSwitch) {
            pb.environment().put("BURROW_SYSTEM_ALLOCATOR", "1");
        } else {
            pb.environment().remove("BURROW_SYSTEM_ALLOCATOR");
        }
        Path err = dir.resolve("stderr-" + n + ".txt");
        pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "no hang: N=" + n + " " + String.join(" ", args));
        String stderr = Files.readString(err, StandardCharsets.UTF_8).trim();
        assertEquals(4, p.exitValue(), "N=" + n + " " + String.join(" ", args) + ": " + stderr);
        assertFalse(stderr.contains("\n"), "one line (and no leak report): " + stderr);
        assertTrue(stderr.startsWith("error: [EM701] native allocation #" + n + " of "), stderr);
        assertTrue(stderr.contains(" bytes for \"") && stderr.contains("BURROW_FAIL_AFTER=" + n), "names size and tag: " + stderr);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")), "no JVM crash file");
        }
    }
}
