package dev.burrow.dungeon;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
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
        for (int n = 90; n < 140; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            Process p = new ProcessBuilder(xvfbPath, ":" + n, "-screen", "0", "1280x720x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // Readiness, not timing: wait (bounded) until the server's socket exists or the server died.
            for (int i = 0; i < 200 && p.isAlive() && !Files.exists(Path.of("/tmp/.X11-unix/X" + n)); i++) {
                Thread.sleep(50);
            }
            if (p.isAlive() && Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                return new VirtualDisplay(":" + n, p);
            }
            p.destroyForcibly();
        }
        throw new AssertionError("could not start Xvfb on any display :90..:139");
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
