package dev.burrow.dungeon;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A display for window tests: {@code $DISPLAY} when there is one, else a private Xvfb started for the test and
 * stopped after. With neither, the test is skipped only when {@code CI} is unset; under CI it fails.
 */
final class VirtualDisplay implements AutoCloseable {
    private final String name;
    private final Process xvfb;

    private VirtualDisplay(String name, Process xvfb) {
        this.name = name;
        this.xvfb = xvfb;
    }

    static VirtualDisplay acquire() throws IOException, InterruptedException {
        String env = System.getenv("DISPLAY");
        if (env != null && !env.isBlank()) {
            return new VirtualDisplay(env, null);
        }
        String xvfbPath = findXvfb();
        if (xvfbPath == null) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI is set but there is no display and no Xvfb: .ci/run must install xvfb");
            }
            Assumptions.abort("no display and no Xvfb (install xvfb, or run under a desktop)");
        }
        // -displayfd: Xvfb picks a free display itself and writes its number once it accepts connections, so
        // reading that line is the readiness signal (no polling, no race over display numbers).
        Process p = new ProcessBuilder(xvfbPath, "-displayfd", "1", "-screen", "0", "1280x720x24", "-nolisten", "tcp")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // Left open on purpose: closing it would give Xvfb a SIGPIPE if it ever wrote to stdout again.
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (line == null || !line.strip().matches("\\d+")) {
            p.destroyForcibly();
            throw new AssertionError("Xvfb did not start (exit " + (p.isAlive() ? "?" : p.exitValue()) + ")");
        }
        return new VirtualDisplay(":" + line.strip(), p);
    }

    private static String findXvfb() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "Xvfb");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor();
        }
    }
}
